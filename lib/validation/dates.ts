/** Dates a person can mean: years 2000 to 2999 (year 0 or 275760 only break queries). */
export const sensibleDate = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= 2000 && year <= 2999;
};

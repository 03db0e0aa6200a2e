/**
 * A tenant's accent colour, derived from its slug so it is the same on every page and for every
 * user (FNV-1a over the slug picks a hue). Always shown next to the tenant's name, never alone.
 */
export function tenantAccent(slug: string): string {
  let hash = 0x811c9dc5;
  for (const ch of slug) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `hsl(${hash % 360} 65% 38%)`;
}

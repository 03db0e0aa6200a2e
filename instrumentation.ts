/** Runs once per server process before it serves. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerProcess } = await import('./lib/jobs/boot');
  await startServerProcess();
}

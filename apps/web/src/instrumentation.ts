// Runs once when the console's server starts. NEXT_RUNTIME is replaced at build time, so the edge bundle drops
// the Node-only check (the one read of process.env outside env.ts, in the form Next documents).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { refuseWeakConfiguration } = await import('./server/startup-check');
    refuseWeakConfiguration();
  }
}

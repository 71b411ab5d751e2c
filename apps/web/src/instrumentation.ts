// Runs once when the console's server starts. NEXT_RUNTIME is replaced at build time, so the edge bundle drops
// the Node-only part (NEXT_RUNTIME in the form Next documents; the OTEL_* variables are the standard's, read by
// the tracing setup the worker shares).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { refuseWeakConfiguration } = await import('./server/startup-check');
    refuseWeakConfiguration();
    // Traces start at the console's request (Next.js's own spans) when OTEL_TRACES_EXPORTER asks for them.
    const { startTracingFromEnv } = await import('@switchyard/engine/tracing');
    startTracingFromEnv(process.env, 'switchyard-console');
  }
}

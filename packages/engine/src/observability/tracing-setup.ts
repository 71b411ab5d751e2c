// Registers the OpenTelemetry SDK in an entry point (worker, console) when OTEL_TRACES_EXPORTER asks for it. The
// standard OTEL_* variables configure the rest: OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT / _HEADERS for
// the OTLP exporter, OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES for the resource.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  /** Flushes pending spans and stops exporting. */
  shutdown(): Promise<void>;
}

/** The exporters OTEL_TRACES_EXPORTER may name here; unset, empty or `none` leaves tracing off. */
const exporters: Record<string, () => SpanExporter> = {
  otlp: () => new OTLPTraceExporter(),
  console: () => new ConsoleSpanExporter(),
};

/**
 * Starts tracing as the environment says, or returns undefined (off: no SDK, every span call stays a no-op).
 * An exporter name we do not know is refused with the ones we do, rather than silently tracing nothing.
 */
export function startTracingFromEnv(env: NodeJS.ProcessEnv, serviceName: string): Tracing | undefined {
  const names = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'none');
  if (names.length === 0 || env['OTEL_SDK_DISABLED'] === 'true') return undefined;
  const unknown = names.filter((name) => !exporters[name]);
  if (unknown.length > 0)
    throw new Error(
      `OTEL_TRACES_EXPORTER names ${unknown.join(', ')}; expected one or more of: ${Object.keys(exporters).join(', ')}, none`,
    );
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': serviceName }))
    .merge(detectResources({ detectors: [envDetector] })); // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: names.map((name) => new BatchSpanProcessor(exporters[name]!())),
  });
  // Also installs the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

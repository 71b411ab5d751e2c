// Registers the OpenTelemetry SDK in an entry point (worker, console) when OTEL_TRACES_EXPORTER asks for it. The
// standard OTEL_* variables configure the rest: OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT / _HEADERS for
// the OTLP exporter, OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES for the resource, OTEL_TRACES_SAMPLER and
// OTEL_TRACES_SAMPLER_ARG for sampling (the SDK does not read those two itself).
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
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

/** The sampler OTEL_TRACES_SAMPLER names (the specification's values); parent-based always-on when unset. */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const name = env['OTEL_TRACES_SAMPLER'] || 'parentbased_always_on';
  const rawRatio = env['OTEL_TRACES_SAMPLER_ARG'];
  const ratio = rawRatio === undefined || rawRatio === '' ? 1 : Number(rawRatio);
  if (!(ratio >= 0 && ratio <= 1))
    throw new Error(`OTEL_TRACES_SAMPLER_ARG is "${rawRatio}"; expected a ratio between 0 and 1`);
  const roots: Record<string, () => Sampler> = {
    always_on: () => new AlwaysOnSampler(),
    always_off: () => new AlwaysOffSampler(),
    traceidratio: () => new TraceIdRatioBasedSampler(ratio),
  };
  const root = roots[name.replace(/^parentbased_/, '')];
  if (!root)
    throw new Error(
      `OTEL_TRACES_SAMPLER is "${name}"; expected one of: ${Object.keys(roots)
        .flatMap((r) => [r, `parentbased_${r}`])
        .join(', ')}`,
    );
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root: root() }) : root();
}

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
    sampler: samplerFromEnv(env),
    spanProcessors: names.map((name) => new BatchSpanProcessor(exporters[name]!())),
  });
  // Also installs the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

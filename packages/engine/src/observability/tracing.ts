// OpenTelemetry traces that follow one event: the API call or sendEvent, the outbox row, the queue, the apply
// transaction, the tasks it creates and the events they send back. Only @opentelemetry/api is used here: without
// a registered SDK (tracing off, the default) every call below is a no-op and nothing is added to any job.
import {
  context,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
} from '@opentelemetry/api';

const tracer = trace.getTracer('switchyard');

/** The W3C traceparent of the active span, to carry in an outbox row's job data; undefined when not tracing. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** The trace id (32 hex digits) of the active span, for the timeline entries written under it; null when none. */
export function activeTraceId(): string | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? spanContext.traceId : null;
}

/**
 * Runs `work` in a span. With `traceparent` (a job's), the span continues that trace as a consumer of the
 * message; without, it is a child of whatever is active (an HTTP request's span) or starts a trace. A throw
 * marks the span as an error and is rethrown.
 */
export function inSpan<T>(
  name: string,
  options: { traceparent?: string | undefined; attributes?: Attributes; kind?: 'consumer' | 'internal' },
  work: () => Promise<T>,
): Promise<T> {
  const parent = options.traceparent
    ? propagation.extract(context.active(), { traceparent: options.traceparent })
    : context.active();
  const kind = options.kind === 'consumer' ? SpanKind.CONSUMER : SpanKind.INTERNAL;
  return tracer.startActiveSpan(name, { kind, attributes: options.attributes ?? {} }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Wraps a service command so each call is a span (the root of an event's trace, or a child of the request's). */
export function traced<Args extends unknown[], Result>(
  name: string,
  command: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return (...args) => inSpan(name, {}, () => command(...args));
}

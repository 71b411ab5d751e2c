import { describe, expect, it } from 'vitest';
import { startTracingFromEnv } from '../../src/observability/tracing-setup';

describe('startTracingFromEnv', () => {
  it('leaves tracing off unless OTEL_TRACES_EXPORTER names an exporter', () => {
    expect(startTracingFromEnv({}, 'test')).toBeUndefined();
    expect(startTracingFromEnv({ OTEL_TRACES_EXPORTER: 'none' }, 'test')).toBeUndefined();
    expect(startTracingFromEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, 'test')).toBeUndefined();
  });

  it('refuses an exporter it does not know, naming the ones it does', () => {
    expect(() => startTracingFromEnv({ OTEL_TRACES_EXPORTER: 'zipkin' }, 'test')).toThrow(
      'OTEL_TRACES_EXPORTER names zipkin; expected one or more of: otlp, console, none',
    );
  });
});

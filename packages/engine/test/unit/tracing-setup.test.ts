import { describe, expect, it } from 'vitest';
import { samplerFromEnv, startTracingFromEnv } from '../../src/observability/tracing-setup';

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

describe('samplerFromEnv', () => {
  it('reads the specification sampler names and ratio', () => {
    expect(samplerFromEnv({}).toString()).toContain('ParentBased{root=AlwaysOnSampler');
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }).toString()).toBe(
      'TraceIdRatioBased{0.1}',
    );
    expect(
      samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).toString(),
    ).toContain('root=TraceIdRatioBased{0.25}');
  });

  it('refuses an unknown sampler or a ratio outside 0..1', () => {
    expect(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toThrow(/expected one of: always_on/);
    expect(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(
      'OTEL_TRACES_SAMPLER_ARG is "2"; expected a ratio between 0 and 1',
    );
  });
});

// `pnpm bench --observability`: the workers run with /metrics on and every span exported over OTLP/HTTP, as a
// deployment with both turned on would, so the round's figures show what they cost. The spans go to a sink in
// this process that only counts them (a collector's own cost is not the engine's).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ObservabilitySink {
  /** The worker environment that turns metrics and tracing on and points the exporter here. */
  env: Record<string, string>;
  /** What the exporters sent so far. */
  received(): { requests: number; bytes: number };
  stop(): Promise<void>;
}

export async function startObservabilitySink(): Promise<ObservabilitySink> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      METRICS_PORT: '0',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/v1/traces`,
    },
    received: () => ({ requests, bytes }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

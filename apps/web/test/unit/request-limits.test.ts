import { describe, expect, it } from 'vitest';
import { limitTrpcRequest } from '../../src/server/request-limits';

const limits = { trpcBodyBytes: 1024, trpcBatchSize: 3 };
const base = 'http://console.test/api/trpc';

async function refusal(result: Awaited<ReturnType<typeof limitTrpcRequest>>) {
  if (!('response' in result)) throw new Error('expected a refusal');
  return { status: result.response.status, body: (await result.response.json()) as unknown };
}

describe('limits at the tRPC door', () => {
  it('refuses a batch longer than LIMIT_TRPC_BATCH, one error per call, naming the figure', async () => {
    const paths = Array.from({ length: 5 }, () => 'instances.start').join(',');
    const result = await limitTrpcRequest(
      new Request(`${base}/${paths}?batch=1`, { method: 'POST', body: '{}' }),
      '/api/trpc',
      limits,
    );
    const { status, body } = await refusal(result);
    expect(status).toBe(400);
    expect(body).toHaveLength(5);
    expect(body).toContainEqual({
      error: expect.objectContaining({
        message: 'this batch has 5 calls; the limit is 3 (LIMIT_TRPC_BATCH)',
        data: expect.objectContaining({ code: 'BAD_REQUEST', path: 'instances.start' }),
      }),
    });
  });

  it('refuses a body over LIMIT_TRPC_BODY_BYTES by its content-length, before reading it', async () => {
    const result = await limitTrpcRequest(
      new Request(`${base}/drafts.save`, {
        method: 'POST',
        body: 'x'.repeat(5000),
        headers: { 'content-length': '5000' },
      }),
      '/api/trpc',
      limits,
    );
    const { status, body } = await refusal(result);
    expect(status).toBe(413);
    expect(body).toMatchObject({
      error: {
        message: 'the request body is 4.9 KiB (5000 bytes); the limit is 1 KiB (LIMIT_TRPC_BODY_BYTES)',
        data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
      },
    });
  });

  it('refuses a streamed body without a content-length once it passes the cap', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(512).fill(120));
      },
    });
    const result = await limitTrpcRequest(
      new Request(`${base}/drafts.save`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
      '/api/trpc',
      limits,
    );
    expect((await refusal(result)).body).toMatchObject({
      error: { message: 'the request body is larger than 1 KiB; the limit is 1 KiB (LIMIT_TRPC_BODY_BYTES)' },
    });
  });

  it('passes a request within the limits on, body intact', async () => {
    const result = await limitTrpcRequest(
      new Request(`${base}/a,b?batch=1`, { method: 'POST', body: '{"0":{"json":1}}' }),
      '/api/trpc',
      limits,
    );
    if (!('request' in result)) throw new Error('expected the request to pass');
    expect(await result.request.text()).toBe('{"0":{"json":1}}');
  });
});

// Refusals at the door of the tRPC endpoint: an over-large body or an over-long batch is answered before
// anything parses it, in tRPC's own error shape so the console shows the message.
import { formatSize, type InputLimits } from '@switchyard/engine/limits';

type Limits = Pick<InputLimits, 'trpcBodyBytes' | 'trpcBatchSize'>;

function refusal(req: Request, endpoint: string, status: 400 | 413, message: string): Response {
  const url = new URL(req.url);
  const paths = url.pathname.slice(endpoint.length + 1).split(',');
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  const envelope = (path: string) => ({
    error: {
      message,
      code: status === 413 ? -32413 : -32600,
      data: {
        code,
        httpStatus: status,
        path,
        engineCode: null,
        details: [{ path: '(request)', message, code: 'LIMIT_EXCEEDED' }],
      },
    },
  });
  const body = url.searchParams.get('batch') === '1' ? paths.map(envelope) : envelope(paths[0] ?? '');
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Reads a body to its end, or returns null as soon as it passes `cap` bytes, whatever content-length said. */
export async function readCapped(
  body: ReadableStream<Uint8Array>,
  cap: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * Checks one request against LIMIT_TRPC_BATCH and LIMIT_TRPC_BODY_BYTES. Returns the request to hand to tRPC
 * (its body read once, within the cap) or the refusal to send back.
 */
export async function limitTrpcRequest(
  req: Request,
  endpoint: string,
  limits: Limits,
): Promise<{ request: Request } | { response: Response }> {
  const url = new URL(req.url);
  if (url.searchParams.get('batch') === '1') {
    const calls = url.pathname.slice(endpoint.length + 1).split(',').length;
    if (calls > limits.trpcBatchSize)
      return {
        response: refusal(
          req,
          endpoint,
          400,
          `this batch has ${calls} calls; the limit is ${limits.trpcBatchSize} (LIMIT_TRPC_BATCH)`,
        ),
      };
  }
  if (!req.body) return { request: req };
  const tooLarge = (size: string) => ({
    response: refusal(
      req,
      endpoint,
      413,
      `the request body is ${size}; the limit is ${formatSize(limits.trpcBodyBytes)} (LIMIT_TRPC_BODY_BYTES)`,
    ),
  });
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.trpcBodyBytes)
    return tooLarge(`${formatSize(declared)} (${declared} bytes)`);
  // No (or a false) content-length: count while reading, and stop at the cap.
  const body = await readCapped(req.body, limits.trpcBodyBytes);
  if (!body) return tooLarge(`larger than ${formatSize(limits.trpcBodyBytes)}`);
  return { request: new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal }) };
}

import { expect, test, type APIRequestContext } from '@playwright/test';

// The limits at the console's tRPC endpoint, against the real built console (signed in as the demo admin).

async function instanceCount(request: APIRequestContext): Promise<number> {
  const body = (await (await request.get('/api/trpc/stats.countsByStatus')).json()) as {
    result: { data: { count: number }[] };
  };
  return body.result.data.reduce((sum, row) => sum + row.count, 0);
}

test('a tRPC batch longer than the limit is refused before any call runs, naming the limit', async ({ request }) => {
  const paths = Array.from({ length: 300 }, () => 'instances.start').join(',');
  const inputs = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [String(i), { definitionKey: 'hello-workflow' }]),
  );
  const before = await instanceCount(request);
  const response = await request.post(`/api/trpc/${paths}?batch=1`, { data: inputs });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { message: string } }[];
  expect(body).toHaveLength(300);
  expect(body[0]!.error.message).toBe('this batch has 300 calls; the limit is 50 (LIMIT_TRPC_BATCH)');
  // Nothing was started.
  expect(await instanceCount(request)).toBe(before);
});

test('an over-large request body is refused with 413 and the figure', async ({ request }) => {
  const response = await request.post('/api/trpc/drafts.save', {
    data: { key: 'huge', spec: { id: 'huge', blob: 'x'.repeat(3 * 1024 * 1024) } },
  });
  expect(response.status()).toBe(413);
  const body = (await response.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(
    /^the request body is 3 MiB \(\d+ bytes\); the limit is 2 MiB \(LIMIT_TRPC_BODY_BYTES\)$/,
  );
});

test('a start input over the limit is refused by the engine with the field and the limit', async ({ request }) => {
  const response = await request.post('/api/trpc/instances.start', {
    data: { definitionKey: 'hello-workflow', input: { blob: 'x'.repeat(300 * 1024) } },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { message: string; data: { engineCode: string } } };
  expect(body.error.message).toBe('input is 300 KiB (307211 bytes); the limit is 256 KiB (LIMIT_START_INPUT_BYTES)');
  expect(body.error.data.engineCode).toBe('BAD_INPUT');
});

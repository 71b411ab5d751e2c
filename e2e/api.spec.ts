import { expect, test, type APIRequestContext } from '@playwright/test';
import { operations } from '../apps/web/src/server/api/operations';
import { shot } from './support/shots';
import { unique } from './support';

/** An API token made by the signed-in admin through the console's own endpoint (as Members & tokens does). */
async function createToken(request: APIRequestContext, baseURL: string, role: 'viewer' | 'operator') {
  const res = await request.post('/api/trpc/access.createToken', {
    data: { name: unique(`api-${role}`), role },
    headers: { origin: baseURL },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
}

test('the API reference lists every operation and sends a call with a pasted token', async ({ page, baseURL }) => {
  const token = await createToken(page.request, baseURL!, 'operator');
  await page.goto('/');
  await page.getByRole('link', { name: 'API' }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  const reference = page.getByTestId('api-reference');
  for (const op of operations) await expect(reference.getByText(op.summary).first()).toBeVisible();
  await shot(page, 'api-reference');

  // Paste the token where the reference asks for it, then try "List definitions" from its request panel.
  await reference.getByRole('textbox', { name: 'Bearer Token' }).fill(token);
  await reference
    .getByRole('link', { name: /List definitions/ })
    .first()
    .click();
  await reference.getByRole('button', { name: 'Test Request (get /definitions)' }).click();
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/definitions');
  await page.getByRole('button', { name: /Send/ }).first().click();
  const response = await answered;
  expect(response.request().headers()['authorization']).toBe(`Bearer ${token}`);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('hello-workflow');
  await expect(
    page
      .getByRole('dialog')
      .getByText(/\b200\b/)
      .first(),
  ).toBeVisible();
  await shot(page, 'api-reference-try');
});

test('the HTTP API answers a program as the console would: start, send, read, and problems', async ({
  request,
  baseURL,
}) => {
  const token = await createToken(request, baseURL!, 'operator');
  const headers = { authorization: `Bearer ${token}` };
  const key = unique('api-e2e');
  const started = await request.post('/api/v1/instances', {
    headers,
    data: { definitionKey: 'hello-workflow', businessKey: key, input: { name: 'Ada' } },
  });
  expect(started.status()).toBe(201);
  const { instanceId } = (await started.json()) as { instanceId: string };
  const again = await request.post('/api/v1/instances', {
    headers,
    data: { definitionKey: 'hello-workflow', businessKey: key, input: { name: 'Ada' } },
  });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { instanceId: string }).instanceId).toBe(instanceId);

  // The worker runs it to the end; the API's GET shows it and its timeline.
  await expect
    .poll(async () => {
      const got = (await (await request.get(`/api/v1/instances/${instanceId}`, { headers })).json()) as {
        instance: { status: string };
      };
      return got.instance.status;
    })
    .toBe('completed');
  const late = await request.post(`/api/v1/instances/${instanceId}/events`, { headers, data: { type: 'HELLO' } });
  expect(late.status()).toBe(409);
  expect(late.headers()['content-type']).toBe('application/problem+json');

  const tooBig = await request.post('/api/v1/instances', {
    headers: { ...headers, 'content-type': 'application/json' },
    data: JSON.stringify({ definitionKey: 'hello-workflow', input: { blob: 'x'.repeat(3 * 1024 * 1024) } }),
  });
  expect(tooBig.status()).toBe(413);

  // Routes of their own under /api/v1 (inbound webhooks) are not swallowed by the API's catch-all.
  const hook = await request.post('/api/v1/hooks/00000000-0000-4000-8000-000000000000', { data: {} });
  expect(await hook.text()).not.toContain('no API operation');
});

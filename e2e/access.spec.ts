import { expect, test, type Page } from '@playwright/test';
import { operations } from '../apps/web/src/server/api/operations';
import { shot } from './support/shots';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/instances');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Finstances/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/instances$/);
}

test('a viewer sees no action buttons, and a forced request is refused by the server', async ({ page }) => {
  await signIn(page, 'viewer@demo.test', 'viewer-password');
  await expect(page.getByTestId('my-role')).toHaveText('viewer');
  const firstInstance = page.locator('table a[href^="/instances/"]').first();
  await firstInstance.click();
  await expect(page.getByRole('heading', { name: 'Timeline' }).or(page.getByText(/Timeline \(/))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel instance' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send event…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);

  const instanceId = page.url().split('/instances/')[1]!;
  const forced = await page.request.post('/api/trpc/instances.cancel', {
    data: { instanceId, reason: 'forced by a viewer' },
  });
  expect(forced.status()).toBe(403);
  expect(await forced.text()).toContain('this needs the operator role; you are viewer in demo');
  await shot(page, 'viewer');
});

test('an admin switches tenant and sees only that tenant, then signs out', async ({ page }) => {
  await signIn(page, 'admin@demo.test', 'admin-password');
  await page.goto('/definitions');
  await expect(page.getByRole('link', { name: 'hello-workflow' })).toBeVisible();

  await page.getByRole('combobox', { name: 'tenant' }).selectOption('acme');
  await expect(page.getByTestId('my-role')).toHaveText('viewer');
  await page.goto('/definitions');
  await expect(page.getByText(/No definitions|no definitions/i)).toBeVisible();
  await expect(page.getByRole('link', { name: 'hello-workflow' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'tenant' }).selectOption('demo');
  await expect(page.getByTestId('my-role')).toHaveText('admin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/instances');
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the HTTP API gives every operation the console's roles: 401 without a token, 403 exactly where the role is too low", async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'admin@demo.test', 'admin-password');
  const tokens: Record<string, string> = {};
  for (const role of ['viewer', 'operator'] as const) {
    const res = await page.request.post('/api/trpc/access.createToken', {
      data: { name: `walk-${role}-${Date.now().toString(36)}`, role },
      headers: { origin: baseURL! },
    });
    tokens[role] = ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
  }
  const operator = { authorization: `Bearer ${tokens.operator}` };
  const started = await page.request.post('/api/v1/instances', {
    headers: operator,
    data: { definitionKey: 'hello-workflow' },
  });
  const { instanceId } = (await started.json()) as { instanceId: string };
  const task = '00000000-0000-4000-8000-000000000000';
  const calls: Record<string, { path: string; data?: unknown }> = {
    startInstance: { path: '/api/v1/instances', data: { definitionKey: 'hello-workflow' } },
    listInstances: { path: '/api/v1/instances?status=running' },
    getInstance: { path: `/api/v1/instances/${instanceId}` },
    sendEvent: { path: `/api/v1/instances/${instanceId}/events`, data: { type: 'NOTHING' } },
    cancelInstance: { path: `/api/v1/instances/${instanceId}/cancel`, data: { reason: 'access walk' } },
    retryTask: { path: `/api/v1/tasks/${task}/retry`, data: { reason: 'access walk' } },
    listDefinitions: { path: '/api/v1/definitions' },
  };
  expect(operations.map((o) => o.id).filter((id) => !calls[id])).toEqual([]);
  const rank = { viewer: 0, operator: 1, admin: 2 };
  for (const op of operations) {
    const call = calls[op.id]!;
    const send = (headers: Record<string, string>) =>
      op.method === 'get'
        ? page.request.get(call.path, { headers })
        : page.request.post(call.path, { headers, data: call.data });
    expect([op.id, (await send({})).status()]).toEqual([op.id, 401]);
    for (const role of ['viewer', 'operator'] as const) {
      const status = (await send({ authorization: `Bearer ${tokens[role]}` })).status();
      expect([op.id, role, status === 403]).toEqual([op.id, role, rank[role] < rank[op.role]]);
      expect([op.id, role, status === 401]).toEqual([op.id, role, false]);
    }
  }
});

import { expect, test, type Page } from '@playwright/test';
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

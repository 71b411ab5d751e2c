import { expect, test as setup } from '@playwright/test';

setup('sign in as the demo admin', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('admin@demo.test');
  await page.getByLabel('Password').fill('admin-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await page.context().storageState({ path: 'e2e/.auth/admin.json' });
});

import { expect, test, type Page } from '@playwright/test';

async function submitHosts(page: Page, hosts: string, reason: string): Promise<void> {
  await page.getByTestId('egress-hosts').fill(hosts);
  await page.getByRole('button', { name: 'Save hosts' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByLabel(/Reason/).press('Enter');
}

async function saveHosts(page: Page, hosts: string, reason: string): Promise<void> {
  await submitHosts(page, hosts, reason);
  await expect(page.getByRole('dialog')).toBeHidden();
}

test("an admin restricts the tenant's HTTP hosts in Settings; the change is normalised and audited", async ({
  page,
}) => {
  await page.goto('/settings');
  try {
    await saveHosts(page, 'API.example.com\n*.partner.example', 'partners only');
    await page.reload();
    await expect(page.getByTestId('egress-hosts')).toHaveValue('api.example.com\n*.partner.example');

    await submitHosts(page, 'https://evil.example/path', 'a mistake');
    await expect(page.getByRole('dialog')).toContainText('is not a host name');
    await page.keyboard.press('Escape');

    await page.goto('/audit');
    await page.getByLabel('Filter by action').selectOption('tenant.egress_hosts_set');
    const row = page.getByTestId('audit-table').locator('tbody tr').first();
    await expect(row).toContainText('operator:admin@demo.test');
    await expect(row).toContainText('partners only');
  } finally {
    // The other browser tests call a local server from this tenant: leave the list empty again.
    await page.goto('/settings');
    await saveHosts(page, '', 'back to any public host');
    await page.reload();
    await expect(page.getByTestId('egress-hosts')).toHaveValue('');
  }
});

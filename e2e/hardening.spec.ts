import { expect, test } from '@playwright/test';
import { cli } from './support';

test('pages carry the security headers and render with no Content-Security-Policy violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  // Chromium reports each violation on the console too; this makes sure nothing is missed (a script, not a function:
  // the e2e project has no DOM types).
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('Refused to load: CSP ' + e.violatedDirective + ' ' + e.blockedURI));",
  });

  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

  // The graph (React Flow: inline styles) and the editor are the pages most likely to trip a policy.
  const { instanceId } = await cli<{ instanceId: string }>('start', 'hello-workflow');
  await page.goto(`/instances/${instanceId}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.goto('/definitions/hello-workflow/edit');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Invitations' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a mutation from another site is refused (403) even with the session cookie', async ({ page }) => {
  await page.goto('/');
  const forged = await page.request.post('/api/trpc/instances.start', {
    data: { definitionKey: 'hello-workflow' },
    headers: { origin: 'https://evil.example' },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('cross-site request refused');
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { publishSpec } from './support';
import { shot } from './support/shots';

const VALUE = 'sk-e2e-ledger-5c0ffee5e11a';

/** A ledger API that answers 200 only to `Authorization: Bearer VALUE`. */
async function ledger(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const ok = req.headers.authorization === `Bearer ${VALUE}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { balance: 42 } : { error: 'bad credentials' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/balance`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('an admin sets a secret and sees only its name; a task uses it and the console shows ••• name', async ({
  page,
}) => {
  await page.goto('/settings');
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Secrets' }) });
  await panel.getByLabel('Secret name').fill('e2e_ledger_key');
  await panel.getByLabel('Secret value').fill(VALUE);
  await panel.getByRole('button', { name: 'Set secret' }).click();
  await expect(panel.getByRole('status')).toContainText(/Secret e2e_ledger_key (stored|rotated)/); // rotated when the e2e database is reused
  const table = page.getByRole('table', { name: 'Secrets' });
  await expect(table.getByRole('row', { name: /e2e_ledger_key/ })).toContainText('••• e2e_ledger_key');
  await expect(page.getByLabel('Secret value')).toHaveValue('');
  expect(await page.content()).not.toContain(VALUE);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'secrets');

  await page.reload();
  await expect(page.getByRole('table', { name: 'Secrets' })).toContainText('••• e2e_ledger_key');
  expect(await page.content()).not.toContain(VALUE);

  const api = await ledger();
  try {
    await publishSpec({
      id: 'e2e-secret-http',
      initial: 'start',
      states: {
        start: {
          on: {
            WORKFLOW_START: {
              target: 'calling',
              actions: [
                {
                  type: 'createTask',
                  task: {
                    type: 'HTTP',
                    name: 'balance',
                    completionEvent: 'OK',
                    maxAttempts: 1,
                    input: {
                      method: 'GET',
                      url: api.url,
                      headers: { authorization: { $secret: 'e2e_ledger_key', prefix: 'Bearer ' } },
                    },
                  },
                },
              ],
            },
          },
        },
        calling: { on: { OK: { target: 'done' } } },
        done: { type: 'final' },
      },
    });
    await page.goto('/definitions/e2e-secret-http');
    await page
      .getByRole('button', { name: /Start instance/ })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start instance' }).click();
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
    await expect(page.locator('[data-task-name="balance"]')).toHaveAttribute('data-task-status', 'succeeded', {
      timeout: 20_000,
    });
    const created = page.locator('[data-type="task.created"]');
    await created.getByRole('button', { name: 'JSON' }).click();
    await expect(created).toContainText('Bearer ••• e2e_ledger_key');
    expect(await page.content()).not.toContain(VALUE);
  } finally {
    await api.close();
  }
});

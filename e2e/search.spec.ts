import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { cli, publishSpec } from './support';
import { shot } from './support/shots';

// Letters only, so the error signature keeps it (digits and long hex runs are stripped): each run's incident
// group and context values are its own even though the e2e database outlives a run.
const tag = `run${Date.now()
  .toString(36)
  .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

/** A payment endpoint: /charge/ok-* succeeds, anything else is declined with a 500. */
async function paymentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const ok = req.url?.includes('/charge/ok-') ?? false;
    res.writeHead(ok ? 200 : 500, `Declined ${tag}`, { 'content-type': 'text/plain' });
    res.end(ok ? 'charged' : `card declined ${tag}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('finds orders by a context value, compares two of them, and sees their failures grouped as an incident', async ({
  page,
}) => {
  // One story across four pages; each step waits on what the page shows, not on time.
  test.setTimeout(180_000);
  const payments = await paymentServer();
  try {
    const key = `e2e-search-${tag}`;
    await publishSpec({
      id: key,
      initial: 'received',
      states: {
        received: {
          on: {
            WORKFLOW_START: {
              target: 'charging',
              actions: [
                {
                  type: 'createTask',
                  task: {
                    type: 'HTTP',
                    name: 'charge',
                    maxAttempts: 1,
                    completionEvent: 'CHARGED',
                    input: { method: 'POST', url: { $template: `${payments.url}/charge/{{context.orderId}}` } },
                  },
                },
              ],
            },
          },
        },
        charging: { on: { CHARGED: { target: 'done' } } },
        done: { type: 'final' },
      },
    });
    const orders = [
      {
        businessKey: `${tag}-gold-big`,
        input: { run: tag, orderId: 'ok-1', customer: { tier: 'gold' }, amount: 1500 },
      },
      {
        businessKey: `${tag}-gold-small`,
        input: { run: tag, orderId: 'bad-2', customer: { tier: 'gold' }, amount: 300 },
      },
      {
        businessKey: `${tag}-silver`,
        input: { run: tag, orderId: 'bad-3', customer: { tier: 'silver' }, amount: 2500 },
      },
    ];
    for (const o of orders)
      await cli('start', key, '--input', JSON.stringify(o.input), '--business-key', o.businessKey);

    // 1. Find: the run's gold orders, then only the big one.
    await page.goto(`/instances?where=${encodeURIComponent(`context.run = ${tag}`)}`);
    const rows = page.locator('[data-testid="instances-table"] tbody tr');
    await expect(rows).toHaveCount(3);
    const condition = page.getByLabel('Condition on a context or input value');
    await condition.fill('context.customer.tier = gold');
    await condition.press('Enter');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('result-count')).toHaveText('2 instances match');
    await expect(page.getByTestId('condition-chip')).toHaveText([
      `context.run = ${tag}×`,
      'context.customer.tier = gold×',
    ]);
    await condition.fill('context.amount > 1000');
    await condition.press('Enter');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`${tag}-gold-big`);
    await expect(page).toHaveURL(/where=context\.amount/);
    await shot(page, 'search');
    // A typo is explained, not silently ignored.
    await condition.fill('customer.tier = gold');
    await condition.press('Enter');
    await expect(page.getByRole('search', { name: 'Search inside instances' }).getByRole('alert')).toContainText(
      'expected a path starting with context. or input.',
    );
    await page.getByRole('button', { name: 'Remove condition context.amount > 1000' }).click();
    await expect(rows).toHaveCount(2);

    // Saved as a view, it comes back from the list of views.
    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.getByLabel('View name').fill(`Gold orders ${tag}`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByLabel('Saved views')).toHaveValue(/[0-9a-f-]{36}/);
    await expect(page.getByLabel('Saved views').locator('option', { hasText: `Gold orders ${tag}` })).toHaveCount(1);

    // 2. Compare: wait until the charge settled both ways, then tick the two gold orders.
    await expect(rows.filter({ hasText: `${tag}-gold-big` }).locator('[data-status="completed"]')).toBeVisible({
      timeout: 30_000,
    });
    await expect(rows.filter({ hasText: `${tag}-gold-small` }).locator('[data-status="failed"]')).toBeVisible({
      timeout: 30_000,
    });
    await rows
      .filter({ hasText: `${tag}-gold-big` })
      .getByRole('checkbox')
      .check();
    await rows
      .filter({ hasText: `${tag}-gold-small` })
      .getByRole('checkbox')
      .check();
    await page.getByTestId('compare-tray').getByRole('link', { name: 'Compare' }).click();
    await page.waitForURL(/\/compare\?a=.*&b=/);
    await expect(page.getByTestId('compare-state-A')).toHaveText('done');
    await expect(page.getByTestId('compare-state-B')).toHaveText('charging');
    const diff = page.getByTestId('context-diff');
    await expect(diff.locator('tr', { hasText: 'context.amount' })).toContainText('1500');
    await expect(diff.locator('tr', { hasText: 'context.amount' })).toContainText('300');
    const steps = page.getByTestId('aligned-timelines').locator('tbody tr');
    await expect(steps.filter({ hasText: 'charging → done on CHARGED' })).toContainText('not taken');
    await shot(page, 'compare');
    await steps.filter({ hasText: 'received → charging on WORKFLOW_START' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'after step 2' })).toBeVisible();
    await expect(page.getByTestId('compare-state-A')).toHaveText('charging');

    // 3. Incidents: the two declined charges are one group of two.
    await page.goto('/incidents');
    const group = page.getByTestId('incident-group').filter({ hasText: tag });
    await expect(group).toHaveCount(1);
    await expect(group.getByTestId('incident-count')).toHaveText('2');
    await expect(group.getByTestId('incident-signature')).toContainText('answered <n>');
    await expect(group.getByTestId('incident-signature')).toContainText(tag);
    await group.scrollIntoViewIfNeeded();
    await shot(page, 'incidents');
    await group.getByRole('link', { name: 'Show instances →' }).click();
    await expect(page.getByTestId('signature-chip')).toBeVisible();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: `${tag}-silver` })).toHaveCount(1);

    // Inside one instance's history: only the failure, and "compare with…" from there.
    await rows
      .filter({ hasText: `${tag}-silver` })
      .getByRole('link')
      .first()
      .click();
    await page.getByLabel('Entry kind').selectOption('task.failed');
    await expect(page.getByTestId('timeline-matches')).toHaveText('1 matching');
    await expect(page.locator('[data-testid="timeline"] [data-type]')).toHaveCount(1);
    await page.getByRole('link', { name: 'Compare with…' }).click();
    await expect(page.getByTestId('compare-candidates').locator('tr', { hasText: `${tag}-gold-small` })).toBeVisible();
  } finally {
    await payments.close();
  }
});

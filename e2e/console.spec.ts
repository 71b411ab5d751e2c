import { expect, test, type Page } from '@playwright/test';
import { flakyServer, publishSpec } from './support';
import { shot } from './support/shots';

async function startFromDefinitionPage(page: Page, key: string, input = '{}'): Promise<string> {
  await page.goto(`/definitions/${key}`);
  await expect(page.locator('[data-testid="spec-graph"] [data-state]').first()).toBeVisible();
  await page
    .getByRole('button', { name: /Start instance/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Input/).fill(input);
  await dialog.getByRole('button', { name: 'Start instance' }).click();
  await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
  return page.url().split('/instances/')[1]!.split('?')[0]!;
}

async function confirmWithReason(page: Page, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByLabel(/Reason/).press('Enter');
  await expect(dialog).toBeHidden();
}

test('starts hello-workflow from the UI and watches it reach done without reloading', async ({ page }) => {
  await page.goto('/definitions/hello-workflow');
  await expect(page.locator('[data-state="done"]')).toBeVisible();
  await shot(page, 'definition');
  await startFromDefinitionPage(page, 'hello-workflow', '{"name":"Ada"}');
  await expect(page.locator('[data-testid="timeline"] [data-type="instance.completed"]')).toBeVisible();
  await expect(page.getByTestId('current-state')).toHaveText('done');
  const current = page.locator('[data-current="true"]');
  await expect(current).toHaveCount(1);
  await expect(current).toHaveAttribute('data-state', 'done');
  await expect(current).toHaveClass(/state-node--current/);
  await expect(page.locator('.edge-label__order')).toHaveText(['1', '2']);
  await shot(page, 'instance');

  // Time travel: the first transition's entry shows the graph as it was then.
  await page.locator('[data-testid="timeline"] [data-type="transition"] > button').last().click();
  await expect(page.getByTestId('replay-banner')).toContainText('seq');
  await expect(page.locator('[data-current="true"]')).toHaveAttribute('data-state', 'notify');
  await shot(page, 'instance-replay');
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(page.locator('[data-current="true"]')).toHaveAttribute('data-state', 'done');
});

test('a failing HTTP task is retried from the UI and then succeeds', async ({ page }) => {
  const upstream = await flakyServer();
  try {
    await publishSpec({
      id: 'e2e-http',
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
                    name: 'call-api',
                    input: { method: 'GET', url: upstream.url, timeoutMs: 2000 },
                    completionEvent: 'API_OK',
                    maxAttempts: 2,
                  },
                },
              ],
            },
          },
        },
        calling: { on: { API_OK: { target: 'done' } } },
        done: { type: 'final' },
      },
    });
    await startFromDefinitionPage(page, 'e2e-http');
    const row = page.locator('[data-task-name="call-api"]');
    await expect(row).toHaveAttribute('data-task-status', 'failed', { timeout: 20_000 });
    await expect(row.locator('.cell-error')).toContainText('500');
    await expect(page.locator('.badge[data-status="failed"]').first()).toBeVisible();
    await shot(page, 'instance-failed');

    upstream.setHealthy(true);
    await row.getByRole('button', { name: 'Retry' }).click();
    await confirmWithReason(page, 'upstream fixed');
    await expect(row).toHaveAttribute('data-task-status', 'succeeded');
    await expect(page.getByTestId('current-state')).toHaveText('done');
    const retried = page.locator('[data-testid="timeline"] [data-type="task.retried"]');
    await expect(retried).toContainText('upstream fixed');
    await expect(retried).toContainText('operator:admin@demo.test');
  } finally {
    await upstream.close();
  }
});

test('a delayed task cancelled from the UI never runs; then the instance is cancelled', async ({ page }) => {
  await publishSpec({
    id: 'e2e-delayed',
    initial: 'start',
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'waiting',
            actions: [
              {
                type: 'createTask',
                task: {
                  type: 'EMAIL',
                  name: 'reminder',
                  input: { to: 'ops@example.com', subject: 'later' },
                  runAt: { in: '1h' },
                  completionEvent: 'REMINDED',
                },
              },
            ],
          },
        },
      },
      waiting: { on: { REMINDED: { target: 'done' }, SKIP: { target: 'done' } } },
      done: { type: 'final' },
    },
  });
  await startFromDefinitionPage(page, 'e2e-delayed');
  const row = page.locator('[data-task-name="reminder"]');
  await expect(row.locator('.badge')).toHaveText('delayed');
  await expect(row.getByRole('button', { name: 'Retry' })).toBeDisabled();
  await row.getByRole('button', { name: 'Cancel' }).click();
  await confirmWithReason(page, 'not needed any more');
  await expect(row).toHaveAttribute('data-task-status', 'cancelled');
  await expect(page.locator('[data-testid="timeline"] [data-type="task.cancelled"]')).toContainText(
    'not needed any more',
  );
  await page.waitForTimeout(1_500);
  await expect(page.locator('[data-testid="timeline"] [data-type="task.started"]')).toHaveCount(0);

  // The dialog refuses to confirm without a reason, and Esc closes it.
  await page.getByRole('button', { name: 'Cancel instance' }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel instance' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('button', { name: 'Cancel instance' }).click();
  await confirmWithReason(page, 'customer withdrew');
  await expect(page.locator('.page-header .badge')).toHaveText('cancelled');
  await expect(page.locator('[data-testid="timeline"] [data-type="instance.cancelled"]')).toContainText(
    'customer withdrew',
  );
  await expect(page.getByRole('button', { name: 'Send event…' })).toBeDisabled();
});

test('sends an accepted event with a validated JSON payload', async ({ page }) => {
  await startFromDefinitionPage(page, 'e2e-delayed');
  await expect(page.locator('[data-current="true"]')).toHaveAttribute('data-state', 'waiting');
  await page.getByRole('button', { name: 'Send event…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'SKIP', exact: true }).click();
  await dialog.getByLabel('Payload (JSON)').fill('{"why": ');
  await expect(dialog.getByTestId('payload-error')).toContainText('not valid JSON');
  await dialog.getByLabel('Payload (JSON)').fill('{"why": "manual"}');
  await confirmWithReason(page, 'skip the reminder');
  await expect(page.getByTestId('current-state')).toHaveText('done');
  await expect(page.locator('[data-testid="timeline"] [data-type="event.received"]').first()).toContainText('SKIP');
});

test('overview and instance list render live data', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('status-counts')).toContainText('completed');
  await expect(page.locator('svg[aria-label="Instances per minute"]')).toBeVisible();
  await shot(page, 'overview');
  await page.goto('/instances?status=completed');
  await expect(page.getByTestId('instances-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('completed');
  await shot(page, 'instances');
  await page.goto('/definitions');
  await expect(page.getByRole('link', { name: 'hello-workflow' })).toBeVisible();
  await shot(page, 'definitions');
});

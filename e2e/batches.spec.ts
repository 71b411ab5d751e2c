import { expect, test, type Page } from '@playwright/test';
import { cli, publishSpec, unique } from './support';
import { shot } from './support/shots';

// Batches by query and migrations from the diff view, as an operator does them in the console.

async function confirmWithReason(page: Page, reason: string, button: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

async function waitFor(instanceId: string, done: (i: { status: string; stateValue: string }) => boolean) {
  await expect
    .poll(async () => done(await cli<{ status: string; stateValue: string }>('show', instanceId)), { timeout: 30_000 })
    .toBe(true);
}

test('an operator retries every failed instance a query matches: preview, run, progress to the end, audit', async ({
  page,
}) => {
  const key = unique('e2e-ledger');
  // The egress policy refuses the loopback URL: the task fails at once and the instance fails with it.
  await publishSpec({
    id: key,
    initial: 'new',
    context: {},
    states: {
      new: {
        on: {
          WORKFLOW_START: {
            target: 'pushing',
            actions: [
              {
                type: 'createTask',
                task: {
                  type: 'HTTP',
                  name: 'push-to-ledger',
                  input: { method: 'POST', url: 'http://10.255.255.1:9/ledger' },
                  maxAttempts: 1,
                  completionEvent: 'PUSHED',
                },
              },
            ],
          },
        },
      },
      pushing: { on: { PUSHED: { target: 'done' } } },
      done: { type: 'final' },
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await cli<{ instanceId: string }>('start', key)).instanceId);
  for (const id of ids) await waitFor(id, (i) => i.status === 'failed');

  await page.goto(`/instances?definition=${key}&status=failed`);
  await expect(page.locator('[data-testid="instances-table"] tbody tr')).toHaveCount(5);
  await page.getByTestId('batch-open').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Action').selectOption('retry');
  await dialog.getByLabel('Instances per second').fill('2');
  await dialog.getByTestId('batch-preview').click();
  const preview = dialog.getByTestId('batch-preview-result');
  await expect(preview).toContainText('5 instances match');
  await expect(preview).toContainText('5 will retry push-to-ledger');
  await shot(page, 'batch-preview');
  await confirmWithReason(page, 'the ledger is reachable again', /^Run on 5 instances$/);

  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const progress = page.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('aria-valuemax', '5');
  await expect(progress).toHaveAttribute('aria-valuenow', '5', { timeout: 30_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('5 succeeded · 0 skipped · 0 failed · 0 to go');
  await expect(page.locator('[data-testid="batch-items"] tbody tr[data-status="succeeded"]')).toHaveCount(5);
  await shot(page, 'batch-progress');
  const batchId = page.url().split('/').at(-1)!;

  // Each instance's timeline names the batch.
  await page.goto(`/instances/${ids[0]}`);
  await expect(page.locator('[data-testid="timeline"] [data-type="task.retried"]')).toContainText(
    `batch ${batchId.slice(0, 8)}`,
  );

  await page.goto('/audit');
  const row = page.locator('[data-testid="audit-table"] tr', { hasText: 'batch.completed' }).first();
  await expect(row).toContainText('the ledger is reachable again');
  await shot(page, 'batch-audit');
});

test('an operator migrates instances from the diff view, mapping the state the new version removed', async ({
  page,
}) => {
  const key = unique('e2e-flow');
  const v1 = {
    id: key,
    initial: 'new',
    context: {},
    states: {
      new: { on: { WORKFLOW_START: { target: 'review' } } },
      review: { on: { APPROVE: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
  await publishSpec(v1);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await cli<{ instanceId: string }>('start', key)).instanceId);
  for (const id of ids) await waitFor(id, (i) => i.stateValue === 'review');
  await publishSpec({
    ...v1,
    states: {
      new: { on: { WORKFLOW_START: { target: 'checking' } } },
      checking: { on: { APPROVE: { target: 'done' } } },
      done: { type: 'final' },
    },
  });

  await page.goto(`/definitions/${key}/diff?from=1&to=2`);
  await expect(page.getByTestId('affected-count')).toHaveText('3');
  await page.getByTestId('migrate-open').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('migrate-preview').click();
  await expect(dialog.getByTestId('migrate-preview-result')).toContainText(
    '3 needs a state mapping: sits in "review", which v2 removed',
  );
  await dialog.getByLabel(/Reason/).fill('v2 renames review');
  await dialog.getByRole('button', { name: /^Migrate/ }).click();
  await expect(dialog.getByRole('alert')).toContainText('Map every removed state first.');

  await dialog.getByLabel('Map review').selectOption('checking');
  await dialog.getByTestId('migrate-preview').click();
  await expect(dialog.getByTestId('migrate-preview-result')).toContainText('3 will move to v2 (review → checking)');
  await shot(page, 'migrate-preview');
  await dialog.getByRole('button', { name: 'Migrate 3 instance(s)' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('batch-progress')).toHaveAttribute('aria-valuenow', '3', { timeout: 30_000 });
  for (const id of ids) {
    const shown = await cli<{ definitionVersion: number; stateValue: string }>('show', id);
    expect([shown.definitionVersion, shown.stateValue]).toEqual([2, 'checking']);
  }
  await cli('send', ids[0]!, 'APPROVE');
  await waitFor(ids[0]!, (i) => i.status === 'completed');
});

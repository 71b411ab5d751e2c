import { expect, test, type Page } from '@playwright/test';
import { cli, publishSpec, unique } from './support';
import { shot } from './support/shots';

// Operator modifications from the console: pause and resume, move back to an earlier state from the timeline.

async function confirmWithReason(page: Page, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: /^(Pause|Resume|Move)$/ }).click();
  await expect(dialog).toBeHidden();
}

async function waitFor(instanceId: string, done: (i: { status: string; stateValue: string }) => boolean) {
  await expect
    .poll(async () => done(await cli<{ status: string; stateValue: string }>('show', instanceId)), { timeout: 30_000 })
    .toBe(true);
}

/** Waits for APPROVE, then notifies (a task that succeeds at once) and completes. */
function approvalSpec(key: string) {
  return {
    id: key,
    initial: 'new',
    context: { amount: 10 },
    states: {
      new: { on: { WORKFLOW_START: { target: 'waiting' } } },
      waiting: {
        on: {
          APPROVE: {
            target: 'notify',
            actions: [
              {
                type: 'createTask',
                task: {
                  type: 'NOOP',
                  name: 'notify',
                  input: { amount: { $ref: 'context.amount' } },
                  completionEvent: 'NOTIFIED',
                },
              },
            ],
          },
        },
      },
      notify: { on: { NOTIFIED: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}

test('an operator pauses an instance (paused in the header, graph and list) and resumes it', async ({ page }) => {
  const key = unique('e2e-pause');
  await publishSpec(approvalSpec(key));
  const { instanceId } = await cli<{ instanceId: string }>('start', key);
  await waitFor(instanceId, (i) => i.stateValue === 'waiting');

  await page.goto(`/instances/${instanceId}`);
  await page.getByTestId('pause-instance').click();
  await confirmWithReason(page, 'waiting for the ledger fix');
  await expect(page.getByTestId('paused-banner')).toContainText('waiting for the ledger fix');
  await expect(page.locator('.page-header [data-status="paused"]')).toBeVisible();
  await expect(page.locator('[data-state="waiting"][data-current="true"]')).toHaveAttribute('data-tone', 'paused');

  // An event sent while paused is recorded and held, not applied.
  await cli('send', instanceId, 'APPROVE', '--reason', 'approved while paused');
  await expect(page.getByTestId('paused-banner')).toContainText('(1 so far)');
  await expect(page.getByTestId('current-state')).toHaveText('waiting');
  await shot(page, 'paused-instance');

  await page.goto(`/instances?q=${instanceId}`);
  await expect(page.locator(`[data-instance-id="${instanceId}"] [data-status="paused"]`)).toBeVisible();

  await page.goto(`/instances/${instanceId}`);
  await page.getByTestId('resume-instance').click();
  await confirmWithReason(page, 'ledger fixed');
  await expect(page.getByTestId('current-state')).toHaveText('done', { timeout: 30_000 });
  await expect(page.getByTestId('paused-banner')).toHaveCount(0);
});

test('an operator moves a completed instance back to an earlier state from its timeline and it runs forward again', async ({
  page,
}) => {
  const key = unique('e2e-rewind');
  await publishSpec(approvalSpec(key));
  const { instanceId } = await cli<{ instanceId: string }>('start', key);
  await waitFor(instanceId, (i) => i.stateValue === 'waiting');
  await cli('send', instanceId, 'APPROVE', '--reason', 'first approval');
  await waitFor(instanceId, (i) => i.status === 'completed');

  await page.goto(`/instances/${instanceId}`);
  const timeline = page.locator('[data-testid="timeline"]');
  const intoNotify = timeline.locator('[data-type="transition"]', { hasText: 'notify' }).last();
  await intoNotify.getByTestId('move-back').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Move back to notify');
  await dialog.getByLabel(/Context/).fill('{ "amount": 99 }');
  await dialog.getByTestId('move-preview').click();
  const preview = dialog.getByTestId('move-preview-result');
  await expect(preview).toContainText('done → notify through waiting on APPROVE');
  await expect(preview).toContainText('Created (1): notify (NOOP)');
  await expect(preview).toContainText('amount: 10 → 99');
  await shot(page, 'move-back-preview');
  await confirmWithReason(page, 'the notification went to the wrong address');

  await expect(timeline.locator('[data-type="instance.moved"]')).toContainText('notify');
  await expect(timeline.locator('[data-type="instance.completed"]')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('current-state')).toHaveText('done');
  const shown = await cli<{ tasks: { name: string; status: string; input: { amount: number } }[] }>('show', instanceId);
  expect(shown.tasks.map((t) => [t.name, t.status, t.input.amount])).toEqual([
    ['notify', 'succeeded', 10],
    ['notify', 'succeeded', 99],
  ]);
  await shot(page, 'move-back-timeline');
});

import { expect, test, type Page } from '@playwright/test';
import { cli, flakyServer, publishSpec, unique } from './support';
import { shot } from './support/shots';

// An operator's bad day, walked as a first-time operator would (issue 14): a failed instance found from the
// overview and fixed, refunds decided from the Inbox row alone, a rejected one found again, and an editor that
// does not lose work. The worker talks to e2e/support/fake-model-server.ts (approves refunds up to 500).

async function confirmWithReason(page: Page, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByLabel(/Reason/).press('Enter');
  await expect(dialog).toBeHidden();
}

/** True when nothing between the selected element and the page scrolls: it is read by scrolling the page, never a box. */
async function noInnerScrollBox(page: Page, selector: string): Promise<boolean> {
  // An expression string, not a function: the e2e project is typed without the DOM library.
  return page.evaluate(`(() => {
    for (let node = document.querySelector(${JSON.stringify(selector)}); node && node !== document.body; node = node.parentElement) {
      const { overflowY } = getComputedStyle(node);
      if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight + 1) return false;
    }
    return true;
  })()`);
}

test('a failed instance is found from the overview, read without scrolling, fixed, retried and seen finishing live', async ({
  page,
}) => {
  const upstream = await flakyServer();
  const key = unique('invoice');
  try {
    await publishSpec({
      id: 'bad-day-sync',
      initial: 'start',
      states: {
        start: {
          on: {
            WORKFLOW_START: {
              target: 'syncing',
              actions: [
                {
                  type: 'createTask',
                  task: {
                    type: 'HTTP',
                    name: 'push-invoice',
                    input: { method: 'POST', url: upstream.url, timeoutMs: 2000 },
                    completionEvent: 'SYNCED',
                    maxAttempts: 2,
                  },
                },
              ],
            },
          },
        },
        syncing: { on: { SYNCED: { target: 'done' }, SKIP_SYNC: { target: 'done' } } },
        done: { type: 'final' },
      },
    });
    const { instanceId } = await cli<{ instanceId: string }>('start', 'bad-day-sync', '--business-key', key);

    // The overview lists the failure once, by business key, and its link opens the live view (no ?seq=).
    await page.goto('/');
    const failure = page.locator(`[data-testid="failure-row"][data-instance-id="${instanceId}"]`);
    await expect(failure).toHaveCount(1, { timeout: 20_000 });
    await expect(failure).toContainText(key);
    await expect(failure).toContainText('500');
    await failure.getByTestId('failure-link').click();
    await page.waitForURL(`**/instances/${instanceId}`);
    expect(new URL(page.url()).search).toBe('');

    // The failing task's error is at the top of the page: visible without scrolling anything.
    const summary = page.getByTestId('failure-summary');
    await expect(summary).toContainText('push-invoice');
    await expect(summary).toContainText('2 of 2 attempts');
    await expect(page.getByTestId('failure-error')).toContainText('500');
    await expect(page.getByTestId('failure-error')).toBeInViewport();
    await expect(page.getByTestId('business-key')).toHaveText(key);

    // The timeline: newest first, failures marked, no inner scroll box.
    const timeline = page.getByTestId('timeline');
    await expect(timeline).toHaveAttribute('data-order', 'newest-first');
    await expect(timeline.locator('li').first()).toHaveAttribute('data-type', 'instance.failed');
    await expect(timeline.locator('[data-type="task.failed"]')).toHaveAttribute('data-failure', 'true');
    expect(await noInnerScrollBox(page, '[data-testid="timeline"] li:last-child')).toBe(true);

    // The graph: the current state is drawn failed (red), and the failing task is badged on its transition.
    const current = page.locator('[data-testid="spec-graph"] [data-current="true"]');
    await expect(current).toHaveAttribute('data-state', 'syncing');
    await expect(current).toHaveAttribute('data-tone', 'failed');
    await expect(current).toBeInViewport();
    await expect(current).toHaveClass(/state-node--failed/);
    await expect(page.getByTestId('failed-task-badge')).toContainText('push-invoice');
    await shot(page.getByTestId('spec-graph'), 'bad-day-failed-graph');
    await shot(page, 'instance-failed');

    // No one-click buttons for the task's completion event: only Send event… (behind a reason) offers it.
    const header = page.locator('.page-header__actions');
    await expect(header.getByRole('button', { name: 'SYNCED', exact: true })).toHaveCount(0);
    await expect(header.getByRole('button', { name: 'SKIP_SYNC', exact: true })).toBeVisible();

    // Fix the cause, retry with a reason, and watch it finish on the live view without reloading.
    upstream.setHealthy(true);
    await summary.getByRole('button', { name: 'Retry task…' }).click();
    await confirmWithReason(page, 'accounting API is back');
    await expect(page.getByTestId('current-state')).toHaveText('done');
    await expect(current).toHaveAttribute('data-state', 'done');
    await expect(current).toHaveAttribute('data-tone', 'completed');
    await expect(page.getByTestId('failure-summary')).toHaveCount(0);
    await expect(page.getByTestId('live-state')).toHaveText('live');
    await expect(timeline.locator('li').first()).toHaveAttribute('data-type', 'instance.completed');
    await expect(timeline.locator('[data-type="task.retried"]')).toContainText('accounting API is back');

    // The past is clearly the past, and "Back to live" returns to the state that is.
    await timeline.locator('[data-type="transition"] > button').last().click();
    await expect(page.getByTestId('replay-banner')).toContainText('Viewing the past');
    await expect(page.getByTestId('live-state')).toContainText('paused');
    await expect(current).toHaveAttribute('data-state', 'syncing');
    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect(current).toHaveAttribute('data-state', 'done');
  } finally {
    await upstream.close();
  }
});

test('refunds are decided from the Inbox row alone; a rejected one waits in "Waiting for an operator"', async ({
  page,
}) => {
  const approveKey = unique('refund-a');
  const rejectKey = unique('refund-r');
  const input = (orderId: string, amount: number) =>
    JSON.stringify({
      refund: {
        orderId,
        amount,
        reason: 'The parcel never arrived.',
        customer: { name: 'Ada', email: 'ada@example.com' },
      },
    });
  const approveId = (
    await cli<{ instanceId: string }>(
      'start',
      'refund-approval',
      '--input',
      input(approveKey, 137),
      '--business-key',
      approveKey,
    )
  ).instanceId;
  const rejectId = (
    await cli<{ instanceId: string }>(
      'start',
      'refund-approval',
      '--input',
      input(rejectKey, 212),
      '--business-key',
      rejectKey,
    )
  ).instanceId;

  await page.goto('/inbox');
  const row = page.locator(`[data-testid="inbox-row"][data-instance-id="${approveId}"]`);
  // What is being approved, in the row: the business key, the amount, the proposal, its payload and why.
  await expect(row.getByTestId('inbox-key')).toHaveText(approveKey, { timeout: 20_000 });
  await expect(row.locator('[data-fact="refund.amount"]')).toContainText('137');
  await expect(row.locator('.chip--proposed')).toHaveText('APPROVE_REFUND');
  await expect(row.getByTestId('inbox-payload')).toContainText('Your refund is on its way.');
  await expect(row).toContainText('within the 500 limit');
  await expect(row.locator('[data-confidence]')).toHaveText('86%');
  await shot(page, 'inbox');

  // The dialog opened from the table cell renders on its own terms: left-aligned, wrapping, inside its box.
  await row.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText(`Approve the proposal for ${approveKey}`);
  await expect(dialog.getByRole('heading')).toHaveCSS('text-align', 'left');
  await expect(dialog).toHaveCSS('white-space', 'normal');
  const box = (await dialog.boundingBox())!;
  const description = (await dialog.locator('.dialog__description').boundingBox())!;
  expect(description.x).toBeGreaterThanOrEqual(box.x);
  expect(description.x + description.width).toBeLessThanOrEqual(box.x + box.width);
  await expect(dialog.locator('.dialog__description')).toContainText(
    'APPROVE_REFUND is sent to the instance as your decision',
  );
  await shot(dialog, 'inbox-dialog');
  await confirmWithReason(page, 'carrier confirmed the loss');
  await expect(row).toHaveCount(0);

  // Reject the other one: it leaves the approval queue and shows up as waiting for an operator.
  const other = page.locator(`[data-testid="inbox-row"][data-instance-id="${rejectId}"]`);
  await expect(other.locator('[data-fact="refund.amount"]')).toContainText('212');
  await other.getByRole('button', { name: 'Reject' }).click();
  await confirmWithReason(page, 'customer already got a voucher');
  await expect(other).toHaveCount(0);

  await page.getByRole('tab', { name: /Waiting for an operator/ }).click();
  const waiting = page.locator(`[data-testid="waiting-row"][data-instance-id="${rejectId}"]`);
  await expect(waiting).toContainText(rejectKey, { timeout: 20_000 });
  await expect(waiting).toContainText('manual_review');
  await expect(waiting.getByTestId('last-decision')).toHaveAttribute('data-status', 'rejected');
  await expect(waiting.getByTestId('last-decision')).toContainText('customer already got a voucher');
  await shot(page, 'inbox-waiting');

  // Act on it from the list: send DENY_REFUND with a reason; the instance moves on and leaves the list.
  await waiting.getByRole('button', { name: 'Send event…' }).click();
  const send = page.getByRole('dialog');
  await send.getByRole('button', { name: 'DENY_REFUND', exact: true }).click();
  await send.getByLabel('Payload (JSON)').fill('{"message": "We sent a voucher instead."}');
  await confirmWithReason(page, 'voucher already issued');
  await expect(waiting).toHaveCount(0, { timeout: 20_000 });
  const shown = await cli<{ status: string; stateValue: string }>('show', rejectId);
  expect(['denied', 'done']).toContain(shown.stateValue);
});

test('an unsaved editor change is validated as typed, guarded, and survives opening the simulator', async ({
  page,
}) => {
  const key = unique('bad-day-editor');
  await publishSpec({
    id: key,
    initial: 'start',
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'work',
            actions: [
              { type: 'createTask', task: { type: 'NOOP', name: 'prepare', input: {}, completionEvent: 'FINISH' } },
            ],
          },
        },
      },
      work: { on: { FINISH: { target: 'done' } } },
      done: { type: 'final' },
    },
  });
  await page.goto(`/definitions/${key}/edit`);
  await page.locator('[data-edge-event="WORKFLOW_START"]').click();
  const attempts = page.getByTestId('action-0').getByLabel(/Max attempts/);

  // Validation follows typing, without leaving the field.
  await attempts.fill('0');
  await expect(page.locator('[data-testid="problems"] [data-path$="maxAttempts"]')).toBeVisible();
  await expect(attempts).toBeFocused();
  await attempts.fill('7');
  await expect(page.getByTestId('problems-ok')).toBeVisible();
  await expect(page.getByTestId('spec-json')).toHaveValue(/"maxAttempts": 7/);
  await expect(page.getByText('unsaved changes')).toBeVisible();

  // Leaving by the sidebar asks first; saying no keeps the editor and the change.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Instances' }).click();
  expect(asked).toContain('unsaved changes');
  await expect(page).toHaveURL(new RegExp(`/definitions/${key}/edit$`));

  // "Simulate draft" saves the draft first, so the simulator runs the change and Back returns to it.
  await page.getByRole('button', { name: 'Simulate draft' }).click();
  await page.waitForURL(`**/definitions/${key}/simulate?version=draft`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.locator('[data-event="WORKFLOW_START"]').click();
  await expect(page.locator('pre.json', { hasText: '"maxAttempts": 7' })).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('spec-json')).toHaveValue(/"maxAttempts": 7/);
});

test.describe('as a viewer', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('gets read-only pages instead of an editor or a token form the server would refuse', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('viewer@demo.test');
    await page.getByLabel('Password').fill('viewer-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

    await page.goto('/definitions/hello-workflow/edit');
    await expect(page.getByTestId('read-only')).toContainText('needs the admin role; you are viewer');
    await expect(page.getByTestId('editor-canvas')).toHaveCount(0);

    await page.goto('/settings');
    await expect(page.getByTestId('read-only')).toContainText(
      'Settings (members, tokens, tenant limits) needs the admin role',
    );
    await expect(page.getByRole('button', { name: 'Create token' })).toHaveCount(0);
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test('a larger graph opens readable, and full screen on demand', async ({ page }) => {
  await page.goto('/definitions/support-triage');
  const graph = page.getByTestId('spec-graph');
  await expect(graph.locator('[data-state]').first()).toBeVisible();
  // React Flow's viewport transform holds the zoom: fitting never shrinks labels below the minimum fit zoom.
  const zoom = async () =>
    Number(
      /scale\(([\d.]+)\)/.exec((await graph.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? 0,
    );
  await expect.poll(zoom).toBeGreaterThanOrEqual(0.65);
  await expect(graph.locator('.edge-label__event').first()).toHaveCSS('font-size', '12px');
  await shot(page, 'definition-support-triage');

  await graph.getByRole('button', { name: '⤢ Full screen' }).click();
  await expect(graph).toHaveAttribute('data-fullscreen', 'true');
  const box = (await graph.boundingBox())!;
  expect(box.width).toBeGreaterThan(1300);
  expect(box.height).toBeGreaterThan(800);
  await shot(page, 'graph-fullscreen');
  await page.keyboard.press('Escape');
  await expect(graph).not.toHaveAttribute('data-fullscreen', 'true');
});

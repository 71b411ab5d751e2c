import { expect, test, type Page } from '@playwright/test';
import { poisonEventSpec, unindexableKey } from '@switchyard/testkit/specs';
import { cli, publishSpec, unique } from './support';
import { shot } from './support/shots';

// The e2e worker runs with INSTANCE_MAX_TRANSITIONS_PER_MINUTE=50 (playwright.config.ts), so a loop trips in seconds.

async function confirmWithReason(page: Page, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByLabel(/Reason/).press('Enter');
  await expect(dialog).toBeHidden();
}

async function waitForState(instanceId: string, state: string): Promise<void> {
  await expect
    .poll(async () => (await cli<{ stateValue: string }>('show', instanceId)).stateValue, { timeout: 30_000 })
    .toBe(state);
}

test("an operator raises a runaway guard's cap from the instance page and the instance runs on", async ({ page }) => {
  // Two loops of 50 and 15 transitions on a shared machine: more than the default minute.
  test.setTimeout(180_000);
  const key = unique('e2e-loop');
  const tick = { type: 'createTask', task: { type: 'NOOP', name: 'tick', input: {}, completionEvent: 'TICK' } };
  await publishSpec({
    id: key,
    initial: 'start',
    context: {},
    states: {
      start: { on: { WORKFLOW_START: { target: 'waiting' } } },
      waiting: { on: { PING: { target: 'looping', actions: [tick] } } },
      looping: { on: { TICK: { actions: [tick] } } },
    },
  });
  const { instanceId } = await cli<{ instanceId: string }>('start', key);
  await waitForState(instanceId, 'waiting');
  await cli('send', instanceId, 'PING');

  await page.goto(`/instances/${instanceId}`);
  const timeline = page.locator('[data-testid="timeline"]');
  await expect(timeline.locator('[data-type="instance.guard_tripped"]')).toContainText('transitionsPerMinute', {
    timeout: 90_000,
  });
  await expect(timeline.locator('[data-type="instance.guard_tripped"]')).toContainText('exceed the limit of 50');
  await page.getByRole('button', { name: 'Raise cap & resume' }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/New cap/)
    .fill('65');
  await confirmWithReason(page, 'a longer loop is expected here');

  // Resumed: the held TICK runs the loop on to the raised cap, which trips again.
  await expect(timeline.locator('[data-type="instance.resumed"]')).toContainText('a longer loop is expected here');
  await expect(timeline.locator('[data-type="instance.guard_tripped"]')).toHaveCount(2, { timeout: 90_000 });
  await expect(timeline.locator('[data-type="instance.guard_tripped"]').first()).toContainText(/limit of (50|65)/);
  await shot(page, 'runaway-guard');
});

test('a poison event is dead-lettered, listed under Dead letters and discarded with a reason', async ({ page }) => {
  const key = unique('e2e-poison');
  // The task's idempotencyKey comes from the event: 24 kB of random text is more than Postgres can index.
  await publishSpec({ ...poisonEventSpec, id: key });
  const { instanceId } = await cli<{ instanceId: string }>('start', key);
  await waitForState(instanceId, 'waiting');
  await cli('send', instanceId, 'POISON', '--payload', JSON.stringify({ key: unindexableKey() }));

  await page.goto('/dead-letters');
  const row = page.locator(`[data-testid="dead-letter-row"]`, {
    has: page.locator(`a[href="/instances/${instanceId}"]`),
  });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('POISON');
  await expect(row).toContainText('index row requires');
  await shot(page, 'dead-letters');
  await row.getByRole('button', { name: 'Discard' }).click();
  await confirmWithReason(page, 'a key no index can hold');
  await expect(row).toHaveCount(0);

  await page.goto(`/instances/${instanceId}`);
  const timeline = page.locator('[data-testid="timeline"]');
  await expect(timeline.locator('[data-type="event.rejected"]')).toContainText('index row requires');
  await expect(timeline.locator('[data-type="event.discarded"]')).toContainText('a key no index can hold');
});

import { expect, test, type Page } from '@playwright/test';
import { unique } from './support';
import { shot } from './support/shots';

// The worker talks to e2e/support/fake-model-server.ts, which recommends APPROVE_REFUND for refunds up to 500.
async function startRefund(page: Page, orderId: string): Promise<string> {
  await page.goto('/definitions/refund-approval');
  await expect(page.locator('[data-testid="spec-graph"] [data-state]').first()).toBeVisible();
  await page
    .getByRole('button', { name: /Start instance/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  const input = {
    refund: {
      orderId,
      amount: 120,
      reason: 'The parcel never arrived; the carrier confirmed it was lost.',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    },
  };
  await dialog.getByLabel(/Input/).fill(JSON.stringify(input, null, 2));
  await dialog.getByRole('button', { name: 'Start instance' }).click();
  await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
  return page.url().split('/instances/')[1]!.split('?')[0]!;
}

test('an AI refund recommendation waits in the inbox, is approved there with a reason, and the instance moves on', async ({
  page,
}) => {
  const instanceId = await startRefund(page, unique('order'));

  // The instance page shows the decision as it was stored: proposal vs allowlist, policy outcome, the model's facts.
  const card = page.locator('[data-testid="decision-card"]');
  await expect(card).toHaveAttribute('data-approval', 'pending');
  await expect(card.locator('[data-outcome="awaiting_approval"]')).toHaveText('awaiting approval');
  await expect(card.locator('.chip--proposed')).toHaveText('APPROVE_REFUND');
  await expect(card.locator('.allowlist .chip')).toHaveText(['APPROVE_REFUND', 'DENY_REFUND']);
  await expect(card).toContainText('requires an operator to approve it');
  await expect(card).toContainText('the amount (120) is within the 500 limit');
  await expect(card).toContainText('openai-compatible:scripted');
  await expect(card).toContainText('212 in · 48 out · 260');
  await expect(card.getByRole('button', { name: 'Approve' })).toBeVisible();
  await card.getByText('Prompt as sent').click();
  await expect(card.locator('.decision-card__text').first()).toContainText('Allowed events:');
  await expect(page.getByTestId('current-state')).toHaveText('reviewing');
  await expect(page.locator('[data-testid="timeline"] [data-type="decision.awaiting_approval"]')).toBeVisible();
  await shot(page, 'decision');

  // The inbox lists it with the nav's pending count, and the approval happens right there.
  await page.getByRole('link', { name: /Inbox/ }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(page.getByTestId('inbox-count')).toBeVisible();
  const row = page.locator(`[data-testid="inbox-row"][data-instance-id="${instanceId}"]`);
  await expect(row).toContainText('refund-approval');
  await expect(row).toContainText('reviewing');
  await expect(row.locator('.chip--proposed')).toHaveText('APPROVE_REFUND');
  await expect(row.locator('[data-confidence]')).toHaveText('86%');
  await shot(page, 'inbox');

  await row.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('APPROVE_REFUND is sent to the instance');
  await dialog.getByLabel(/Reason/).fill('carrier confirmed the loss');
  await dialog.getByLabel(/Reason/).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);

  // The instance moved: approved, customer told, done; the timeline records who approved and why.
  await page.goto(`/instances/${instanceId}`);
  await expect(page.getByTestId('current-state')).toHaveText('done');
  const approved = page.locator('[data-testid="timeline"] [data-type="decision.approved"]');
  await expect(approved).toContainText('carrier confirmed the loss');
  await expect(approved).toContainText('operator:admin@demo.test');
  await expect(card).toHaveAttribute('data-approval', 'approved');
  await expect(card.getByTestId('decision-resolution')).toContainText('carrier confirmed the loss');
  await expect(card.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await shot(page, 'decision-approved');
});

test('an operator replaces the recommendation with another allowed event from the instance page', async ({ page }) => {
  const instanceId = await startRefund(page, unique('order'));
  const card = page.locator('[data-testid="decision-card"]');
  await expect(card).toHaveAttribute('data-approval', 'pending');

  await card.getByRole('button', { name: 'Replace…' }).click();
  const dialog = page.getByRole('dialog');
  // Only the allowlist's other events are offered.
  await expect(dialog.getByRole('group', { name: 'Event to send instead' }).getByRole('button')).toHaveText([
    'DENY_REFUND',
  ]);
  await dialog.getByRole('button', { name: 'DENY_REFUND' }).click();
  await dialog.getByLabel(/Reason/).fill('the order was delivered');
  await dialog.getByRole('button', { name: 'Send instead' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('current-state')).toHaveText('done');
  await expect(card).toHaveAttribute('data-approval', 'overridden');
  await expect(card.getByTestId('decision-resolution')).toContainText('DENY_REFUND');
  await expect(page.locator('[data-testid="timeline"] [data-type="decision.overridden"]')).toContainText(
    'the order was delivered',
  );
  await page.goto('/inbox');
  await expect(page.locator(`[data-testid="inbox-row"][data-instance-id="${instanceId}"]`)).toHaveCount(0);
});

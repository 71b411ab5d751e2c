import { expect, test, type Page } from '@playwright/test';
import { signWebhook, verifyWebhook } from '../packages/engine/src/hooks/signing';
import { startWebhookReceiver, type WebhookReceiver } from '../packages/engine/test/support/webhook-receiver';
import { cli, publishSpec, unique } from './support';
import { shot } from './support/shots';

// Webhooks in and out and alert rules, as an admin sets them up in the console: a signed POST from this test
// moves an instance; a subscription and an alert rule deliver, signed, to a receiver this test runs on 127.0.0.1.
const SECRET = 'e2e-webhook-signing-secret';

const spec = {
  id: 'e2e-hooks',
  initial: 'waiting',
  states: {
    waiting: {
      on: {
        PAID: { target: 'paid' },
        BREAK: {
          target: 'charging',
          actions: [
            { type: 'createTask', task: { type: 'HTTP', name: 'charge', input: { url: 'http://10.9.9.9/charge' } } },
          ],
        },
      },
    },
    charging: { on: { PAID: { target: 'paid' } } },
    paid: { type: 'final' },
  },
};

async function setSecret(page: Page) {
  await page.goto('/settings');
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Secrets' }) });
  await panel.getByLabel('Secret name').fill('e2e_hook_secret');
  await panel.getByLabel('Secret value').fill(SECRET);
  await panel.getByRole('button', { name: 'Set secret' }).click();
  await expect(panel.getByRole('status')).toContainText(/Secret e2e_hook_secret (stored|rotated)/);
}

/** The body of a delivery whose signature holds (the test fails otherwise). */
function verified(hook: { body: string; headers: Record<string, unknown> }): unknown {
  expect(verifyWebhook(SECRET, hook.body, hook.headers as Record<string, string>)).toBeNull();
  return JSON.parse(hook.body);
}

const start = async (businessKey: string) =>
  (await cli<{ instanceId: string }>('start', 'e2e-hooks', '--business-key', businessKey)).instanceId;

test.describe('webhooks and alert rules', () => {
  let receiver: WebhookReceiver;
  test.beforeAll(async () => {
    receiver = await startWebhookReceiver();
    await publishSpec(spec);
  });
  test.afterAll(async () => receiver.close());

  test('an inbound endpoint turns a signed POST into an event; a forged one is refused and logged', async ({
    page,
    request,
  }) => {
    await setSecret(page);
    const name = unique('payments');
    await page.goto('/webhooks');
    const form = page.getByRole('form', { name: 'New inbound endpoint' });
    await form.getByLabel('Endpoint name').fill(name);
    await form.getByLabel('Endpoint definition').selectOption('e2e-hooks');
    await form.getByLabel('Business key path').fill('data.order.id');
    await form.getByLabel('Event from').selectOption('body');
    await form.getByLabel('Event name path').fill('type');
    await form.getByLabel('Payload path').fill('data');
    await form.getByLabel('Endpoint secret').selectOption('e2e_hook_secret');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const row = page.getByRole('table', { name: 'Inbound endpoints' }).getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('/api/v1/hooks/');
    const url = (await row.locator('code[title]').getAttribute('title')) ?? '';
    expect(url).toMatch(/\/api\/v1\/hooks\/[0-9a-f-]{36}$/);

    const orderId = unique('ord');
    const instanceId = await start(orderId);
    const body = JSON.stringify({ type: 'PAID', data: { order: { id: orderId }, amount: 120 } });
    const forged = await request.post(url, {
      data: body,
      headers: {
        ...signWebhook('not-the-secret-at-all', 'msg_forged', body, new Date()),
        'content-type': 'application/json',
      },
    });
    expect(forged.status()).toBe(401);
    const headers = { ...signWebhook(SECRET, unique('msg'), body, new Date()), 'content-type': 'application/json' };
    const accepted = await request.post(url, { data: body, headers });
    expect(accepted.status()).toBe(202);
    expect(await accepted.json()).toMatchObject({ status: 'accepted', instanceId, event: 'PAID' });
    expect((await request.post(url, { data: body, headers })).status()).toBe(409);

    const log = page.getByRole('table', { name: 'Inbound deliveries' });
    await expect(log.getByRole('row', { name: /202 accepted/ }).first()).toContainText(orderId);
    await expect(log).toContainText('signature refused');
    await expect(log).toContainText('replayed');
    await shot(page, 'webhooks');

    await page.goto(`/instances/${instanceId}`);
    await expect(page.locator('[data-status="completed"]').first()).toBeVisible();
  });

  test('a subscription delivers a signed instance.completed to a local receiver; the log shows it', async ({
    page,
  }) => {
    await setSecret(page);
    await page.goto('/webhooks');
    const name = unique('completed');
    const form = page.getByRole('form', { name: 'New subscription' });
    await form.getByLabel('Subscription name').fill(name);
    await form.getByLabel('Subscription URL').fill(receiver.url);
    await form.getByLabel('Subscription definition').selectOption('e2e-hooks');
    await form.getByLabel('Subscription secret').selectOption('e2e_hook_secret');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('table', { name: 'Subscriptions' })).toContainText(name);

    const businessKey = unique('ord-out');
    const instanceId = await start(businessKey);
    await cli('send', instanceId, 'PAID');
    await expect.poll(() => receiver.received.some((r) => r.body.includes(instanceId)), { timeout: 20_000 }).toBe(true);
    const hook = receiver.received.find((r) => r.body.includes(instanceId))!;
    expect(verified(hook)).toMatchObject({ type: 'instance.completed', data: { instanceId, businessKey } });

    const deliveries = page.getByRole('table', { name: 'Webhook deliveries' });
    const row = deliveries.locator(`tr[data-delivery="${hook.headers['webhook-id'] as string}"]`);
    await expect(row).toContainText('delivered');
    await row.getByRole('button', { name: 'Attempts' }).click();
    await expect(deliveries.getByRole('table', { name: 'Attempts' })).toContainText('HTTP 200');
    await shot(page, 'webhook-deliveries');

    const subscriptions = page.getByRole('table', { name: 'Subscriptions' });
    await subscriptions
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('dialog').getByRole('textbox').fill('done with the e2e receiver');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(subscriptions.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  });

  test('an alert rule fires once when an instance fails, and "Send test" reaches the receiver', async ({ page }) => {
    await setSecret(page);
    await page.goto('/alerts');
    const name = unique('hooks failing');
    const form = page.getByRole('form', { name: 'New alert rule' });
    await form.getByLabel('Rule name').fill(name);
    await form.getByLabel('Condition').selectOption('instance_failed');
    await form.getByLabel('Rule definition').selectOption('e2e-hooks');
    await form.getByLabel('Channel').selectOption('webhook');
    await form.getByLabel('Rule URL').fill(receiver.url);
    await form.getByLabel('Rule secret').selectOption('e2e_hook_secret');
    await form.getByRole('button', { name: 'Create rule' }).click();
    const rules = page.getByRole('table', { name: 'Alert rules' });
    await expect(rules.getByRole('row', { name: new RegExp(name) })).toContainText(
      'When an instance of e2e-hooks failed',
    );

    const businessKey = unique('ord-fail');
    const instanceId = await start(businessKey);
    await cli('send', instanceId, 'BREAK');
    await expect
      .poll(
        () => receiver.received.filter((r) => r.body.includes('alert.fired') && r.body.includes(instanceId)).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    const fired = receiver.received.find((r) => r.body.includes('alert.fired') && r.body.includes(instanceId))!;
    expect(verified(fired)).toMatchObject({
      data: { summary: `an instance of e2e-hooks failed (business key ${businessKey})` },
    });

    await rules
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('button', { name: 'Send test' })
      .click();
    await page.getByRole('dialog').getByRole('textbox').fill('checking the receiver');
    await page.getByRole('dialog').getByRole('button', { name: 'Send test' }).click();
    await expect
      .poll(() => receiver.received.some((r) => r.body.includes('alert.test') && r.body.includes(name)), {
        timeout: 20_000,
      })
      .toBe(true);
    const log = page.getByRole('table', { name: 'Alert deliveries' });
    // Rows of this rule only: a reused e2e database keeps earlier runs' rules, pointing at receivers long gone.
    const ofRule = (event: string) => log.getByRole('row', { name: new RegExp(`${name}.*${event}`) });
    await expect(ofRule('alert\\.test')).toContainText('delivered');
    await expect(ofRule('alert\\.fired')).toContainText('delivered');
    await shot(page, 'alerts');

    await rules
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('dialog').getByRole('textbox').fill('done with the e2e receiver');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(rules.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  });
});

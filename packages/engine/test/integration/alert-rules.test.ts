import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/contracts/actor';
import { parseOperatorAllowlist } from '../../src/egress';
import { evaluateAlertRules } from '../../src/runtime/alert-evaluator';
import { breakingSpec } from '../support/alert-fixtures';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Alert rules on the real stack: a failure, an incident rising above its threshold, a wait longer than allowed;
// each fires once per condition, to a signed webhook (through the egress policy) or by email.
const SECRET = 'alert-signing-secret-99';
const admin: TenantContext = { tenantId: 'demo', actor: { type: 'operator', id: 'admin@demo.test', role: 'admin' } };

describe('alert rules', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  const alerts = async (ruleId: string) =>
    (await h.engine.service.listOutboundDeliveries(admin, { source: 'alerts' })).filter(
      (d) => d.alertRuleId === ruleId,
    );
  const breakOne = async (definitionKey: string, businessKey: string) => {
    const { instanceId } = await h.engine.service.startInstance(admin, { definitionKey, businessKey });
    await h.engine.service.sendEvent(admin, { instanceId, type: 'BREAK' });
    await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    return instanceId;
  };

  beforeAll(async () => {
    h = await createHarness();
    receiver = await startWebhookReceiver();
    h.startWorker({
      egress: {
        allow: parseOperatorAllowlist(`127.0.0.1:${new URL(receiver.url).port}`),
        maxResponseBytes: 1 << 20,
        maxRedirects: 5,
      },
      outbound: { pollMs: 50 },
      // Polled rules are evaluated by the test itself (evaluateAlertRules), so it can count passes.
      alertIntervalMs: 3_600_000,
    });
    await h.engine.service.publishDefinition(admin, { spec: breakingSpec('alert-x') });
    await h.engine.service.publishDefinition(admin, { spec: breakingSpec('alert-y') });
    await h.engine.service.setSecret(admin, { name: 'alert_hook', value: SECRET });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it('"an instance of X failed" fires once per failure of X, signed, and not for another definition', async () => {
    const rule = await h.engine.service.createAlertRule(admin, {
      name: 'x failed',
      kind: 'instance_failed',
      definitionKey: 'alert-x',
      channel: 'webhook',
      url: receiver.url,
      secretName: 'alert_hook',
    });
    const failedX = await breakOne('alert-x', 'x-1');
    await breakOne('alert-y', 'y-1');
    const hook = await waitUntil(
      async () => receiver.received.find((r) => r.body.includes(failedX)),
      'the alert for the failed instance',
    );
    const body = new Webhook(SECRET, { format: 'raw' }).verify(hook.body, hook.headers as Record<string, string>);
    expect(body).toMatchObject({
      type: 'alert.fired',
      data: {
        rule: { id: rule.id, kind: 'instance_failed' },
        summary: 'an instance of alert-x failed (business key x-1)',
      },
    });
    await waitUntil(async () => (await alerts(rule.id)).every((d) => d.status === 'delivered'), 'delivered');
    expect(await alerts(rule.id)).toHaveLength(1);
  });

  it('"an incident rose above N in M minutes" fires once while it stays above, and again after it cleared', async () => {
    const rule = await h.engine.service.createAlertRule(admin, {
      name: 'charge incident',
      kind: 'incident_rate',
      threshold: 3,
      windowMinutes: 10,
      channel: 'webhook',
      url: receiver.url,
      secretName: 'alert_hook',
    });
    await breakOne('alert-y', 'y-2');
    // x-1, y-1 (the test above) and y-2 share one signature (the URL is normalised away): 3 is not above 3.
    expect(await evaluateAlertRules(h.engine.deps)).toBe(0);
    await breakOne('alert-y', 'y-3');
    expect(await evaluateAlertRules(h.engine.deps)).toBe(1);
    expect(await evaluateAlertRules(h.engine.deps)).toBe(0);
    await breakOne('alert-y', 'y-4');
    expect(await evaluateAlertRules(h.engine.deps)).toBe(0);
    const [delivery] = await waitUntil(async () => {
      const rows = await alerts(rule.id);
      return rows.length === 1 && rows[0]?.status === 'delivered' ? rows : undefined;
    }, 'the incident alert');
    expect(delivery?.payload).toMatchObject({
      data: { rule: { kind: 'incident_rate' }, windowMinutes: 10, signature: expect.stringContaining('egress policy') },
    });
    // Later the window no longer holds enough failures: the condition clears, and a new rise fires again.
    const later = { ...h.engine.deps, clock: () => new Date(Date.now() + 30 * 60_000) };
    expect(await evaluateAlertRules(later)).toBe(0);
    await h.engine.deps.prisma.task.updateMany({
      where: { tenantId: 'demo', status: 'failed' },
      data: { finishedAt: new Date(Date.now() + 29 * 60_000) },
    });
    expect(await evaluateAlertRules(later)).toBe(1);
  });

  it('"a state has waited longer than T" fires once per wait; a decision rule sees no pending decision', async () => {
    const stateRule = await h.engine.service.createAlertRule(admin, {
      name: 'stuck in charging',
      kind: 'waiting_too_long',
      waitingOn: 'state',
      stateValue: 'waiting',
      definitionKey: 'alert-x',
      waitMinutes: 60,
      channel: 'email',
      emailTo: 'oncall@example.test',
    });
    await h.engine.service.createAlertRule(admin, {
      name: 'slow decisions',
      kind: 'waiting_too_long',
      waitingOn: 'decision',
      waitMinutes: 5,
      channel: 'email',
      emailTo: 'oncall@example.test',
    });
    const { instanceId } = await h.engine.service.startInstance(admin, {
      definitionKey: 'alert-x',
      businessKey: 'x-waits',
    });
    await h.waitForEntry(instanceId, 'event.ignored');
    const soon = { ...h.engine.deps, clock: () => new Date(Date.now() + 30 * 60_000) };
    const hours = { ...h.engine.deps, clock: () => new Date(Date.now() + 2 * 60 * 60_000) };
    await h.engine.deps.prisma.alertRule.updateMany({
      where: { kind: { not: 'waiting_too_long' } },
      data: { enabled: false },
    });
    expect(await evaluateAlertRules(soon)).toBe(0);
    expect(await evaluateAlertRules(hours)).toBe(1);
    expect(await evaluateAlertRules(hours)).toBe(0);
    const mail = await waitUntil(
      async () =>
        (await h.engine.deps.prisma.mailMessage.findFirst({
          where: { tenantId: 'demo', to: 'oncall@example.test' },
        })) ?? undefined,
      'the alert email',
    );
    expect(mail.subject).toBe(
      `[Switchyard] stuck in charging: an instance of alert-x (business key x-waits) has waited in "waiting" since ${mail.text?.match(/since (\S+)/)?.[1]}`,
    );
    expect((await alerts(stateRule.id)).map((d) => d.channel)).toEqual(['email']);
  });

  it('"send test" queues a delivery through the rule\'s channel and audits it', async () => {
    const rule = await h.engine.service.createAlertRule(admin, {
      name: 'test me',
      kind: 'instance_failed',
      channel: 'webhook',
      url: receiver.url,
      secretName: 'alert_hook',
    });
    const { deliveryId } = await h.engine.service.testAlertRule(admin, { id: rule.id, reason: 'checking' });
    const hook = await waitUntil(
      async () => receiver.received.find((r) => r.headers['webhook-id'] === deliveryId),
      'the test delivery',
    );
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'alert.test', data: { rule: { name: 'test me' } } });
    const audit = await h.engine.service.listAudit(admin, {});
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['alert_rule.created', 'alert_rule.tested']));
    await expect(
      h.engine.service.createAlertRule(admin, { name: 'incomplete', kind: 'incident_rate', channel: 'email' }),
    ).rejects.toThrow(/threshold: expected threshold.*windowMinutes.*emailTo: expected emailTo for an email channel/);
    await expect(
      h.engine.service.testAlertRule({ tenantId: 'acme', actor: admin.actor }, { id: rule.id }),
    ).rejects.toThrow(/was not found/);
  });
});

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/contracts/actor';
import { parseOperatorAllowlist } from '../../src/egress';
import { receiveInboundWebhook } from '../../src/service/hooks/inbound';
import { signWebhook } from '../../src/hooks/signing';
import { claimDueDeliveries } from '../../src/store/outbound-deliveries';
import type { WorkerRuntime } from '../../src/runtime/worker-runtime';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Inbound and outbound webhooks on the real stack: Postgres, Redis, a worker, a local receiver on 127.0.0.1:0.
const SECRET = 'whsec_' + Buffer.from('inbound-signing-secret-for-tests').toString('base64');
const OUT_SECRET = 'outbound-raw-secret-1234';
const admin: TenantContext = { tenantId: 'demo', actor: { type: 'operator', id: 'admin@demo.test', role: 'admin' } };

const orderSpec = {
  id: 'hook-order',
  initial: 'waiting',
  states: {
    waiting: {
      on: {
        PAID: { target: 'paid', actions: [{ type: 'assign', path: 'paid', value: { $ref: 'event.payload' } }] },
        SHIPPED: { target: 'paid' },
      },
    },
    paid: { type: 'final' },
  },
};

function signed(body: string, options: { id?: string; at?: Date; secret?: string } = {}) {
  const headers = signWebhook(
    options.secret ?? SECRET,
    options.id ?? `msg_${Math.random()}`,
    body,
    options.at ?? new Date(),
  );
  return { ...headers, 'content-type': 'application/json' } as Record<string, string>;
}

describe('webhooks', () => {
  let h: Harness;
  let worker: WorkerRuntime;
  let receiver: WebhookReceiver;
  let endpointId: string;

  const start = async (businessKey: string) =>
    (await h.engine.service.startInstance(admin, { definitionKey: 'hook-order', businessKey })).instanceId;
  const post = (body: string, headers: Record<string, string>) =>
    receiveInboundWebhook(h.engine.deps, { endpointId, headers, body: Buffer.from(body) });

  beforeAll(async () => {
    h = await createHarness();
    receiver = await startWebhookReceiver();
    // The operator allowlists exactly the receiver's port; every other private address stays refused.
    worker = h.startWorker({
      egress: {
        allow: parseOperatorAllowlist(`127.0.0.1:${new URL(receiver.url).port}`),
        maxResponseBytes: 1 << 20,
        maxRedirects: 5,
      },
      outbound: { pollMs: 50, backoff: { baseMs: 200, maxMs: 5_000 }, maxAttempts: 4 },
    });
    await h.engine.service.publishDefinition(admin, { spec: orderSpec });
    await h.engine.service.setSecret(admin, { name: 'payments_hook', value: SECRET });
    await h.engine.service.setSecret(admin, { name: 'outbound_hook', value: OUT_SECRET });
    endpointId = (
      await h.engine.service.createWebhookEndpoint(admin, {
        name: 'payments',
        definitionKey: 'hook-order',
        businessKeyPath: 'data.order.id',
        eventTypePath: 'type',
        payloadPath: 'data',
        secretName: 'payments_hook',
      })
    ).id;
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  describe('inbound', () => {
    it('maps a signed POST to an event for the instance with that business key, through the outbox', async () => {
      const instanceId = await start('ord-1');
      const body = JSON.stringify({ type: 'PAID', data: { order: { id: 'ord-1' }, amount: 42 } });
      const answer = await post(body, signed(body, { id: 'msg_paid_1' }));
      expect(answer).toMatchObject({ httpStatus: 202, body: { status: 'accepted', instanceId, event: 'PAID' } });
      const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
      expect(done.context).toMatchObject({ paid: { order: { id: 'ord-1' }, amount: 42 } });
      const [delivery] = await h.engine.service.listInboundDeliveries(admin, { endpointId });
      expect(delivery).toMatchObject({ status: 'accepted', messageId: 'msg_paid_1', businessKey: 'ord-1', instanceId });
      expect(delivery?.outboxId).toBeTruthy();
      const received = await h.engine.service.getTimeline(admin, { instanceId, types: ['event.received'] });
      expect(received.at(-1)).toMatchObject({ actorType: 'webhook', actorId: 'payments' });
    });

    it('refuses a bad signature, a stale timestamp and a replayed webhook-id, and records each', async () => {
      const instanceId = await start('ord-2');
      const body = JSON.stringify({ type: 'PAID', data: { order: { id: 'ord-2' } } });
      const forged = await post(
        body,
        signed(body, { secret: 'whsec_' + Buffer.from('not-the-secret').toString('base64') }),
      );
      expect(forged.httpStatus).toBe(401);
      expect(forged.body.error).toMatch(/signature refused/);
      const tampered = await post(body.replace('ord-2', 'ord-1'), signed(body));
      expect(tampered.httpStatus).toBe(401);
      const stale = await post(body, signed(body, { at: new Date(Date.now() - 10 * 60_000) }));
      expect(stale.httpStatus).toBe(401);
      expect(stale.body.error).toMatch(/too old/i);
      const unsigned = await post(body, { 'content-type': 'application/json' });
      expect(unsigned.httpStatus).toBe(401);

      const headers = signed(body, { id: 'msg_once' });
      expect((await post(body, headers)).httpStatus).toBe(202);
      const replay = await post(body, headers);
      expect(replay).toMatchObject({ httpStatus: 409, body: { status: 'rejected' } });
      expect(replay.body.error).toMatch(/replayed: webhook-id "msg_once"/);

      await h.waitForInstance(instanceId, (i) => i.status === 'completed');
      // A retry after the event completed the instance is still answered as a replay, not as a refused event.
      const lateRetry = await post(body, headers);
      expect(lateRetry).toMatchObject({ httpStatus: 409, body: { status: 'rejected' } });
      expect(lateRetry.body.error).toMatch(/replayed: webhook-id "msg_once"/);
      const log = await h.engine.service.listInboundDeliveries(admin, { endpointId });
      const statuses = log.filter((d) => d.receivedAt >= log.at(-1)!.receivedAt).map((d) => d.httpStatus);
      expect(statuses).toEqual(expect.arrayContaining([401, 401, 401, 401, 202, 409, 409]));
      // Exactly one PAID reached the instance.
      const events = await h.engine.service.getTimeline(admin, { instanceId, types: ['event.received'] });
      expect(events.filter((e) => (e.payload as { event?: string }).event === 'PAID')).toHaveLength(1);
    });

    it('accepts one of several concurrent deliveries of one webhook-id, and queues its event exactly once', async () => {
      const instanceId = await start('ord-race');
      const body = JSON.stringify({ type: 'PAID', data: { order: { id: 'ord-race' } } });
      const headers = signed(body, { id: 'msg_race' });
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(body, headers)));
      expect(answers.map((a) => a.httpStatus).sort()).toEqual([202, 409, 409, 409, 409, 409]);
      await h.waitForInstance(instanceId, (i) => i.status === 'completed');
      // The claim and the event commit together: the accepted delivery names the one outbox row that was written.
      const outbox = await h.engine.deps.pool.query<{ id: string }>(
        `SELECT id FROM "Outbox" WHERE "instanceId" = $1::uuid AND payload->'event'->>'type' = 'PAID'`,
        [instanceId],
      );
      const accepted = (await h.engine.service.listInboundDeliveries(admin, { endpointId })).filter(
        (d) => d.messageId === 'msg_race' && d.status === 'accepted',
      );
      expect(outbox.rows).toHaveLength(1);
      expect(accepted.map((d) => d.outboxId)).toEqual([outbox.rows[0]?.id]);
    });

    it('answers an unknown business key, a missing event name and an oversized body with the reason', async () => {
      const unknown = JSON.stringify({ type: 'PAID', data: { order: { id: 'nobody' } } });
      expect(await post(unknown, signed(unknown))).toMatchObject({
        httpStatus: 404,
        body: { error: 'no hook-order instance has business key "nobody"' },
      });
      const nameless = JSON.stringify({ data: { order: { id: 'ord-1' } } });
      expect((await post(nameless, signed(nameless))).body.error).toBe(
        'no event name at "type" in the body (expected a string)',
      );
      const badName = JSON.stringify({ type: 'not a name', data: { order: { id: 'ord-3' } } });
      await start('ord-3');
      const refused = await post(badName, signed(badName));
      expect(refused.httpStatus).toBe(422);
      expect(refused.body.error).toMatch(/expected an event name/);
      const huge = JSON.stringify({ type: 'PAID', data: { order: { id: 'ord-1' }, blob: 'x'.repeat(300 * 1024) } });
      const tooLarge = await post(huge, signed(huge));
      expect(tooLarge.httpStatus).toBe(413);
      expect(tooLarge.body.error).toMatch(/the limit is 256 KiB \(LIMIT_WEBHOOK_BODY_BYTES\)/);
      const nowhere = await receiveInboundWebhook(h.engine.deps, {
        endpointId: '00000000-0000-4000-8000-000000000000',
        headers: {},
        body: Buffer.from('{}'),
      });
      expect(nowhere.httpStatus).toBe(404);
    });
  });

  describe('outbound', () => {
    it('delivers a signed instance.completed to a subscription, verifiable with the Standard Webhooks library', async () => {
      const sub = await h.engine.service.createWebhookSubscription(admin, {
        name: 'completed',
        url: receiver.url,
        events: ['instance.completed'],
        definitionKey: 'hook-order',
        secretName: 'outbound_hook',
      });
      const instanceId = await start('ord-out-1');
      await h.engine.service.sendEvent(admin, { instanceId, type: 'SHIPPED' });
      const hook = await waitUntil(
        async () => receiver.received.find((r) => r.body.includes(instanceId)),
        'the completed delivery',
      );
      const verified = new Webhook(OUT_SECRET, { format: 'raw' }).verify(
        hook.body,
        hook.headers as Record<string, string>,
      );
      expect(verified).toMatchObject({
        type: 'instance.completed',
        data: { instanceId, businessKey: 'ord-out-1', definitionKey: 'hook-order', state: 'paid' },
      });
      const [delivery] = await waitUntil(async () => {
        const log = await h.engine.service.listOutboundDeliveries(admin, { source: 'subscriptions' });
        return log.filter((d) => d.subscriptionId === sub.id && d.status === 'delivered').length ? log : undefined;
      }, 'the delivery marked delivered');
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, eventType: 'instance.completed' });
      expect(hook.headers['webhook-id']).toBe(delivery?.id);
      await h.engine.service.deleteWebhookSubscription(admin, { id: sub.id, reason: 'test done' });
    });

    it('retries with exponential backoff until the receiver answers 2xx, every attempt in the log', async () => {
      const flaky = await startWebhookReceiver([500, 503]);
      const port = new URL(flaky.url).port;
      worker.deps.logger.info({ port }, 'flaky receiver');
      await worker.stop();
      worker = h.startWorker({
        egress: {
          allow: parseOperatorAllowlist(`127.0.0.1:${new URL(receiver.url).port},127.0.0.1:${port}`),
          maxResponseBytes: 1 << 20,
          maxRedirects: 5,
        },
        outbound: { pollMs: 50, backoff: { baseMs: 300, maxMs: 5_000 }, maxAttempts: 4 },
      });
      const sub = await h.engine.service.createWebhookSubscription(admin, {
        name: 'flaky',
        url: flaky.url,
        events: ['instance.completed'],
        secretName: 'outbound_hook',
      });
      const instanceId = await start('ord-flaky');
      await h.engine.service.sendEvent(admin, { instanceId, type: 'SHIPPED' });
      const delivery = await waitUntil(async () => {
        const log = await h.engine.service.listOutboundDeliveries(admin, { source: 'subscriptions' });
        return log.find((d) => d.subscriptionId === sub.id && d.status === 'delivered');
      }, 'the flaky delivery to succeed');
      expect(delivery.attemptLog.map((a) => [a.attempt, a.ok, a.httpStatus])).toEqual([
        [1, false, 500],
        [2, false, 503],
        [3, true, 200],
      ]);
      expect(delivery.attemptLog[0]?.error).toMatch(/answered 500/);
      const gaps = flaky.received.slice(1).map((r, i) => r.at - flaky.received[i]!.at);
      expect(gaps[0]).toBeGreaterThanOrEqual(300);
      expect(gaps[1]).toBeGreaterThanOrEqual(600);
      // All three attempts carried the same webhook-id, so a receiver can drop repeats.
      expect(new Set(flaky.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery.id]));
      await h.engine.service.deleteWebhookSubscription(admin, { id: sub.id });
      await flaky.close();
    });

    it('records a private address the egress policy refuses as a failed attempt, and redelivers on request', async () => {
      const sub = await h.engine.service.createWebhookSubscription(admin, {
        name: 'private',
        url: 'http://10.0.0.7/hook',
        events: ['instance.completed', 'instance.cancelled'],
        secretName: 'outbound_hook',
      });
      const instanceId = await start('ord-private');
      await h.engine.service.cancelInstance(admin, { instanceId, reason: 'test' });
      const failed = await waitUntil(async () => {
        const log = await h.engine.service.listOutboundDeliveries(admin, { source: 'subscriptions' });
        return log.find((d) => d.subscriptionId === sub.id && d.status === 'failed');
      }, 'the refused delivery');
      expect(failed).toMatchObject({ eventType: 'instance.cancelled', attempts: 1 });
      expect(failed.attemptLog).toHaveLength(1);
      expect(failed.attemptLog[0]?.error).toMatch(/refused by the egress policy: 10\.0\.0\.7:80 is a private address/);

      await h.engine.service.redeliverOutbound(admin, { id: failed.id, reason: 'after the fix' });
      const again = await waitUntil(async () => {
        const log = await h.engine.service.listOutboundDeliveries(admin, { source: 'subscriptions' });
        const row = log.find((d) => d.id === failed.id);
        return row && row.status !== 'pending' && row.attemptLog.length === 2 ? row : undefined;
      }, 'the redelivery attempt');
      expect(again.status).toBe('failed');
      const audit = await h.engine.service.listAudit(admin, {});
      expect(audit.some((a) => a.action === 'outbound_delivery.redelivered')).toBe(true);
      await h.engine.service.deleteWebhookSubscription(admin, { id: sub.id });
    });

    it('keeps a delivery whose worker was down and sends it once a worker runs again', async () => {
      await worker.stop();
      const sub = await h.engine.service.createWebhookSubscription(admin, {
        name: 'after-restart',
        url: receiver.url,
        events: ['instance.cancelled'],
        secretName: 'outbound_hook',
      });
      const instanceId = await start('ord-restart');
      await h.engine.service.cancelInstance(admin, { instanceId, reason: 'no worker running' });
      const pending = await h.engine.service.listOutboundDeliveries(admin, { source: 'subscriptions' });
      expect(pending.find((d) => d.subscriptionId === sub.id)).toMatchObject({ status: 'pending', attempts: 0 });
      worker = h.startWorker({
        egress: {
          allow: parseOperatorAllowlist(`127.0.0.1:${new URL(receiver.url).port}`),
          maxResponseBytes: 1 << 20,
          maxRedirects: 5,
        },
        outbound: { pollMs: 50 },
      });
      await waitUntil(
        async () => receiver.received.find((r) => r.body.includes(instanceId)),
        'the delivery after restart',
      );
    });

    it('claims fairly: a tenant with a backlog gets at most its share in flight, another tenant still gets its turn', async () => {
      // Only this test's rows take part: no worker claims beside it, and the earlier tests' deliveries are settled.
      await worker.stop();
      await h.engine.deps.pool.query(`UPDATE "OutboundDelivery" SET status = 'failed' WHERE status = 'pending'`);
      // Due an hour from now, so the running worker (on the real clock) leaves them to this test.
      const due = new Date(Date.now() + 60 * 60_000);
      const row = (tenantId: string) => ({
        tenantId,
        alertRuleId: '00000000-0000-4000-8000-000000000001',
        channel: 'webhook',
        eventType: 'alert.test',
        payload: {},
        nextAttemptAt: due,
      });
      await h.engine.deps.prisma.outboundDelivery.createMany({
        data: [...Array.from({ length: 20 }, () => row('demo')), row('acme'), row('acme')],
      });
      const now = new Date(due.getTime() + 1_000);
      const first = await claimDueDeliveries(h.engine.deps.prisma, { now, limit: 10, perTenant: 3, leaseMs: 60_000 });
      const count = (rows: { tenantId: string }[], tenant: string) => rows.filter((r) => r.tenantId === tenant).length;
      expect([count(first, 'demo'), count(first, 'acme')]).toEqual([3, 2]);
      // Its three still in flight (leased), demo gets nothing more until one finishes.
      const second = await claimDueDeliveries(h.engine.deps.prisma, { now, limit: 10, perTenant: 3, leaseMs: 60_000 });
      expect(second).toEqual([]);
      await h.engine.deps.prisma.outboundDelivery.deleteMany({ where: { nextAttemptAt: due } });
    });

    it('refuses bad settings with the field named', async () => {
      await expect(
        h.engine.service.createWebhookSubscription(admin, {
          name: 'bad',
          url: 'ftp://example.com/x',
          events: ['instance.exploded' as 'instance.completed'],
          secretName: 'Bad Name',
        }),
      ).rejects.toThrow(
        /url: expected an http:\/\/ or https:\/\/ URL.*events\.0.*secretName: expected the name of a tenant secret/,
      );
      await expect(
        h.engine.service.createWebhookEndpoint(admin, {
          name: 'both',
          definitionKey: 'hook-order',
          businessKeyPath: 'a b',
          eventType: 'PAID',
          eventTypePath: 'type',
          secretName: 'payments_hook',
        }),
      ).rejects.toThrow(/businessKeyPath: expected a dot path.*eventType: expected exactly one of eventType/);
    });
  });
});

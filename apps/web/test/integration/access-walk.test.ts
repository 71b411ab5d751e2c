import type { Role } from '@switchyard/engine';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/server/routers';
import { createWebHarness, type Caller, type WebHarness } from '../support/web-harness';
import { rules, type Fixtures } from '../support/access-rules';

// Every procedure of the router, taken from the router itself: a new procedure fails this test until it is
// given a row in ../support/access-rules.ts, so nobody has to remember to cover it.

const procedures = Object.keys(
  (appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures,
).sort();
const rank: Record<Role | 'public', number> = { public: -1, viewer: 0, operator: 1, admin: 2 };

async function call(
  caller: Caller,
  path: string,
  input: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; code: string }> {
  const fn = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    const value = await fn(input);
    // A subscription answers with a stream: being handed one is the answer; close it at once.
    if (value && typeof value === 'object' && Symbol.asyncIterator in value) {
      await (value as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
      return { ok: true, value: null };
    }
    return { ok: true, value };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code };
    throw error;
  }
}

describe('access to every procedure', () => {
  let h: WebHarness;
  let fx: Fixtures;
  const callers = {} as Record<'anonymous' | 'viewer' | 'operator' | 'otherAdmin' | 'revokedToken', Caller>;

  beforeAll(async () => {
    h = await createWebHarness();
    const demoAdmin = {
      tenantId: 'demo',
      actor: { type: 'operator' as const, id: 'admin@demo.test', role: 'admin' as const },
    };
    await h.engine.service.publishDefinition(demoAdmin, {
      spec: {
        id: 'walk-delayed',
        initial: 's',
        states: {
          s: {
            on: {
              WORKFLOW_START: {
                target: 'w',
                actions: [
                  { type: 'createTask', task: { type: 'NOOP', name: 'later', input: {}, runAt: { in: '1h' } } },
                ],
              },
            },
          },
          w: { type: 'final' },
        },
      },
    });
    h.startWorker();
    const { instanceId } = await h.engine.service.startInstance(demoAdmin, {
      definitionKey: 'walk-delayed',
      businessKey: 'tenant-a-secret-key',
    });
    const waiting = await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    const failed = await h.engine.deps.prisma.task.create({
      data: {
        tenantId: 'demo',
        instanceId,
        type: 'NOOP',
        name: 'failed-one',
        input: {},
        status: 'failed',
        attempts: 3,
        lastError: 'boom',
      },
    });
    // A dead-lettered event of tenant A (as the orchestrator leaves one after its bounded deliveries).
    const deadLetter = await h.engine.deps.prisma.outbox.create({
      data: {
        tenantId: 'demo',
        queue: 'workflow-orchestrator',
        jobName: 'apply-event',
        payload: { tenantId: 'demo', instanceId, event: { type: 'POISON' }, actor: { type: 'operator', id: 'walk' } },
        failures: 5,
        lastError: 'RangeError: Invalid time value',
        deadLetteredAt: new Date(),
      },
    });
    const token = await h.engine.service.createApiToken(demoAdmin, { name: 'tenant-a-token', role: 'viewer' });
    await h.engine.service.setSecret(demoAdmin, { name: 'tenant_a_secret', value: 'tenant-a-secret-value' });
    const viewer = await h.engine.deps.prisma.user.findUniqueOrThrow({ where: { email: 'viewer@demo.test' } });
    const adminView = await h.engine.service.saveView(demoAdmin, {
      name: 'tenant-a-secret-key view',
      query: 'status=failed',
    });
    const invitation = await h.engine.service.createInvitation(demoAdmin, {
      email: 'tenant-a-invitee@example.test',
      role: 'operator',
    });
    const endpoint = await h.engine.service.createWebhookEndpoint(demoAdmin, {
      name: 'tenant-a-secret-key endpoint',
      definitionKey: 'walk-delayed',
      businessKeyPath: 'data.id',
      eventType: 'PAID',
      secretName: 'tenant_a_secret',
    });
    const subscription = await h.engine.service.createWebhookSubscription(demoAdmin, {
      name: 'tenant-a-secret-key subscription',
      url: 'https://tenant-a-secret-key.example.com/hook',
      events: ['instance.completed'],
      secretName: 'tenant_a_secret',
    });
    const alertRule = await h.engine.service.createAlertRule(demoAdmin, {
      name: 'tenant-a-secret-key rule',
      kind: 'instance_failed',
      channel: 'email',
      emailTo: 'tenant-a-invitee@example.test',
    });
    const { deliveryId } = await h.engine.service.testAlertRule(demoAdmin, { id: alertRule.id });
    fx = {
      endpointId: endpoint.id,
      subscriptionId: subscription.id,
      alertRuleId: alertRule.id,
      deliveryId,
      instanceId,
      deadLetterId: deadLetter.id,
      failedTaskId: failed.id,
      queuedTaskId: waiting.tasks[0]!.id,
      tokenId: token.apiToken.id,
      viewerUserId: viewer.id,
      decisionTaskId: failed.id,
      adminViewId: adminView.id,
      invitationId: invitation.invitation.id,
      batchId: (
        await h.engine.service.startBatch(demoAdmin, {
          where: { search: instanceId },
          action: { action: 'pause' },
          reason: 'walk',
        })
      ).batchId,
    };

    callers.anonymous = h.caller(new Headers());
    callers.viewer = h.caller(await h.signIn('viewer@demo.test', 'viewer-password'));
    callers.operator = h.caller(await h.signIn('operator@demo.test', 'operator-password'));
    callers.otherAdmin = h.caller(await h.signIn('admin@acme.test', 'acme-password'));
    const revoked = await h.engine.service.createApiToken(demoAdmin, { name: 'revoked', role: 'admin' });
    await h.engine.service.revokeApiToken(demoAdmin, { tokenId: revoked.apiToken.id });
    callers.revokedToken = h.caller(new Headers({ authorization: `Bearer ${revoked.token}` }));
  });
  afterAll(async () => h.close());

  it('has an access rule for every procedure of the router', () => {
    expect(procedures.filter((p) => !rules[p])).toEqual([]);
  });

  it('refuses every procedure without a session, and with a revoked token (UNAUTHORIZED)', async () => {
    for (const path of procedures) {
      const rule = rules[path]!;
      // A public procedure answers anyone; with a made-up invitation token that answer is NOT_FOUND.
      const expected = rule.role === 'public' ? { ok: false, code: 'NOT_FOUND' } : { ok: false, code: 'UNAUTHORIZED' };
      expect([path, await call(callers.anonymous, path, rule.input(fx))]).toEqual([path, expected]);
      expect([path, await call(callers.revokedToken, path, rule.input(fx))]).toEqual([path, expected]);
    }
  });

  it.each(['viewer', 'operator'] as const)('gives a %s FORBIDDEN exactly where the role is too low', async (role) => {
    for (const path of procedures) {
      const rule = rules[path]!;
      const result = await call(callers[role], path, rule.input(fx));
      const forbidden = !result.ok && result.code === 'FORBIDDEN';
      expect([path, forbidden]).toEqual([path, rank[role] < rank[rule.role]]);
      if (!forbidden) expect([path, !result.ok && result.code === 'UNAUTHORIZED']).toEqual([path, false]);
    }
  });

  it("shows another tenant's admin nothing of tenant A: its rows are NOT_FOUND, never FORBIDDEN", async () => {
    const secrets = [
      fx.instanceId,
      fx.deadLetterId,
      fx.failedTaskId,
      fx.queuedTaskId,
      fx.tokenId,
      fx.invitationId,
      fx.endpointId,
      fx.subscriptionId,
      fx.alertRuleId,
      fx.deliveryId,
      'tenant-a-invitee',
      'tenant-a-secret-key',
      'tenant-a-token',
      'tenant_a_secret',
      'tenant-a-secret-value',
      'hello-workflow',
      'walk-delayed',
      'viewer@demo.test',
    ];
    for (const path of procedures) {
      const rule = rules[path]!;
      const result = await call(callers.otherAdmin, path, rule.input(fx));
      if (rule.otherTenant === 'NOT_FOUND') {
        expect([path, result]).toEqual([path, { ok: false, code: 'NOT_FOUND' }]);
      } else {
        expect([path, result.ok]).toEqual([path, true]);
        const text = JSON.stringify(result.ok ? result.value : null) ?? '';
        for (const secret of secrets) expect([path, text.includes(secret)]).toEqual([path, false]);
      }
    }
  });

  it('refuses a tenant the caller does not belong to as NOT_FOUND', async () => {
    const viewerInAcme = h.caller(await h.signIn('viewer@demo.test', 'viewer-password'), 'acme');
    expect(await call(viewerInAcme, 'instances.list', {})).toEqual({ ok: false, code: 'NOT_FOUND' });
    const tokenForOtherTenant = h.caller(await h.tokenHeaders('demo', 'admin'), 'acme');
    expect(await call(tokenForOtherTenant, 'definitions.list', undefined)).toEqual({ ok: false, code: 'NOT_FOUND' });
  });
});

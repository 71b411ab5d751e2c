import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/contracts/actor';
import { createRedis } from '../../src/queues/connection';
import { IntervalClaim } from '../../src/queues/interval-claim';
import { evaluateAlertRules, runAlertTick } from '../../src/runtime/alert-evaluator';
import { breakingSpec } from '../support/alert-fixtures';
import { createHarness, REDIS_URL, waitUntil, type Harness } from '../support/harness';

// Polled alert rules with several workers: each interval's pass runs in one worker, so a condition at its edge is
// not cleared by one worker's pass and fired again by another's; a worker that dies mid-interval holds nothing.
const admin: TenantContext = { tenantId: 'demo', actor: { type: 'operator', id: 'admin@demo.test', role: 'admin' } };

describe('alert rules across workers', () => {
  let h: Harness;
  const redis = createRedis(REDIS_URL, { maxRetriesPerRequest: 3 });
  /** The claim each worker's evaluator holds (worker-runtime.ts builds the same one). */
  const claimOf = (worker: string, intervalMs: number) =>
    new IntervalClaim(redis, h.queuePrefix, `alert-rules-${intervalMs}`, intervalMs, worker);
  const alerts = async (ruleId: string) =>
    (await h.engine.service.listOutboundDeliveries(admin, { source: 'alerts' })).filter(
      (d) => d.alertRuleId === ruleId,
    );

  beforeAll(async () => {
    h = await createHarness();
    // The worker runs the failing tasks; its own evaluator waits an hour, so the test's ticks are the only ones.
    h.startWorker({ alertIntervalMs: 3_600_000 });
    await h.engine.service.publishDefinition(admin, { spec: breakingSpec('tick-x') });
    const { instanceId } = await h.engine.service.startInstance(admin, { definitionKey: 'tick-x', businessKey: 't1' });
    await h.engine.service.sendEvent(admin, { instanceId, type: 'BREAK' });
    await waitUntil(
      async () => (await h.engine.deps.prisma.task.count({ where: { instanceId, status: 'failed' } })) > 0,
      'the failed task',
    );
  });
  afterAll(async () => {
    await h.close();
    await redis.quit();
  });

  it('two workers ticking in one interval evaluate once: an incident at its edge fires once, not fire-clear-fire', async () => {
    const rule = await h.engine.service.createAlertRule(admin, {
      name: 'any failure',
      kind: 'incident_rate',
      threshold: 0,
      windowMinutes: 10,
      channel: 'email',
      emailTo: 'oncall@example.test',
    });
    const now = h.engine.deps;
    // A worker whose pass sees the moment just after the window (the failure has left it).
    const behind = { ...h.engine.deps, clock: () => new Date(Date.now() + 11 * 60_000) };
    const [a, b] = [claimOf('worker-a', 60_000), claimOf('worker-b', 60_000)];
    expect(await runAlertTick(now, a)).toBe(1);
    // worker-b's and worker-a's next ticks in the same interval do nothing: no clear, no second alert.
    expect(await runAlertTick(behind, b)).toBeNull();
    expect(await runAlertTick(now, a)).toBeNull();
    expect(await alerts(rule.id)).toHaveLength(1);
    // What every worker evaluating did: one worker's pass clears the incident, another's fires it again.
    expect(await evaluateAlertRules(behind)).toBe(0);
    expect(await evaluateAlertRules(now)).toBe(1);
    expect(await alerts(rule.id)).toHaveLength(2);
    await h.engine.service.deleteAlertRule(admin, { id: rule.id });
  });

  it('of two workers ticking at the same moment, exactly one evaluates', async () => {
    const [a, b] = [claimOf('worker-a', 30_000), claimOf('worker-b', 30_000)];
    const passes = await Promise.all([runAlertTick(h.engine.deps, a), runAlertTick(h.engine.deps, b)]);
    expect(passes.filter((p) => p !== null)).toHaveLength(1);
  });

  it('a worker that dies holding the interval blocks nothing: the next tick after it expires goes to another', async () => {
    const [dead, alive] = [claimOf('worker-dead', 400), claimOf('worker-alive', 400)];
    expect(await dead.claim()).toBe(true);
    // ...and the dead worker never finishes its pass. The live one is turned away until the claim expires.
    expect(await runAlertTick(h.engine.deps, alive)).toBeNull();
    await waitUntil(async () => (await runAlertTick(h.engine.deps, alive)) !== null, 'the live worker’s pass');
  });
});

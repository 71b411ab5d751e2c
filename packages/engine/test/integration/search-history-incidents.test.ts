import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSignature } from '../../src/search';
import { createHarness, type Harness } from '../support/harness';

const spec = {
  id: 'history-order',
  initial: 'received',
  states: {
    received: {
      on: {
        WORKFLOW_START: {
          target: 'review',
          actions: [
            { type: 'assign', path: 'decision.status', value: 'pending' },
            { type: 'assign', path: 'customer', value: { tier: 'silver' } },
          ],
        },
      },
    },
    review: {
      on: {
        APPROVE: {
          target: 'done',
          actions: [
            { type: 'assign', path: 'decision.status', value: 'approved' },
            { type: 'assign', path: 'decision.by', value: { $ref: 'event.payload.by' } },
          ],
        },
      },
    },
    done: { type: 'final' },
  },
};

describe("search inside one instance's history", () => {
  let h: Harness;
  let instanceId: string;

  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec });
    h.startWorker();
    instanceId = (await h.engine.service.startInstance(h.ctx, { definitionKey: 'history-order' })).instanceId;
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'review');
    await h.engine.service.sendEvent(
      { tenantId: 'demo', actor: { type: 'operator', id: 'grace@demo.test', role: 'operator' } },
      { instanceId, type: 'APPROVE', payload: { by: 'Grace' }, reason: 'looks fine' },
    );
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
  });
  afterAll(async () => h.close());

  const search = (q: Record<string, unknown>) => h.engine.service.searchTimeline(h.ctx, { instanceId, ...q });

  it('filters by kind', async () => {
    const { entries } = await search({ types: ['transition'] });
    expect(entries.map((e) => (e.payload as { to: string }).to)).toEqual(['review', 'done']);
  });

  it('filters by text anywhere in the entry, case-insensitively', async () => {
    const { entries } = await search({ text: 'GRACE', types: ['context.changed'] });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]!.payload)).toContain('"by"');
  });

  it('filters by actor', async () => {
    const { entries } = await search({ actor: 'operator:grace' });
    expect(entries.map((e) => e.type)).toContain('event.received');
    expect(entries.every((e) => e.actorId === 'grace@demo.test')).toBe(true);
  });

  it('finds the entries that changed a context path, and the first of them to jump to', async () => {
    const all = await h.engine.service.getTimeline(h.ctx, { instanceId });
    const { entries, firstChangeSeq } = await search({ path: 'context.decision.status' });
    expect(entries.map((e) => e.type)).toEqual(['context.changed', 'context.changed']);
    expect(firstChangeSeq).toBe(all.find((e) => e.type === 'context.changed')!.seq);
    // Assigning a whole object touches the paths beneath it.
    expect((await search({ path: 'customer.tier' })).entries).toHaveLength(1);
    expect((await search({ path: 'decision.by' })).entries).toHaveLength(1);
    expect(await search({ path: 'nothing.here' })).toEqual({ entries: [], firstChangeSeq: null });
  });

  it("refuses a malformed path and another tenant's instance", async () => {
    await expect(search({ path: 'decision;drop' })).rejects.toThrow(/path: expected a context path/);
    await expect(
      h.engine.service.searchTimeline({ tenantId: 'acme', actor: h.ctx.actor }, { instanceId }),
    ).rejects.toThrow(/not found/);
  });
});

describe('incidents', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec });
    const prisma = h.engine.deps.prisma;
    const errors = [
      'GET https://api.example.com/orders/42 failed: 503',
      'GET https://api.example.com/orders/77 failed: 502',
      'GET https://api.example.com/orders/91 failed: 500',
      'template "welcome" not found for tenant 0b6f3c1e-9a7d-4f2b-8c1d-2e3f4a5b6c7d',
    ];
    for (const [index, lastError] of errors.entries()) {
      const { instanceId } = await h.engine.service.startInstance(h.ctx, {
        definitionKey: 'history-order',
        businessKey: `inc-${index}`,
      });
      await prisma.task.create({
        data: {
          tenantId: 'demo',
          instanceId,
          type: index < 3 ? 'HTTP' : 'EMAIL',
          name: 'call',
          input: {},
          status: 'failed',
          attempts: 3,
          lastError,
          finishedAt: new Date(),
        },
      });
      if (index === 0) await prisma.workflowInstance.update({ where: { id: instanceId }, data: { status: 'failed' } });
    }
    // Old news: outside the 24 h window.
    const old = await h.engine.service.startInstance(h.ctx, { definitionKey: 'history-order', businessKey: 'inc-old' });
    await prisma.task.create({
      data: {
        tenantId: 'demo',
        instanceId: old.instanceId,
        type: 'HTTP',
        name: 'call',
        input: {},
        status: 'failed',
        attempts: 3,
        lastError: 'GET https://x/1 failed: 500',
        finishedAt: new Date(Date.now() - 3 * 86_400_000),
        updatedAt: new Date(Date.now() - 3 * 86_400_000),
      },
    });
  });
  afterAll(async () => h.close());

  it('groups failed tasks by normalised error with counts, first/last seen and what was affected', async () => {
    const { groups } = await h.engine.service.listIncidents(h.ctx, { window: '24h' });
    expect(groups.map((g) => [g.signature, g.failedTasks, g.instances, g.failedInstances])).toEqual([
      ['GET <url> failed: <n>', 3, 3, 1],
      ['template <str> not found for tenant <id>', 1, 1, 0],
    ]);
    const http = groups[0]!;
    expect(http.versions).toEqual(['history-order v1']);
    expect(http.taskTypes).toEqual(['HTTP']);
    expect(http.example).toBe('GET https://api.example.com/orders/91 failed: 500');
    expect(http.hourly).toHaveLength(24);
    expect(http.hourly.reduce((a, b) => a + b, 0)).toBe(3);
    expect(http.firstSeen.getTime()).toBeLessThanOrEqual(http.lastSeen.getTime());
  });

  it('counts the older failure in the 7-day window, and shows another tenant nothing', async () => {
    const week = await h.engine.service.listIncidents(h.ctx, { window: '7d' });
    expect(week.groups[0]).toMatchObject({ signature: 'GET <url> failed: <n>', failedTasks: 4 });
    expect(week.groups[0]!.hourly).toHaveLength(168);
    expect((await h.engine.service.listIncidents({ tenantId: 'acme', actor: h.ctx.actor }, {})).groups).toEqual([]);
  });

  it('lists the instances of a signature through the instance filter', async () => {
    const page = await h.engine.service.searchInstances(h.ctx, { errorSignature: 'GET <url> failed: <n>' });
    expect(page.items.map((i) => i.businessKey).sort()).toEqual(['inc-0', 'inc-1', 'inc-2', 'inc-old']);
  });

  it('computes the same signature in SQL as errorSignature() does in TypeScript', async () => {
    const samples = [
      'GET https://api.example.com/orders/42?x=1 failed: 503',
      'instance 0B6F3C1E-9A7D-4F2B-8C1D-2E3F4A5B6C7D not found',
      'user "ada@example.com" has no mailbox',
      "column 'amount' is 12.5, expected 3",
      'trace deadbeefcafe0042 \n\t  retry   later',
      'smtp://mail.local:25 refused 3 times',
      '  leading and trailing  ',
      'v2.10.3 of sha256 abc',
      'x'.repeat(400),
      'naïve café 42 ünïcode ✓',
      'nested "quote \'inner\' 7" and \'single "d" 8\'',
      '',
      'ftp+ssl://h/p',
      '1.2.3.4:8080',
    ];
    const rows = await h.engine.deps.prisma.$queryRaw<{ message: string; signature: string }[]>`
      SELECT m AS message, sy_error_signature(m) AS signature FROM unnest(${samples}::text[]) AS m`;
    expect(rows.map((r) => r.signature)).toEqual(samples.map(errorSignature));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/contracts/actor';
import { createEngine } from '../../src/runtime/engine';
import { filterFromParams, type InstanceFilter } from '../../src/search';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';

// A seeded data set of orders whose context (= start input) differs in the ways the filters look at.
const spec = {
  id: 'search-order',
  initial: 'received',
  states: {
    received: {
      on: {
        WORKFLOW_START: { target: 'review', actions: [{ type: 'assign', path: 'decision.status', value: 'pending' }] },
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
const orders = {
  'ord-1': {
    customer: { tier: 'gold', name: 'Ada' },
    amount: 1500,
    tags: ['urgent', 'vip'],
    note: 'Call back tomorrow, 50% off',
  },
  'ord-2': { customer: { tier: 'silver' }, amount: 200, tags: ['vip'] },
  'ord-3': { customer: { tier: 'gold' }, amount: '5000', items: [{ sku: 'A-1' }] },
  'ord-4': { customer: { tier: ['gold'] }, amount: 999.5 },
};

describe('search instances by what is inside them', () => {
  let h: Harness;
  let ctx: TenantContext;
  const ids: Record<string, string> = {};
  const keys = async (filter: InstanceFilter & { limit?: number }) =>
    (await h.engine.service.searchInstances(ctx, filter)).items.map((i) => i.businessKey).sort();

  beforeAll(async () => {
    h = await createHarness();
    ctx = h.ctx;
    await h.engine.service.publishDefinition(ctx, { spec });
    for (const [businessKey, input] of Object.entries(orders)) {
      ids[businessKey] = (
        await h.engine.service.startInstance(ctx, { definitionKey: 'search-order', businessKey, input })
      ).instanceId;
    }
    // Another tenant's gold order must never show up.
    const acme = { tenantId: 'acme', actor: ctx.actor };
    await h.engine.service.publishDefinition(acme, { spec });
    await h.engine.service.startInstance(acme, {
      definitionKey: 'search-order',
      businessKey: 'acme-gold',
      input: { customer: { tier: 'gold' }, amount: 9000 },
    });
    const prisma = h.engine.deps.prisma;
    const task = (bk: string, type: string, status: 'failed' | 'succeeded', lastError: string | null) =>
      prisma.task.create({
        data: {
          tenantId: 'demo',
          instanceId: ids[bk]!,
          type,
          name: `${type.toLowerCase()}-${bk}`,
          input: {},
          status,
          attempts: 3,
          lastError,
          finishedAt: new Date(),
        },
      });
    await task('ord-1', 'HTTP', 'failed', 'GET https://api.example.com/orders/42 failed: 503');
    await task('ord-2', 'HTTP', 'failed', 'GET https://api.example.com/orders/77 failed: 502');
    await task('ord-3', 'EMAIL', 'succeeded', null);
  });
  afterAll(async () => h.close());

  it("finds instances by a context value equal to a string, and never another tenant's", async () => {
    expect(await keys({ where: [{ path: 'context.customer.tier', op: 'eq', value: 'gold' }] })).toEqual([
      'ord-1',
      'ord-3',
    ]);
  });

  it('matches equality exactly: an array holding the value is not equal to it', async () => {
    expect(
      await keys({ where: [{ path: 'context.customer.tier', op: 'eq', value: ['gold'] as never }] }).catch(
        (e: Error) => e.message,
      ),
    ).toMatch(/where\.0\.value/);
    expect(await keys({ where: [{ path: 'context.customer.tier', op: 'ne', value: 'gold' }] })).toEqual([
      'ord-2',
      'ord-4',
    ]);
  });

  it('compares numbers with > and <=, leaving a string that looks like a number out', async () => {
    expect(await keys({ where: [{ path: 'context.amount', op: 'gt', value: 1000 }] })).toEqual(['ord-1']);
    expect(await keys({ where: [{ path: 'context.amount', op: 'lte', value: 999.5 }] })).toEqual(['ord-2', 'ord-4']);
  });

  it('tests whether a path exists or is missing', async () => {
    expect(await keys({ where: [{ path: 'context.note', op: 'exists' }] })).toEqual(['ord-1']);
    expect(await keys({ where: [{ path: 'context.note', op: 'missing' }] })).toEqual(['ord-2', 'ord-3', 'ord-4']);
  });

  it('finds text inside a string (case-insensitive, wildcards literal) and an element inside an array', async () => {
    expect(await keys({ where: [{ path: 'context.note', op: 'contains', value: 'CALL BACK' }] })).toEqual(['ord-1']);
    expect(await keys({ where: [{ path: 'context.note', op: 'contains', value: '50%' }] })).toEqual(['ord-1']);
    expect(await keys({ where: [{ path: 'context.note', op: 'contains', value: '5_%' }] })).toEqual([]);
    expect(await keys({ where: [{ path: 'context.tags', op: 'contains', value: 'vip' }] })).toEqual(['ord-1', 'ord-2']);
  });

  it('addresses array elements by index and reads the start input as well as the context', async () => {
    expect(await keys({ where: [{ path: 'context.items.0.sku', op: 'eq', value: 'A-1' }] })).toEqual(['ord-3']);
    expect(await keys({ where: [{ path: 'input.customer.name', op: 'eq', value: 'Ada' }] })).toEqual(['ord-1']);
  });

  it('combines conditions with status, state, time ranges and the business key', async () => {
    const gold = { path: 'context.customer.tier', op: 'eq', value: 'gold' } as const;
    expect(
      await keys({
        where: [gold, { path: 'context.amount', op: 'gt', value: 1000 }],
        status: 'running',
        states: ['review'],
      }),
    ).toEqual(['ord-1']);
    expect(await keys({ where: [gold], states: ['done'] })).toEqual([]);
    expect(
      await keys({
        where: [gold],
        createdFrom: new Date(Date.now() - 60_000),
        createdTo: new Date(Date.now() + 60_000),
      }),
    ).toEqual(['ord-1', 'ord-3']);
    expect(await keys({ where: [gold], updatedFrom: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await keys({ search: 'ord-3' })).toEqual(['ord-3']);
    expect(await keys({ search: ids['ord-2']! })).toEqual(['ord-2']);
  });

  it('finds instances by task type, by error text and by error signature', async () => {
    expect(await keys({ taskType: 'HTTP' })).toEqual(['ord-1', 'ord-2']);
    expect(await keys({ errorText: 'ORDERS/77' })).toEqual(['ord-2']);
    expect(await keys({ errorText: '%' })).toEqual([]);
    expect(await keys({ errorSignature: 'GET <url> failed: <n>' })).toEqual(['ord-1', 'ord-2']);
  });

  it('counts every match, pages with a cursor, and reads the same filters from URL parameters', async () => {
    expect(await h.engine.service.countInstances(ctx, { definitionKey: 'search-order' })).toEqual({
      count: 4,
      capped: false,
    });
    const first = await h.engine.service.searchInstances(ctx, { definitionKey: 'search-order', limit: 3 });
    const second = await h.engine.service.searchInstances(ctx, {
      definitionKey: 'search-order',
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect([...first.items, ...second.items].map((i) => i.businessKey).sort()).toEqual([
      'ord-1',
      'ord-2',
      'ord-3',
      'ord-4',
    ]);
    expect(second.nextCursor).toBeNull();
    const { filter, errors } = filterFromParams(
      new URLSearchParams('where=context.customer.tier+%3D+gold&where=context.amount+>+1000&task=HTTP'),
    );
    expect(errors).toEqual([]);
    expect(await keys(filter)).toEqual(['ord-1']);
  });

  it('refuses a hostile path or value with an error naming the field, and never runs it as SQL', async () => {
    const bad = async (filter: unknown) =>
      h.engine.service.searchInstances(ctx, filter as InstanceFilter).then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(await bad({ where: [{ path: `context.a'); DROP TABLE "Task"; --`, op: 'eq', value: 1 }] })).toMatch(
      /where\.0\.path: key "a'\);.*only letters, digits/,
    );
    expect(await bad({ where: [{ path: 'secrets.password', op: 'exists' }] })).toMatch(
      /where\.0\.path: expected a path starting with context\. or input\./,
    );
    expect(await bad({ where: [{ path: `context.${Array(9).fill('k').join('.')}`, op: 'exists' }] })).toMatch(
      /at most 8 keys/,
    );
    expect(await bad({ where: Array(11).fill({ path: 'context.a', op: 'exists' }) })).toMatch(
      /where: at most 10 conditions/,
    );
    expect(await bad({ where: [{ path: 'context.note', op: 'eq', value: 'x'.repeat(501) }] })).toMatch(
      /where\.0\.value/,
    );
    expect(await bad({ waitingLongerThan: 'forever' })).toMatch(/waitingLongerThan: expected a duration/);
    expect(await keys({ where: [{ path: 'context.customer.tier', op: 'eq', value: `gold' OR '1'='1` }] })).toEqual([]);
    expect(await keys({ where: [{ path: 'context.amount', op: 'gt', value: `9") || @ == @ || ("` }] })).toEqual([]);
    expect(await h.engine.deps.prisma.task.count()).toBe(3);
  });

  it('finds running instances that have waited in their state longer than a duration', async () => {
    h.startWorker();
    const waited = await h.waitForInstance(ids['ord-1']!, (i) => i.stateValue === 'review');
    await h.waitForInstance(ids['ord-2']!, (i) => i.stateValue === 'review');
    await h.engine.service.sendEvent(ctx, { instanceId: ids['ord-2']!, type: 'APPROVE', payload: { by: 'ops' } });
    await h.waitForInstance(ids['ord-2']!, (i) => i.status === 'completed');
    const [row] = await h.engine.service.searchInstances(ctx, { search: 'ord-1' }).then((p) => p.items);
    expect(row!.stateEnteredAt.getTime()).toBeGreaterThanOrEqual(waited.createdAt.getTime());
    expect(await keys({ definitionKey: 'search-order', waitingLongerThan: '1h' })).toEqual([]);
    // Two hours later, by the service's clock: every order still running in its state has waited that long.
    const later = createEngine({
      databaseUrl: h.databaseUrl,
      redisUrl: REDIS_URL,
      queuePrefix: h.queuePrefix,
      clock: () => new Date(Date.now() + 2 * 3_600_000),
    });
    try {
      const page = await later.service.searchInstances(ctx, { definitionKey: 'search-order', waitingLongerThan: '1h' });
      expect(page.items.map((i) => i.businessKey).sort()).toEqual(['ord-1', 'ord-3', 'ord-4']);
      const inReview = await later.service.searchInstances(ctx, {
        definitionKey: 'search-order',
        waitingLongerThan: '90m',
        states: ['review'],
      });
      expect(inReview.items.map((i) => i.businessKey).sort()).toEqual(['ord-1', 'ord-3', 'ord-4']);
    } finally {
      await later.close();
    }
  });
});

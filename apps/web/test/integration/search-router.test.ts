import { filterFromParams } from '@switchyard/engine/search';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, type Caller, type WebHarness } from '../support/web-harness';

let h: WebHarness;
let viewer: Caller;
let operator: Caller;
let admin: Caller;

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  h = await createWebHarness();
  viewer = h.caller(await h.signIn('viewer@demo.test', 'viewer-password'));
  operator = h.caller(await h.signIn('operator@demo.test', 'operator-password'));
  admin = h.caller(await h.signIn('admin@demo.test', 'admin-password'));
  await h.engine.service.publishDefinition(h.ctx, {
    spec: {
      id: 'router-order',
      initial: 'open',
      states: { open: { on: { CLOSE: { target: 'closed' } } }, closed: { type: 'final' } },
    },
  });
  for (const [businessKey, tier, amount] of [
    ['r-gold-big', 'gold', 5000],
    ['r-gold-small', 'gold', 10],
    ['r-silver', 'silver', 7000],
  ] as const) {
    await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'router-order',
      businessKey,
      input: { customer: { tier }, amount },
    });
  }
});
afterAll(() => h.close());

describe('search procedures', () => {
  it("answers a URL's filters with the matching page and its total", async () => {
    const { filter } = filterFromParams(
      new URLSearchParams('definition=router-order&where=context.customer.tier+%3D+gold&where=context.amount+>+1000'),
    );
    const page = await viewer.search.instances({ ...filter, limit: 50 });
    expect(page.items.map((i) => i.businessKey)).toEqual(['r-gold-big']);
    expect(typeof page.items[0]!.stateEnteredAt).toBe('string');
    expect(
      await viewer.search.count({
        definitionKey: 'router-order',
        where: [{ path: 'context.customer.tier', op: 'eq', value: 'gold' }],
      }),
    ).toEqual({ count: 2, capped: false });
  });

  it('refuses a hostile path as BAD_REQUEST naming the field', async () => {
    const error = await rejection(viewer.search.instances({ where: [{ path: 'context.x" OR 1=1', op: 'exists' }] }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/only letters, digits, _ and -/);
  });
});

describe('saved views', () => {
  it('lets a viewer save a personal view that only they see', async () => {
    const saved = await viewer.views.save({ name: 'Gold orders', query: '?where=context.customer.tier+%3D+gold' });
    expect(saved).toMatchObject({
      name: 'Gold orders',
      query: 'where=context.customer.tier+%3D+gold',
      shared: false,
      mine: true,
    });
    expect((await viewer.views.list()).map((v) => v.name)).toContain('Gold orders');
    expect((await operator.views.list()).map((v) => v.name)).not.toContain('Gold orders');
    await expect(operator.views.delete({ viewId: saved.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('needs operator to share a view with the tenant; everyone then sees it', async () => {
    expect(
      (await rejection(viewer.views.save({ name: 'Shared by viewer', query: 'status=failed', shared: true }))).code,
    ).toBe('FORBIDDEN');
    const shared = await operator.views.save({ name: 'Failed this week', query: 'status=failed', shared: true });
    const seen = (await viewer.views.list()).find((v) => v.id === shared.id);
    expect(seen).toMatchObject({ shared: true, mine: false, ownerId: 'operator:operator@demo.test' });
    expect((await rejection(viewer.views.delete({ viewId: shared.id }))).code).toBe('FORBIDDEN');
    expect(await admin.views.delete({ viewId: shared.id })).toEqual({ deleted: true });
    expect((await viewer.views.list()).map((v) => v.id)).not.toContain(shared.id);
  });

  it('replaces a view saved again under the same name, and refuses a query that is not a filter', async () => {
    await viewer.views.save({ name: 'Mine', query: 'status=failed' });
    await viewer.views.save({ name: 'Mine', query: 'status=running' });
    expect((await viewer.views.list()).filter((v) => v.name === 'Mine').map((v) => v.query)).toEqual([
      'status=running',
    ]);
    const error = await rejection(viewer.views.save({ name: 'Broken', query: 'where=tier+is+gold' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/query: .*expected <path> <op> <value>/);
    expect((await rejection(viewer.views.save({ name: 'x'.repeat(81), query: '' }))).message).toMatch(
      /name: at most 80 characters/,
    );
  });
});

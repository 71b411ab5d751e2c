import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../../packages/engine/test/support/harness';
import { createWebHarness, type WebHarness } from '../support/web-harness';
import { apiFetch, approvalSpec, bearer, demoAdmin } from '../support/api-fixtures';

let h: WebHarness;
let api: ReturnType<typeof apiFetch>;
let operator: string;
let viewer: string;

beforeAll(async () => {
  h = await createWebHarness();
  await h.engine.service.publishDefinition(demoAdmin, { spec: approvalSpec });
  h.startWorker();
  api = apiFetch(h);
  operator = await bearer(h, 'demo', 'operator');
  viewer = await bearer(h, 'demo', 'viewer');
});
afterAll(() => h.close());

const post = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  api(`/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const get = (path: string, token: string) => api(`/api/v1${path}`, { headers: { authorization: token } });

async function start(businessKey: string, input: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/instances', operator, { definitionKey: 'api-approval', businessKey, input });
  expect(res.status).toBe(201);
  return ((await res.json()) as { instanceId: string }).instanceId;
}

describe('POST /api/v1/instances', () => {
  it('starts once per business key: 201 with Location, then 200 with the same instance', async () => {
    const first = await post('/instances', operator, {
      definitionKey: 'api-approval',
      businessKey: 'order-1',
      input: { amount: 5 },
    });
    expect(first.status).toBe(201);
    const started = (await first.json()) as { instanceId: string; created: boolean; status: string };
    expect(started).toMatchObject({ created: true, definitionVersion: 1, status: 'running' });
    expect(first.headers.get('location')).toBe(`/api/v1/instances/${started.instanceId}`);

    const again = await post('/instances', operator, {
      definitionKey: 'api-approval',
      businessKey: 'order-1',
      input: { amount: 5 },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ instanceId: started.instanceId, created: false });
  });

  it('takes the Idempotency-Key header as the business key', async () => {
    const call = () => post('/instances', operator, { definitionKey: 'api-approval' }, { 'idempotency-key': 'idem-7' });
    const a = (await (await call()).json()) as { instanceId: string };
    const b = await call();
    expect(b.status).toBe(200);
    expect(((await b.json()) as { instanceId: string }).instanceId).toBe(a.instanceId);
    const listed = (await (await get('/instances?q=idem-7', viewer)).json()) as { items: { businessKey: string }[] };
    expect(listed.items.map((i) => i.businessKey)).toEqual(['idem-7']);
  });

  it('answers a repeat with another input as a 409 problem naming body.input', async () => {
    await start('order-2', { amount: 1 });
    const res = await post('/instances', operator, {
      definitionKey: 'api-approval',
      businessKey: 'order-2',
      input: { amount: 2 },
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: 'urn:switchyard:problem:conflict',
      status: 409,
      code: 'CONFLICT',
      instance: '/api/v1/instances',
      errors: [{ field: 'body.input', code: 'BUSINESS_KEY_INPUT_DIFFERS' }],
    });
  });

  it('refuses bad input naming every field, and a too-large input naming its limit', async () => {
    const res = await post('/instances', operator, { definitionKey: '', version: -1, input: [] });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['body.definitionKey', 'body.input', 'body.version']);

    const big = await post('/instances', operator, {
      definitionKey: 'api-approval',
      input: { blob: 'x'.repeat(300_000) },
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      errors: [{ field: 'body', code: 'LIMIT_EXCEEDED' }],
    });
  });

  it('refuses a body that is not JSON, or not sent as JSON', async () => {
    const broken = await api('/api/v1/instances', {
      method: 'POST',
      headers: { authorization: operator, 'content-type': 'application/json' },
      body: '{"definitionKey": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ errors: [{ field: 'body', code: 'invalid_json' }] });
    const form = await api('/api/v1/instances', {
      method: 'POST',
      headers: { authorization: operator, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'definitionKey=api-approval',
    });
    expect(form.status).toBe(415);
  });
});

describe('events, the instance and its timeline', () => {
  it('queues an event (202), which moves the instance; GET pages through the timeline', async () => {
    const id = await start('order-3');
    const sent = await post(`/instances/${id}/events`, operator, {
      type: 'APPROVE',
      payload: { by: 'billing' },
      reason: 'paid',
    });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ messageId: expect.any(String) });
    await h.waitForInstance(id, (i) => i.status === 'completed');

    const whole = (await (await get(`/instances/${id}`, viewer)).json()) as {
      instance: { status: string; stateValue: string; context: Record<string, unknown>; createdAt: string };
      timeline: { seq: number; type: string }[];
      timelinePage: { lastSeq: number; truncated: boolean; nextSeq: number | null };
    };
    expect(whole.instance).toMatchObject({
      status: 'completed',
      stateValue: 'approved',
      context: { approvedBy: 'billing' },
    });
    expect(new Date(whole.instance.createdAt).toISOString()).toBe(whole.instance.createdAt);
    expect(whole.timeline.map((e) => e.type)).toContain('instance.completed');
    expect(whole.timelinePage).toMatchObject({ truncated: false, nextSeq: null });

    const first = (await (await get(`/instances/${id}?limit=2`, viewer)).json()) as typeof whole;
    expect(first.timeline.map((e) => e.seq)).toEqual([1, 2]);
    expect(first.timelinePage).toMatchObject({ truncated: true, nextSeq: 2, lastSeq: whole.timelinePage.lastSeq });
    const next = (await (await get(`/instances/${id}?afterSeq=2&limit=2`, viewer)).json()) as typeof whole;
    expect(next.timeline.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('answers 409 for an event to a finished instance and 400 naming a bad event name', async () => {
    const id = await start('order-4');
    const cancelled = await post(`/instances/${id}/cancel`, operator, { reason: 'customer asked' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ instanceId: id, cancelledTasks: 0 });
    const late = await post(`/instances/${id}/events`, operator, { type: 'APPROVE' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toContain('is cancelled; it accepts no more events');

    const bad = await post(`/instances/${id}/events`, operator, { type: 'not an event\n' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('body.type');
  });

  it('requires a reason to cancel, and a UUID in the path', async () => {
    const id = await start('order-5');
    const noReason = await post(`/instances/${id}/cancel`, operator, {});
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('body.reason');
    const notUuid = await get('/instances/nope', viewer);
    expect(notUuid.status).toBe(400);
    expect(((await notUuid.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('path.instanceId');
  });

  it('retries a failed task, which runs again', async () => {
    const id = await start('order-6');
    await post(`/instances/${id}/events`, operator, { type: 'CHARGE' });
    const failed = await h.waitForInstance(id, (i) => i.tasks.some((t) => t.status === 'failed'));
    const taskId = failed.tasks[0]!.id;
    const retried = await post(`/tasks/${taskId}/retry`, operator, { reason: 'the card was updated' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ taskId });
    const entry = await h.waitForEntry(id, 'task.retried');
    expect(entry.actorId).toMatch(/^token:/);
    // The retried task runs again (and fails again: its URL is still refused).
    await waitUntil(async () => {
      const started = await h.engine.service.getTimeline(demoAdmin, { instanceId: id, types: ['task.started'] });
      return started.length === 2;
    }, 'the retried task to start again');
  });
});

describe('GET /api/v1/instances with the console filters', () => {
  it('filters by context conditions and status, and pages with a cursor', async () => {
    const small = await start('filter-small', { amount: 10, tier: 'gold' });
    const large = await start('filter-large', { amount: 5000, tier: 'gold' });
    await start('filter-silver', { amount: 7000, tier: 'silver' });
    const page = (await (
      await get(
        `/instances?where=${encodeURIComponent('input.tier = gold')}&where=${encodeURIComponent('input.amount > 1000')}&status=running`,
        viewer,
      )
    ).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(page.items.map((i) => i.id)).toEqual([large]);

    const first = (await (
      await get(`/instances?where=${encodeURIComponent('input.tier exists')}&limit=2`, viewer)
    ).json()) as typeof page;
    expect(first.items).toHaveLength(2);
    const rest = (await (
      await get(
        `/instances?where=${encodeURIComponent('input.tier exists')}&limit=2&cursor=${first.nextCursor}`,
        viewer,
      )
    ).json()) as typeof page;
    expect(rest.items.map((i) => i.id)).toContain(small);
  });

  it('refuses an unreadable filter naming the parameter', async () => {
    const res = await get(`/instances?where=${encodeURIComponent('amount >> 3')}&status=sleeping&limit=0`, viewer);
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['query.limit', 'query.status', 'query.where.0']);
  });
});

describe('tokens, roles and tenants', () => {
  it('answers 401 with WWW-Authenticate without a token, and for a revoked one', async () => {
    const none = await get('/definitions', '');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const token = await h.engine.service.createApiToken(demoAdmin, { name: 'soon-revoked', role: 'admin' });
    await h.engine.service.revokeApiToken(demoAdmin, { tokenId: token.apiToken.id });
    const revoked = await get('/definitions', `Bearer ${token.token}`);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { detail: string }).detail).toContain('not valid');
  });

  it("gives a viewer 403 naming the role, and another tenant's token 404", async () => {
    const res = await post('/instances', viewer, { definitionKey: 'api-approval' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      'this needs the operator role; you are viewer in demo',
    );
    const id = await start('order-8');
    const acme = await bearer(h, 'acme', 'admin');
    expect((await get(`/instances/${id}`, acme)).status).toBe(404);
    const asked = await api(`/api/v1/definitions`, {
      headers: { authorization: operator, 'x-switchyard-tenant': 'acme' },
    });
    expect(asked.status).toBe(404);
  });

  it('lists definitions; unknown paths are 404 and wrong methods 405 with Allow', async () => {
    const defs = (await (await get('/definitions', viewer)).json()) as { items: { key: string; versions: number }[] };
    expect(defs.items.map((d) => d.key)).toContain('api-approval');
    expect((await get('/nothing-here', viewer)).status).toBe(404);
    const wrong = await api('/api/v1/definitions', { method: 'DELETE', headers: { authorization: viewer } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

import type { Role } from '@switchyard/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type Operation } from '../../src/server/api/operations';
import { apiFetch, approvalSpec, bearer, demoAdmin } from '../support/api-fixtures';
import { createWebHarness, type WebHarness } from '../support/web-harness';

// The HTTP API's twin of access-walk.test.ts: every operation, taken from the operations list itself, called as
// nobody, a revoked token, a viewer, an operator and another tenant's admin. A new operation fails this test until
// it has a row below.
interface Fixtures {
  instanceId: string;
  failedTaskId: string;
}
interface Rule {
  path: (f: Fixtures) => string;
  body?: unknown;
  /** What another tenant's admin gets: 404 for a tenant-A row, or an answer holding nothing of tenant A. */
  otherTenant: 404 | 'answer';
}

const reason = 'access walk';
const rules: Record<string, Rule> = {
  startInstance: { path: () => '/instances', body: { definitionKey: 'api-approval' }, otherTenant: 404 },
  listInstances: { path: () => '/instances?status=running', otherTenant: 'answer' },
  getInstance: { path: (f) => `/instances/${f.instanceId}`, otherTenant: 404 },
  sendEvent: { path: (f) => `/instances/${f.instanceId}/events`, body: { type: 'NOTHING' }, otherTenant: 404 },
  cancelInstance: { path: (f) => `/instances/${f.instanceId}/cancel`, body: { reason }, otherTenant: 404 },
  retryTask: { path: (f) => `/tasks/${f.failedTaskId}/retry`, body: { reason }, otherTenant: 404 },
  listDefinitions: { path: () => '/definitions', otherTenant: 'answer' },
};

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

describe('access to every HTTP API operation', () => {
  let h: WebHarness;
  let fx: Fixtures;
  let api: ReturnType<typeof apiFetch>;
  const tokens = {} as Record<'anonymous' | 'revoked' | 'viewer' | 'operator' | 'otherAdmin', string>;

  const call = async (op: Operation, token: string) => {
    const rule = rules[op.id]!;
    const res = await api(`/api/v1${rule.path(fx)}`, {
      method: op.method.toUpperCase(),
      headers: { ...(token ? { authorization: token } : {}), 'content-type': 'application/json' },
      ...(rule.body ? { body: JSON.stringify(rule.body) } : {}),
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    h = await createWebHarness();
    api = apiFetch(h);
    await h.engine.service.publishDefinition(demoAdmin, { spec: approvalSpec });
    const { instanceId } = await h.engine.service.startInstance(demoAdmin, {
      definitionKey: 'api-approval',
      businessKey: 'tenant-a-secret-key',
    });
    const failed = await h.engine.deps.prisma.task.create({
      data: {
        tenantId: 'demo',
        instanceId,
        type: 'NOOP',
        name: 'failed-one',
        input: {},
        status: 'failed',
        attempts: 1,
        lastError: 'boom',
      },
    });
    fx = { instanceId, failedTaskId: failed.id };
    tokens.anonymous = '';
    tokens.viewer = await bearer(h, 'demo', 'viewer');
    tokens.operator = await bearer(h, 'demo', 'operator');
    tokens.otherAdmin = await bearer(h, 'acme', 'admin');
    const revoked = await h.engine.service.createApiToken(demoAdmin, { name: 'revoked', role: 'admin' });
    await h.engine.service.revokeApiToken(demoAdmin, { tokenId: revoked.apiToken.id });
    tokens.revoked = `Bearer ${revoked.token}`;
  });
  afterAll(async () => h.close());

  it('has an access rule for every operation', () => {
    expect(operations.map((o) => o.id).filter((id) => !rules[id])).toEqual([]);
  });

  it('answers 401 to every operation without a token, and with a revoked one', async () => {
    for (const op of operations) {
      expect([op.id, (await call(op, tokens.anonymous)).status]).toEqual([op.id, 401]);
      expect([op.id, (await call(op, tokens.revoked)).status]).toEqual([op.id, 401]);
    }
  });

  it.each(['viewer', 'operator'] as const)('gives a %s 403 exactly where the role is too low', async (role) => {
    for (const op of operations) {
      const { status, text } = await call(op, tokens[role]);
      expect([op.id, status === 403]).toEqual([op.id, rank[role] < rank[op.role]]);
      if (status === 403) expect(text).toContain(`this needs the ${op.role} role; you are ${role} in demo`);
      expect([op.id, status === 401]).toEqual([op.id, false]);
    }
  });

  it("shows another tenant's admin nothing of tenant A: its rows are 404, never 403", async () => {
    const secrets = [fx.instanceId, fx.failedTaskId, 'tenant-a-secret-key', 'api-approval', 'hello-workflow'];
    for (const op of operations) {
      const rule = rules[op.id]!;
      const { status, text } = await call(op, tokens.otherAdmin);
      if (rule.otherTenant === 404) {
        expect([op.id, status]).toEqual([op.id, 404]);
      } else {
        expect([op.id, status]).toEqual([op.id, 200]);
        for (const secret of secrets) expect([op.id, text.includes(secret)]).toEqual([op.id, false]);
      }
    }
  });
});

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, type WebHarness } from '../support/web-harness';

let h: WebHarness;
let operator: Headers;

beforeAll(async () => {
  h = await createWebHarness();
  operator = await h.signIn('operator@demo.test', 'operator-password');
});
afterAll(() => h.close());

describe('instances.start with a business key over tRPC', () => {
  it('gives one instance for 6 parallel calls and tells the other 5 it already existed', async () => {
    const caller = h.caller(operator);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        caller.instances.start({ definitionKey: 'hello-workflow', businessKey: 'invoice-9', input: { total: 5 } }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.instanceId)).size).toBe(1);
    const page = await caller.instances.list({ search: 'invoice-9' });
    expect(page.items).toHaveLength(1);
  });

  it('answers CONFLICT for the same key with a different input', async () => {
    const caller = h.caller(operator);
    await caller.instances.start({ definitionKey: 'hello-workflow', businessKey: 'invoice-10', input: { total: 5 } });
    const error = await caller.instances
      .start({ definitionKey: 'hello-workflow', businessKey: 'invoice-10', input: { total: 6 } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('CONFLICT');
    expect((error as TRPCError).message).toContain('business key "invoice-10" already started instance');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../src/errors';
import { helloWorkflow } from '../../src/workflows/fixtures';
import { createHarness, type Harness } from '../support/harness';

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isEngineError(error)) throw new Error(`expected an EngineError, got ${String(error)}`);
  return error;
}

describe('start with a business key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it('creates exactly one instance when 8 callers start the same key at once; 7 hear it already existed', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.engine.service.startInstance(h.ctx, {
          definitionKey: 'hello-workflow',
          businessKey: 'payment-7',
          input: { amount: 10 },
        }),
      ),
    );
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    expect(new Set(results.map((r) => r.instanceId))).toEqual(new Set([created[0]!.instanceId]));
    expect(await h.engine.deps.prisma.workflowInstance.count({ where: { businessKey: 'payment-7' } })).toBe(1);
    // Only the creator queued WORKFLOW_START and wrote a timeline.
    const timeline = await h.engine.service.getTimeline(h.ctx, {
      instanceId: created[0]!.instanceId,
      types: ['instance.started'],
    });
    expect(timeline).toHaveLength(1);
  });

  it('returns the existing instance for the same request, and refuses a different version or input naming the difference', async () => {
    const first = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'hello-workflow',
      businessKey: 'order-1',
      input: { a: 1 },
    });
    expect(first.created).toBe(true);
    const again = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'hello-workflow',
      businessKey: 'order-1',
      input: { a: 1 },
    });
    expect(again).toMatchObject({ instanceId: first.instanceId, created: false, definitionVersion: 1 });

    await h.engine.service.publishDefinition(h.ctx, { spec: { ...helloWorkflow, context: { greeted: true } } });
    const otherVersion = await refusal(
      h.engine.service.startInstance(h.ctx, {
        definitionKey: 'hello-workflow',
        businessKey: 'order-1',
        input: { a: 1 },
        version: 2,
      }),
    );
    expect(otherVersion.code).toBe('CONFLICT');
    expect(otherVersion.message).toBe(
      `business key "order-1" already started instance ${first.instanceId} (hello-workflow v1, running); this start asks for v2`,
    );

    const otherInput = await refusal(
      h.engine.service.startInstance(h.ctx, {
        definitionKey: 'hello-workflow',
        businessKey: 'order-1',
        input: { a: 2 },
      }),
    );
    expect(otherInput.code).toBe('CONFLICT');
    expect(otherInput.message).toContain('with a different input');
    // Without a version the latest is meant, so a key started on v1 is still "the same start".
    expect(
      (
        await h.engine.service.startInstance(h.ctx, {
          definitionKey: 'hello-workflow',
          businessKey: 'order-1',
          input: { a: 1 },
        })
      ).created,
    ).toBe(false);
    expect(await h.engine.deps.prisma.workflowInstance.count({ where: { businessKey: 'order-1' } })).toBe(1);
  });

  it('does not constrain starts without a business key', async () => {
    const [a, b] = await Promise.all(
      [1, 2].map(() => h.engine.service.startInstance(h.ctx, { definitionKey: 'hello-workflow' })),
    );
    expect(a!.created && b!.created).toBe(true);
    expect(a!.instanceId).not.toBe(b!.instanceId);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultInputLimits } from '../../src/limits';
import { createEngineService } from '../../src/service';
import { createHarness, type Harness } from '../support/harness';

/** A chain of `n` states, each moving to the next on NEXT (n - 1 transitions). */
function chainSpec(id: string, n: number) {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < n - 1; i++) states[`s${i}`] = { on: { NEXT: { target: `s${i + 1}` } } };
  states[`s${n - 1}`] = { type: 'final' };
  return { id, initial: 's0', states };
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

const waitSpec = {
  id: 'waits',
  initial: 'waiting',
  states: { waiting: { on: { GO: { target: 'done' } } }, done: { type: 'final' } },
};

describe('input limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: waitSpec });
  });
  afterAll(async () => h.close());

  it('refuses a 50,000-state spec by its counts and size, storing nothing', async () => {
    const huge = chainSpec('huge', 50_000);
    const error = await h.engine.service.publishDefinition(h.ctx, { spec: huge }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPEC_INVALID' });
    const { message, details } = error as {
      message: string;
      details: { path: string; code: string; message: string }[];
    };
    expect(details).toEqual([
      {
        path: '$.states',
        code: 'TOO_MANY_STATES',
        message: 'the spec has 50000 states; the limit is 2000 (LIMIT_SPEC_STATES)',
      },
      {
        path: '$.states',
        code: 'TOO_MANY_TRANSITIONS',
        message: 'the spec has 49999 transitions; the limit is 10000 (LIMIT_SPEC_TRANSITIONS)',
      },
      expect.objectContaining({
        path: '$',
        code: 'SPEC_TOO_LARGE',
        message: expect.stringMatching(
          /^the spec is 2\.\d MiB \(\d+ bytes\); the limit is 1 MiB \(LIMIT_SPEC_BYTES\)$/,
        ),
      }),
    ]);
    expect(message).toContain('50000 states');
    expect(await h.engine.deps.prisma.workflowDefinition.count({ where: { key: 'huge' } })).toBe(0);
  });

  it('refuses a spec nested 5,000 deep with a clear line instead of a stack overflow', async () => {
    const deep = { ...waitSpec, id: 'deep', context: nested(5_000) };
    await expect(h.engine.service.publishDefinition(h.ctx, { spec: deep })).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      details: [
        {
          path: '$',
          code: 'SPEC_TOO_DEEP',
          message: 'the spec nests deeper than 64 levels, the limit (LIMIT_JSON_DEPTH)',
        },
      ],
    });
  });

  it('publishes a spec at the state limit', async () => {
    const result = await h.engine.service.publishDefinition(h.ctx, { spec: chainSpec('at-limit', 2_000) });
    expect(result.created).toBe(true);
  });

  it("refuses an AI_DECISION whose allowlist comes from the context (the issue's spec) at publish", async () => {
    const spec = {
      id: 'ai-from-data',
      initial: 'start',
      states: {
        start: {
          on: {
            WORKFLOW_START: {
              target: 'deciding',
              actions: [
                {
                  type: 'createTask',
                  task: {
                    type: 'AI_DECISION',
                    name: 'decide',
                    input: {
                      instructions: 'choose',
                      policy: { allowedEvents: { $ref: 'context.allowed' }, allowDirectEmit: true },
                    },
                  },
                },
              ],
            },
          },
        },
        deciding: { on: { DELETE_EVERYTHING: { target: 'done' } } },
        done: { type: 'final' },
      },
    };
    await expect(h.engine.service.publishDefinition(h.ctx, { spec })).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      details: [
        expect.objectContaining({
          path: '$.states.start.on.WORKFLOW_START.actions[0].task.input.policy.allowedEvents',
          code: 'POLICY_NOT_LITERAL',
        }),
      ],
    });
    expect(await h.engine.deps.prisma.workflowDefinition.count({ where: { key: 'ai-from-data' } })).toBe(0);
  });

  it('refuses a start input over 256 KiB, naming the field, the size and the limit, and creates nothing', async () => {
    const before = await h.engine.deps.prisma.workflowInstance.count();
    await expect(
      h.engine.service.startInstance(h.ctx, { definitionKey: 'waits', input: { blob: 'x'.repeat(300 * 1024) } }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'input is 300 KiB (307211 bytes); the limit is 256 KiB (LIMIT_START_INPUT_BYTES)',
      details: [expect.objectContaining({ path: 'input', code: 'LIMIT_EXCEEDED' })],
    });
    await expect(
      h.engine.service.startInstance(h.ctx, { definitionKey: 'waits', input: nested(100) }),
    ).rejects.toMatchObject({ message: 'input nests deeper than 64 levels, the limit (LIMIT_JSON_DEPTH)' });
    expect(await h.engine.deps.prisma.workflowInstance.count()).toBe(before);
  });

  it('refuses an event payload over 256 KiB and queues nothing', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'waits' });
    const outboxBefore = await h.engine.deps.prisma.outbox.count({ where: { tenantId: 'demo' } });
    await expect(
      h.engine.service.sendEvent(h.ctx, { instanceId, type: 'GO', payload: { blob: 'é'.repeat(200 * 1024) } }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'payload is 400 KiB (409611 bytes); the limit is 256 KiB (LIMIT_EVENT_PAYLOAD_BYTES)',
    });
    expect(await h.engine.deps.prisma.outbox.count({ where: { tenantId: 'demo' } })).toBe(outboxBefore);
  });

  it('refuses a draft over the draft limit and keeps the saved one', async () => {
    await h.engine.service.saveDraft(h.ctx, { key: 'waits', spec: waitSpec });
    await expect(
      h.engine.service.saveDraft(h.ctx, {
        key: 'waits',
        spec: { ...waitSpec, context: { blob: 'x'.repeat(1100 * 1024) } },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^spec is 1\.1 MiB \(\d+ bytes\); the limit is 1 MiB \(LIMIT_DRAFT_BYTES\)$/),
    });
    expect((await h.engine.service.getDraft(h.ctx, { key: 'waits' }))?.spec).toEqual(waitSpec);
  });

  it('applies limits changed by the deployment (LIMIT_* variables reach the engine as deps.limits)', async () => {
    const strict = createEngineService({
      ...h.engine.deps,
      limits: { ...defaultInputLimits, startInputBytes: 1024, contextBytes: 2048 },
    });
    await expect(
      strict.startInstance(h.ctx, { definitionKey: 'waits', input: { note: 'y'.repeat(2000) } }),
    ).rejects.toMatchObject({ message: 'input is 2 KiB (2011 bytes); the limit is 1 KiB (LIMIT_START_INPUT_BYTES)' });
    await expect(
      strict.startInstance(h.ctx, { definitionKey: 'waits', input: { note: 'y'.repeat(900) } }),
    ).resolves.toMatchObject({ created: true });
  });
});

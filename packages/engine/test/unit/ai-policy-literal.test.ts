import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../src/spec';
import { supportTriageWorkflow } from '../../src/workflows/demo/support-triage';

/** A spec with one AI_DECISION task whose input is `input`. */
function aiSpec(input: unknown) {
  return {
    id: 'ai-literal',
    initial: 'start',
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'deciding',
            actions: [{ type: 'createTask', task: { type: 'AI_DECISION', name: 'decide', input } }],
          },
        },
      },
      deciding: { on: { APPROVE: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}

const inputAt = '$.states.start.on.WORKFLOW_START.actions[0].task.input';

function problems(input: unknown) {
  const result = validateSpec(aiSpec(input));
  return result.ok ? [] : result.problems.filter((p) => p.code.startsWith('POLICY_'));
}

describe('an AI_DECISION policy must be literal', () => {
  it('accepts a written-out policy (the demo workflows publish)', () => {
    expect(problems({ instructions: 'decide', policy: { allowedEvents: ['APPROVE'], allowDirectEmit: true } })).toEqual(
      [],
    );
    expect(validateSpec(supportTriageWorkflow).ok).toBe(true);
  });

  it("refuses an allowlist read from the context (the issue's DELETE_EVERYTHING spec)", () => {
    expect(
      problems({
        instructions: 'decide',
        policy: { allowedEvents: { $ref: 'context.allowed' }, allowDirectEmit: true },
      }),
    ).toEqual([
      expect.objectContaining({
        path: `${inputAt}.policy.allowedEvents`,
        code: 'POLICY_NOT_LITERAL',
        message: expect.stringContaining('$ref would let data choose'),
      }),
    ]);
  });

  it('refuses a $ref or $template anywhere inside the policy, each with its path', () => {
    const found = problems({
      instructions: 'decide',
      policy: {
        allowedEvents: ['APPROVE', { $template: '{{event.payload.extra}}' }],
        allowDirectEmit: { $ref: 'event.payload.direct' },
      },
    });
    expect(found.map((p) => p.path)).toEqual([
      `${inputAt}.policy.allowedEvents[1]`,
      `${inputAt}.policy.allowDirectEmit`,
    ]);
  });

  it('refuses a policy that is itself a reference, and an input that is one', () => {
    expect(problems({ instructions: 'decide', policy: { $ref: 'event.payload.policy' } })).toEqual([
      expect.objectContaining({ path: `${inputAt}.policy`, code: 'POLICY_NOT_LITERAL' }),
    ]);
    expect(problems({ $ref: 'event.payload' })).toEqual([
      expect.objectContaining({ path: inputAt, code: 'POLICY_NOT_LITERAL' }),
    ]);
  });

  it('refuses a task without a policy', () => {
    expect(problems({ instructions: 'decide' })).toEqual([
      expect.objectContaining({ path: `${inputAt}.policy`, code: 'POLICY_MISSING' }),
    ]);
  });

  it('leaves references elsewhere in the input alone', () => {
    expect(
      problems({
        instructions: { $template: 'Decide {{context.id}}' },
        context: { ticket: { $ref: 'context.ticket' } },
        policy: { allowedEvents: ['APPROVE'] },
      }),
    ).toEqual([]);
  });
});

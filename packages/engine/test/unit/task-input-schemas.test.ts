import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputJsonSchema, taskInputSchemasFrom, validateSpec, type SpecProblem } from '../../src/spec';
import { helloWorkflow } from '../../src/workflows/fixtures';

type Raw = Record<string, any>;
const taskPath = '$.states.start.on.WORKFLOW_START.actions[0].task';

const chargeInput = z.object({
  amount: z.number().int().positive(),
  currency: z.enum(['EUR', 'USD']),
  card: z.object({ token: z.string().startsWith('tok_') }),
});
// What publish uses: the schema after its trip through Postgres as JSON Schema.
const taskInputs = taskInputSchemasFrom([
  { type: 'CHARGE_CARD', description: null, inputSchema: inputJsonSchema(chargeInput) },
]);
const options = { taskTypes: ['NOOP', 'CHARGE_CARD'], taskInputs };

function problemsFor(input: unknown): SpecProblem[] {
  const spec = structuredClone(helloWorkflow) as Raw;
  const task = spec.states.start.on.WORKFLOW_START.actions[0].task as Raw;
  task.type = 'CHARGE_CARD';
  task.input = input;
  const result = validateSpec(spec, options);
  return result.ok ? [] : result.problems;
}

describe('validateSpec: custom task input schemas', () => {
  it('accepts a literal input the schema accepts', () => {
    expect(problemsFor({ amount: 100, currency: 'EUR', card: { token: 'tok_1' } })).toEqual([]);
  });

  it('reports each literal field the schema refuses, at its path, and a missing one', () => {
    const problems = problemsFor({ amount: 1.5, currency: 'JPY', card: { token: 'tok_1' } });
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      [`${taskPath}.input.amount`, 'INVALID_TASK_INPUT'],
      [`${taskPath}.input.currency`, 'INVALID_TASK_INPUT'],
    ]);
    expect(problems[0]?.message).toMatch(/^CHARGE_CARD task input\.amount: .*int/i);
    expect(problemsFor({ currency: 'EUR', card: { token: 'tok_1' } })).toEqual([
      expect.objectContaining({ path: `${taskPath}.input.amount`, message: expect.stringContaining('input.amount') }),
    ]);
  });

  it('leaves $ref, $template and $secret parts (and everything under them) to run time', () => {
    expect(
      problemsFor({
        amount: { $ref: 'event.payload.amount' },
        currency: { $template: '{{context.currency}}' },
        card: { $ref: 'context.card' },
      }),
    ).toEqual([]);
    expect(problemsFor({ $ref: 'event.payload' })).toEqual([]);
    // A literal sibling of a reference is still checked.
    expect(problemsFor({ amount: { $ref: 'event.payload.amount' }, currency: 'EUR', card: { token: 7 } })).toEqual([
      expect.objectContaining({ path: `${taskPath}.input.card.token` }),
    ]);
  });

  it('skips a stored schema zod cannot read rather than refusing every spec', () => {
    const unreadable = taskInputSchemasFrom([
      { type: 'ODD', description: null, inputSchema: { type: 'object', $ref: 'https://elsewhere.example/s.json' } },
    ]);
    expect(Object.keys(unreadable)).toEqual([]);
  });
});

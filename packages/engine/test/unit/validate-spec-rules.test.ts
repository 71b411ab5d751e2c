import { describe, expect, it } from 'vitest';
import { validateSpec, type SpecProblem } from '../../src/spec';
import { demoWorkflows } from '../../src/workflows/demo';
import { helloWorkflow, orderApprovalWorkflow } from '../../src/workflows/fixtures';

type Raw = Record<string, any>;

function check(mutate: (spec: Raw) => void, options?: Parameters<typeof validateSpec>[1]) {
  const spec = structuredClone(helloWorkflow) as Raw;
  mutate(spec);
  return validateSpec(spec, options);
}

function problemsAfter(mutate: (spec: Raw) => void, options?: Parameters<typeof validateSpec>[1]): SpecProblem[] {
  const result = check(mutate, options);
  if (result.ok) throw new Error('expected the spec to be invalid');
  return result.problems;
}

const task = (s: Raw) => s.states.start.on.WORKFLOW_START.actions[0].task as Raw;
const taskPath = '$.states.start.on.WORKFLOW_START.actions[0].task';

describe('validateSpec: dates and durations', () => {
  it('refuses a runAt date that does not exist on the calendar', () => {
    for (const runAt of [
      '2030-02-30T09:00:00Z',
      '2031-02-29',
      '2030-13-01T00:00:00Z',
      '2030-01-01T24:30:00Z',
      '2030-01-01T10:61:00Z',
    ]) {
      const problems = problemsAfter((s) => (task(s).runAt = runAt));
      expect(problems).toEqual([expect.objectContaining({ path: `${taskPath}.runAt`, code: 'INVALID_RUN_AT' })]);
      expect(problems[0]?.message).toContain('is not a real date and time');
    }
    expect(check((s) => (task(s).runAt = '2032-02-29T09:00:00Z')).ok).toBe(true);
  });

  it('refuses a delay longer than a year, in any unit', () => {
    for (const delay of [1e16, '400d', '9000h', 365 * 86_400_000 + 1]) {
      const problems = problemsAfter((s) => (task(s).runAt = { in: delay }));
      expect(problems).toEqual([expect.objectContaining({ path: `${taskPath}.runAt.in`, code: 'INVALID_RUN_AT' })]);
      expect(problems[0]?.message).toContain('is out of range; a delay may be at most 365 days');
    }
    expect(check((s) => (task(s).runAt = { in: '365d' })).ok).toBe(true);
  });
});

describe('validateSpec: guards, ids and names', () => {
  it('refuses an "in" guard whose list operand is not a list', () => {
    const problems = problemsAfter((s) => {
      s.guards = { vip: { in: [{ $ref: 'context.tier' }, 'gold,silver'] } };
      s.states.notify.on.HELLO_SENT.guard = 'vip';
    });
    expect(problems).toEqual([expect.objectContaining({ path: '$.guards.vip.in[1]', code: 'INVALID_GUARD' })]);
    expect(check((s) => (s.guards = { vip: { in: [{ $ref: 'context.tier' }, { $ref: 'context.tiers' }] } })).ok).toBe(
      true,
    );
  });

  it('refuses definition ids that are not a short key', () => {
    for (const id of ['../../etc/passwd', 'a'.repeat(10_000), 'has space', '-leading']) {
      expect(problemsAfter((s) => (s.id = id))).toEqual([
        expect.objectContaining({ path: '$.id', code: 'INVALID_ID' }),
      ]);
    }
    expect(problemsAfter((s) => (s.id = 'a'.repeat(101)))[0]?.message).toBe(
      `id "${'a'.repeat(60)}…" is 101 characters long; at most 100`,
    );
  });

  it('accepts the ids of every seeded and fixture workflow', () => {
    for (const spec of [helloWorkflow, ...demoWorkflows]) expect(validateSpec(spec).ok).toBe(true);
    expect(validateSpec(orderApprovalWorkflow, { taskTypes: ['EMAIL', 'REVIEW', 'MANUAL_DECISION'] }).ok).toBe(true);
  });

  it('refuses an event name with a newline or a control character, on one line', () => {
    const problems = problemsAfter((s) => {
      s.states.notify.on['HELLO\nSENT'] = s.states.notify.on.HELLO_SENT;
    });
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_EVENT_NAME' })]);
    expect(problems[0]?.message).toBe(
      'event name "HELLO\\nSENT" must start with a letter or "_" and use only letters, digits, "_", ".", ":" and "-"',
    );
    expect(problems.map((p) => `${p.path} ${p.message}`).join('')).not.toContain('\n');
  });
});

describe('validateSpec: task types and inputs', () => {
  it('refuses a task type no worker can run, naming the known ones', () => {
    const problems = problemsAfter((s) => (task(s).type = 'SMS'));
    expect(problems).toEqual([expect.objectContaining({ path: `${taskPath}.type`, code: 'UNKNOWN_TASK_TYPE' })]);
    expect(problems[0]?.message).toBe(
      'task type "SMS" has no handler; expected one of: AI_DECISION, DELAY, EMAIL, HTTP, NOOP',
    );
  });

  it('takes the known types from the caller (the handler registry)', () => {
    expect(check((s) => (task(s).type = 'SMS'), { taskTypes: ['SMS'] }).ok).toBe(true);
    expect(check((s) => (task(s).type = 'SMS'), { taskTypes: 'any' }).ok).toBe(true);
  });

  it('refuses an EMAIL without "to" and an HTTP task without a url or with an unknown method', () => {
    expect(problemsAfter((s) => delete task(s).input.to)).toEqual([
      expect.objectContaining({ path: `${taskPath}.input.to`, code: 'MISSING_TASK_INPUT' }),
    ]);
    const http = problemsAfter((s) => Object.assign(task(s), { type: 'HTTP', input: { method: 'FETCH' } }));
    expect(http.map((p) => p.path)).toEqual([`${taskPath}.input.url`, `${taskPath}.input.method`]);
    expect(check((s) => Object.assign(task(s), { type: 'HTTP', input: { url: { $ref: 'context.url' } } })).ok).toBe(
      true,
    );
    expect(check((s) => Object.assign(task(s), { type: 'EMAIL', input: { $ref: 'context.mail' } })).ok).toBe(true);
  });
});

describe('validateSpec: graph shape warnings', () => {
  it('warns about unreachable states, dead ends and a missing final state, and still accepts the spec', () => {
    const result = check((s) => {
      s.states.orphan = { on: { GO: { target: 'done' } } };
      s.states.stuck = {};
      s.states.notify.on.STALL = { target: 'stuck' };
      s.states.done = { on: { AGAIN: { target: 'start' } } };
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings).toEqual([
      expect.objectContaining({ path: '$.states.orphan', code: 'UNREACHABLE_STATE', severity: 'warning' }),
      expect.objectContaining({ path: '$.states.stuck', code: 'DEAD_END_STATE', severity: 'warning' }),
      expect.objectContaining({ path: '$.states', code: 'NO_FINAL_STATE', severity: 'warning' }),
    ]);
  });

  it('has no warnings for the fixture workflows', () => {
    const result = validateSpec(orderApprovalWorkflow, { taskTypes: 'any' });
    expect(result.ok && result.warnings).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { validateSpec, type SpecProblem } from '../../src/spec';
import { helloWorkflow, orderApprovalWorkflow } from '../../src/workflows/fixtures';

type Raw = Record<string, any>;

/** Validates a copy of hello-workflow after `mutate` has broken it. */
function problemsAfter(mutate: (spec: Raw) => void): SpecProblem[] {
  const spec = structuredClone(helloWorkflow) as Raw;
  mutate(spec);
  const result = validateSpec(spec);
  if (result.ok) throw new Error('expected the spec to be invalid');
  return result.problems;
}

const only = (path: string, code: string) => [expect.objectContaining({ path, code })];
const startAction = '$.states.start.on.WORKFLOW_START.actions[0]';

describe('validateSpec accepts', () => {
  it('the fixture workflows', () => {
    expect(validateSpec(helloWorkflow)).toEqual({ ok: true, spec: helloWorkflow, warnings: [] });
    expect(validateSpec(orderApprovalWorkflow, { taskTypes: ['EMAIL', 'REVIEW', 'MANUAL_DECISION'] }).ok).toBe(true);
  });
});

describe('validateSpec rejects', () => {
  it('a spec that is not an object', () => {
    expect(validateSpec('nope')).toEqual({ ok: false, problems: only('$', 'INVALID_TYPE') });
  });

  it('a missing initial state', () => {
    expect(problemsAfter((s) => delete s.initial)).toEqual(only('$.initial', 'MISSING_INITIAL'));
  });

  it('an initial state that does not exist, listing the states', () => {
    const problems = problemsAfter((s) => (s.initial = 'begin'));
    expect(problems).toEqual(only('$.initial', 'UNKNOWN_INITIAL'));
    expect(problems[0]?.message).toBe('initial state "begin" is not a state; expected one of: start, notify, done');
  });

  it('a spec without states', () => {
    expect(problemsAfter((s) => (s.states = {}))).toEqual(only('$.states', 'NO_STATES'));
    expect(problemsAfter((s) => delete s.states)).toEqual(only('$.states', 'NO_STATES'));
  });

  it('a transition to an unknown state, with the expected names', () => {
    const problems = problemsAfter((s) => (s.states.notify.on.HELLO_SENT.target = 'dnoe'));
    expect(problems).toEqual(only('$.states.notify.on.HELLO_SENT.target', 'UNKNOWN_TARGET'));
    expect(problems[0]?.message).toBe('transition target "dnoe" is not a state; expected one of: start, notify, done');
  });

  it('an unknown target inside a list of alternatives', () => {
    const problems = problemsAfter((s) => {
      s.guards = { ok: { eq: [1, 1] } };
      s.states.notify.on.HELLO_SENT = [{ guard: 'ok', target: 'done' }, { target: 'notfy' }];
    });
    expect(problems).toEqual(only('$.states.notify.on.HELLO_SENT[1].target', 'UNKNOWN_TARGET'));
  });

  it('a guard name that is not defined', () => {
    const problems = problemsAfter((s) => (s.states.notify.on.HELLO_SENT.guard = 'isReady'));
    expect(problems).toEqual(only('$.states.notify.on.HELLO_SENT.guard', 'UNKNOWN_GUARD'));
    expect(problems[0]?.message).toContain('no guards are defined');
  });

  it('a malformed guard, pointing at the bad operator', () => {
    expect(problemsAfter((s) => (s.guards = { big: { greater: [1, 2] } }))).toEqual(
      only('$.guards.big.greater', 'INVALID_GUARD'),
    );
    expect(problemsAfter((s) => (s.guards = { big: { and: [{ gt: [1] }] } }))).toEqual(
      only('$.guards.big.and[0].gt', 'INVALID_GUARD'),
    );
  });

  it('a reference whose root is neither context nor event', () => {
    const problems = problemsAfter(
      (s) => (s.states.start.on.WORKFLOW_START.actions[0].task.input.to = { $ref: 'ctx.email' }),
    );
    expect(problems).toEqual(only(`${startAction}.task.input.to.$ref`, 'INVALID_REFERENCE'));
    expect(problems[0]?.message).toContain('must start with "context." or "event."');
  });

  it('a template placeholder with an unknown root', () => {
    const problems = problemsAfter(
      (s) => (s.states.start.on.WORKFLOW_START.actions[0].task.input.subject = { $template: 'Hi {{user.name}}' }),
    );
    expect(problems).toEqual(only(`${startAction}.task.input.subject.$template`, 'INVALID_REFERENCE'));
  });

  it('a reference with an unknown root inside a guard operand', () => {
    expect(problemsAfter((s) => (s.guards = { g: { eq: [{ $ref: 'payload.x' }, 1] } }))).toEqual(
      only('$.guards.g.eq[0].$ref', 'INVALID_REFERENCE'),
    );
  });

  it('a final state with transitions', () => {
    expect(problemsAfter((s) => (s.states.done.on = { AGAIN: { target: 'start' } }))).toEqual(
      only('$.states.done.on', 'FINAL_STATE_HAS_TRANSITIONS'),
    );
  });

  it('an unsupported action type', () => {
    const problems = problemsAfter(
      (s) => (s.states.start.on.WORKFLOW_START.actions[0] = { type: 'sendEmail', to: 'x' }),
    );
    expect(problems).toEqual(only(`${startAction}.type`, 'INVALID_ACTION'));
    expect(problems[0]?.message).toBe('action type "sendEmail" is not supported; expected one of: assign, createTask');
  });

  it('a misspelled key, suggesting the right one', () => {
    const problems = problemsAfter((s) => (s.states.notify.on.HELLO_SENT = { tagret: 'done' }));
    expect(problems).toEqual(only('$.states.notify.on.HELLO_SENT.tagret', 'UNKNOWN_KEY'));
    expect(problems[0]?.message).toBe(
      'unknown key "tagret" in transition (did you mean "target"?); expected one of: target, guard, actions, description',
    );
  });

  it('a field of the wrong type', () => {
    expect(problemsAfter((s) => (s.states.notify.on.HELLO_SENT.target = 5))).toEqual(
      only('$.states.notify.on.HELLO_SENT.target', 'INVALID_TYPE'),
    );
  });

  it('a missing required task field', () => {
    expect(problemsAfter((s) => delete s.states.start.on.WORKFLOW_START.actions[0].task.name)).toEqual(
      only(`${startAction}.task.name`, 'REQUIRED'),
    );
  });

  it('a runAt that is neither a timestamp nor a delay', () => {
    expect(problemsAfter((s) => (s.states.start.on.WORKFLOW_START.actions[0].task.runAt = 'tomorrow'))).toEqual(
      only(`${startAction}.task.runAt`, 'INVALID_RUN_AT'),
    );
    expect(problemsAfter((s) => (s.states.start.on.WORKFLOW_START.actions[0].task.runAt = { in: '5 weeks' }))).toEqual(
      only(`${startAction}.task.runAt.in`, 'INVALID_RUN_AT'),
    );
  });

  it('maxAttempts outside 1..100', () => {
    expect(problemsAfter((s) => (s.states.start.on.WORKFLOW_START.actions[0].task.maxAttempts = 0))).toEqual(
      only(`${startAction}.task.maxAttempts`, 'OUT_OF_RANGE'),
    );
  });

  it('an event name XState would read as a wildcard', () => {
    expect(problemsAfter((s) => (s.states.notify.on['HELLO.*'] = { target: 'done' }))).toEqual(
      only('$.states.notify.on["HELLO.*"]', 'INVALID_EVENT_NAME'),
    );
  });

  it('a state name XState would read as a path', () => {
    expect(problemsAfter((s) => (s.states['wait.more'] = { on: {} }))).toEqual(
      only('$.states["wait.more"]', 'INVALID_STATE_NAME'),
    );
  });

  it('an assign path with an empty segment', () => {
    const problems = problemsAfter(
      (s) => (s.states.notify.on.HELLO_SENT.actions = [{ type: 'assign', path: 'a..b', value: 1 }]),
    );
    expect(problems).toEqual(only('$.states.notify.on.HELLO_SENT.actions[0].path', 'INVALID_PATH'));
  });

  it('an unguarded alternative that hides the ones after it', () => {
    const problems = problemsAfter((s) => {
      s.guards = { ok: { eq: [1, 1] } };
      s.states.notify.on.HELLO_SENT = [{ target: 'done' }, { guard: 'ok', target: 'start' }];
    });
    expect(problems).toEqual(only('$.states.notify.on.HELLO_SENT[0].guard', 'UNREACHABLE_ALTERNATIVE'));
  });

  it('a state type other than final', () => {
    expect(problemsAfter((s) => (s.states.done.type = 'finished'))).toEqual(
      only('$.states.done.type', 'INVALID_VALUE'),
    );
  });

  it('reports every problem of a badly broken spec at once', () => {
    const problems = problemsAfter((s) => {
      s.initial = 'begin';
      s.guards = { g: { eqq: [1, 2] } };
      s.states.start.on.WORKFLOW_START.actions[0].task.input.to = { $ref: 'customer.email' };
      s.states.start.on.WORKFLOW_START.actions.push({ type: 'notify' });
      s.states.notify.on.HELLO_SENT = { target: 'fin', guard: 'missing', extra: true };
      s.states.done.on = {};
    });
    expect(problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ['$.initial', 'UNKNOWN_INITIAL'],
        ['$.guards.g.eqq', 'INVALID_GUARD'],
        [`${startAction}.task.input.to.$ref`, 'INVALID_REFERENCE'],
        ['$.states.start.on.WORKFLOW_START.actions[1].type', 'INVALID_ACTION'],
        ['$.states.notify.on.HELLO_SENT.target', 'UNKNOWN_TARGET'],
        ['$.states.notify.on.HELLO_SENT.guard', 'UNKNOWN_GUARD'],
        ['$.states.notify.on.HELLO_SENT.extra', 'UNKNOWN_KEY'],
        ['$.states.done.on', 'FINAL_STATE_HAS_TRANSITIONS'],
      ]),
    );
    expect(problems).toHaveLength(8);
  });
});

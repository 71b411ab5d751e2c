import { describe, expect, it } from 'vitest';
import { start, step, type CreateTaskEffect, type JsonValue, type StepResult } from '../../src/core';
import type { ActionSpec, TaskSpec, WorkflowSpec } from '../../src/spec';

/** A spec whose GO event (staying in "wait") runs the given actions. */
function withActions(actions: ActionSpec[]): WorkflowSpec {
  return { id: 'actions', initial: 'wait', context: { name: 'Ann' }, states: { wait: { on: { GO: { actions } } } } };
}

function go(actions: ActionSpec[], context: Record<string, JsonValue> = {}, payload: JsonValue = null): StepResult {
  const spec = withActions(actions);
  return step(spec, start(spec, { context }).snapshot, { type: 'GO', payload });
}

function taskOf(
  task: Partial<TaskSpec>,
  context: Record<string, JsonValue> = {},
  payload: JsonValue = null,
): CreateTaskEffect['task'] {
  const result = go([{ type: 'createTask', task: { type: 'T', name: 'n', input: null, ...task } }], context, payload);
  const [effect] = result.effects;
  if (effect?.type !== 'createTask') throw new Error('expected a createTask effect');
  return effect.task;
}

describe('assign', () => {
  it('creates intermediate objects for a nested path and reports before/after', () => {
    const result = go([{ type: 'assign', path: 'customer.address.city', value: 'Lyon' }]);
    expect(result.context).toEqual({ name: 'Ann', customer: { address: { city: 'Lyon' } } });
    expect(result.contextChanges).toEqual([{ path: 'customer.address.city', before: undefined, after: 'Lyon' }]);
  });

  it('keeps sibling fields and records the previous value', () => {
    const result = go([{ type: 'assign', path: 'customer.tier', value: 'gold' }], {
      customer: { tier: 'basic', id: 7 },
    });
    expect(result.context['customer']).toEqual({ tier: 'gold', id: 7 });
    expect(result.contextChanges).toEqual([{ path: 'customer.tier', before: 'basic', after: 'gold' }]);
  });

  it('stays in the state for a transition without target, still running its actions', () => {
    const result = go([{ type: 'assign', path: 'count', value: 1 }]);
    expect(result).toMatchObject({ accepted: true, value: 'wait', transition: { from: 'wait', to: 'wait' } });
  });

  it('writes into a list by index and keeps the list (an index equal to the length appends)', () => {
    const replaced = go([{ type: 'assign', path: 'review.history.0', value: 'reopened' }], {
      review: { history: ['created'] },
    });
    expect(replaced.context['review']).toEqual({ history: ['reopened'] });
    const appended = go([{ type: 'assign', path: 'review.history.1', value: 'auto-approved' }], {
      review: { history: ['created'] },
    });
    expect(appended.context['review']).toEqual({ history: ['created', 'auto-approved'] });
    expect(appended.contextChanges).toEqual([{ path: 'review.history.1', before: undefined, after: 'auto-approved' }]);
    const nested = go([{ type: 'assign', path: 'lines.0.qty', value: 3 }], {
      lines: [
        { sku: 'X1', qty: 1 },
        { sku: 'X2', qty: 1 },
      ],
    });
    expect(nested.context['lines']).toEqual([
      { sku: 'X1', qty: 3 },
      { sku: 'X2', qty: 1 },
    ]);
  });

  it('refuses an index past the end of a list, or a name where a list is, and leaves the context alone', () => {
    expect(() =>
      go([{ type: 'assign', path: 'review.history.5', value: 'x' }], { review: { history: ['created'] } }),
    ).toThrow('assign "review.history.5": index 5 is past the end of a list of 1; use at most 1 (appends)');
    expect(() =>
      go([{ type: 'assign', path: 'review.history.last', value: 'x' }], { review: { history: ['created'] } }),
    ).toThrow('"last" is not an index, but the value there is a list');
  });

  it('lets later actions see values assigned earlier in the same transition', () => {
    const result = go(
      [
        { type: 'assign', path: 'orderId', value: { $ref: 'event.payload.id' } },
        { type: 'createTask', task: { type: 'T', name: 'n', input: { id: { $ref: 'context.orderId' } } } },
      ],
      {},
      { id: 'o-9' },
    );
    expect(result.effects).toEqual([{ type: 'createTask', task: { type: 'T', name: 'n', input: { id: 'o-9' } } }]);
  });
});

describe('references and templates', () => {
  it('resolves references to context and event at any depth', () => {
    const task = taskOf(
      {
        input: {
          to: { $ref: 'context.customer.email' },
          lines: [{ sku: { $ref: 'event.payload.items.0.sku' } }],
          kind: { $ref: 'event.type' },
        },
      },
      { customer: { email: 'ann@example.com' } },
      { items: [{ sku: 'X1' }] },
    );
    expect(task.input).toEqual({ to: 'ann@example.com', lines: [{ sku: 'X1' }], kind: 'GO' });
  });

  it('uses the default for a missing path, and null when there is no default', () => {
    const task = taskOf({
      input: { amount: { $ref: 'event.payload.amount', default: 0 }, note: { $ref: 'context.missing.deep' } },
    });
    expect(task.input).toEqual({ amount: 0, note: null });
  });

  it('renders templates from context and event, missing values as empty text', () => {
    const task = taskOf(
      { input: { $template: 'Hello {{context.name}}, order {{ event.payload.id }}{{context.nope}}' } },
      {},
      { id: 42 },
    );
    expect(task.input).toBe('Hello Ann, order 42');
  });

  it('builds the idempotency key from a template', () => {
    expect(
      taskOf({ idempotencyKey: { $template: 'mail-{{event.payload.id}}' } }, {}, { id: 'o-1' }).idempotencyKey,
    ).toBe('mail-o-1');
    expect(taskOf({ idempotencyKey: 'fixed' }).idempotencyKey).toBe('fixed');
  });

  it('passes through task options', () => {
    const task = taskOf({ completionEvent: 'DONE', failureEvent: 'FAILED', maxAttempts: 5 });
    expect(task).toEqual({
      type: 'T',
      name: 'n',
      input: null,
      completionEvent: 'DONE',
      failureEvent: 'FAILED',
      maxAttempts: 5,
    });
  });
});

describe('runAt', () => {
  it('keeps an absolute timestamp as kind "at"', () => {
    expect(taskOf({ runAt: '2030-01-01T09:00:00Z' }).runAt).toEqual({ kind: 'at', at: '2030-01-01T09:00:00Z' });
  });

  it('turns a relative delay into milliseconds without reading the clock', () => {
    expect(taskOf({ runAt: { in: '30s' } }).runAt).toEqual({ kind: 'in', ms: 30_000 });
    expect(taskOf({ runAt: { in: '2h' } }).runAt).toEqual({ kind: 'in', ms: 7_200_000 });
    expect(taskOf({ runAt: { in: 1500 } }).runAt).toEqual({ kind: 'in', ms: 1500 });
  });

  it('resolves a reference to a timestamp or a delay', () => {
    expect(taskOf({ runAt: { $ref: 'event.payload.when' } }, {}, { when: '2031-05-01T00:00:00Z' }).runAt).toEqual({
      kind: 'at',
      at: '2031-05-01T00:00:00Z',
    });
    expect(taskOf({ runAt: { $ref: 'context.delay' } }, { delay: '5m' }).runAt).toEqual({ kind: 'in', ms: 300_000 });
    expect(taskOf({ runAt: { $template: '{{context.date}}T08:00:00Z' } }, { date: '2030-02-03' }).runAt).toEqual({
      kind: 'at',
      at: '2030-02-03T08:00:00Z',
    });
  });

  it('leaves runAt out when a reference resolves to nothing', () => {
    expect(taskOf({ runAt: { $ref: 'event.payload.when' } })).not.toHaveProperty('runAt');
  });

  it('refuses the step when a reference resolves to something that is not a time', () => {
    expect(() => taskOf({ runAt: { $ref: 'event.payload.when' } }, {}, { when: 'tomorrow-ish' })).toThrow(
      /runAt resolved to "tomorrow-ish"/,
    );
  });
});

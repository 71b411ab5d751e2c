import { describe, expect, it } from 'vitest';
import { compileSpec, start, step } from '../../src/core';
import type { WorkflowSpec } from '../../src/spec';
import { helloWorkflow } from '../../src/workflows/fixtures';

describe('hello-workflow through the pure core', () => {
  it('starts in the initial state with the spec context and no effects', () => {
    const result = start(helloWorkflow);
    expect(result).toMatchObject({
      value: 'start',
      status: 'active',
      accepted: true,
      transition: null,
      effects: [],
      contextChanges: [],
    });
    expect(result.context).toEqual({ greeted: false });
  });

  it('merges start input over the spec context, input winning key by key', () => {
    const result = start(helloWorkflow, { context: { greeted: true, user: 'ann' } });
    expect(result.context).toEqual({ greeted: true, user: 'ann' });
  });

  it('creates the send-hello task on WORKFLOW_START and moves to notify', () => {
    const started = start(helloWorkflow);
    const result = step(helloWorkflow, started.snapshot, { type: 'WORKFLOW_START' });
    expect(result.accepted).toBe(true);
    expect(result.value).toBe('notify');
    expect(result.transition).toEqual({ event: 'WORKFLOW_START', from: 'start', to: 'notify', alternative: 0 });
    expect(result.effects).toEqual([
      {
        type: 'createTask',
        task: {
          type: 'EMAIL',
          name: 'send-hello',
          input: { to: 'user@example.com', subject: 'Hello' },
          completionEvent: 'HELLO_SENT',
        },
      },
    ]);
  });

  it('completes when HELLO_SENT arrives, reporting the final state', () => {
    const compiled = compileSpec(helloWorkflow);
    const notified = step(compiled, start(compiled).snapshot, { type: 'WORKFLOW_START' });
    const done = step(compiled, notified.snapshot, { type: 'HELLO_SENT' });
    expect(done).toMatchObject({ value: 'done', status: 'done', accepted: true });
    expect(done.effects).toEqual([{ type: 'complete', state: 'done' }]);
  });

  it('ignores an event the state does not accept, naming what it accepts, and changes nothing', () => {
    const notified = step(helloWorkflow, start(helloWorkflow).snapshot, { type: 'WORKFLOW_START' });
    const result = step(helloWorkflow, notified.snapshot, { type: 'FOO' });
    expect(result.accepted).toBe(false);
    expect(result.ignoredReason).toBe('state "notify" does not accept "FOO"; it accepts: HELLO_SENT');
    expect(result.snapshot).toEqual(notified.snapshot);
    expect(result.context).toEqual(notified.context);
    expect(result.effects).toEqual([]);
    expect(result.transition).toBeNull();
  });

  it('accepts nothing once a final state is reached', () => {
    const notified = step(helloWorkflow, start(helloWorkflow).snapshot, { type: 'WORKFLOW_START' });
    const done = step(helloWorkflow, notified.snapshot, { type: 'HELLO_SENT' });
    const again = step(helloWorkflow, done.snapshot, { type: 'HELLO_SENT' });
    expect(again).toMatchObject({ accepted: false, status: 'done', value: 'done', effects: [] });
    expect(again.ignoredReason).toBe('state "done" is final; it accepts no events');
  });

  it('gives the same result when stepping from a snapshot that went through JSON', () => {
    const started = start(helloWorkflow);
    const parsed = JSON.parse(JSON.stringify(started.snapshot)) as typeof started.snapshot;
    expect(parsed).toEqual(started.snapshot);
    const direct = step(helloWorkflow, started.snapshot, { type: 'WORKFLOW_START' });
    const viaJson = step(helloWorkflow, parsed, { type: 'WORKFLOW_START' });
    expect(viaJson).toEqual(direct);
    expect(JSON.parse(JSON.stringify(direct.snapshot))).toEqual(direct.snapshot);
  });

  it('completes immediately when the initial state is final', () => {
    const spec: WorkflowSpec = { id: 'noop', initial: 'done', states: { done: { type: 'final' } } };
    expect(start(spec)).toMatchObject({ status: 'done', effects: [{ type: 'complete', state: 'done' }] });
  });

  it('refuses a snapshot whose state is not in the spec', () => {
    expect(() => step(helloWorkflow, { value: 'gone', context: {} }, { type: 'HELLO_SENT' })).toThrow(
      /snapshot state "gone" is not a state/,
    );
  });

  it('refuses to compile an invalid spec, listing its problems', () => {
    const bad = { ...helloWorkflow, initial: 'nowhere' };
    expect(() => compileSpec(bad)).toThrow(/\$\.initial: initial state "nowhere" is not a state/);
  });
});

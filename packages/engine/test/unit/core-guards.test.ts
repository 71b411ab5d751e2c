import { describe, expect, it } from 'vitest';
import { start, step, type JsonValue, type PersistedSnapshot } from '../../src/core';
import type { Predicate, WorkflowSpec } from '../../src/spec';
import { orderApprovalWorkflow } from '../../src/workflows/fixtures';

const order = (amount: number) => ({
  order: { id: 'A1', amount, customer: { name: 'Ann', email: 'ann@example.com' } },
});

function inReview(amount: number): PersistedSnapshot {
  const started = start(orderApprovalWorkflow);
  return step(orderApprovalWorkflow, started.snapshot, { type: 'WORKFLOW_START', payload: order(amount) }).snapshot;
}

/** A one-guard spec: CHECK moves to "yes" when the guard holds, and is ignored otherwise. */
function guarded(predicate: Predicate): WorkflowSpec {
  return {
    id: 'guarded',
    initial: 'wait',
    guards: { check: predicate },
    states: { wait: { on: { CHECK: { guard: 'check', target: 'yes' } } }, yes: { type: 'final' } },
  };
}

function holds(predicate: Predicate, context: Record<string, JsonValue>, payload: JsonValue = null): boolean {
  const spec = guarded(predicate);
  return step(spec, start(spec, { context }).snapshot, { type: 'CHECK', payload }).accepted;
}

describe('guarded alternatives', () => {
  it('routes a large order to manual review through the isLarge guard', () => {
    const result = step(orderApprovalWorkflow, inReview(5000), { type: 'REVIEWED' });
    expect(result.value).toBe('manual');
    expect(result.transition).toEqual({
      event: 'REVIEWED',
      from: 'review',
      to: 'manual',
      guard: 'isLarge',
      alternative: 0,
    });
  });

  it('falls through to the unguarded alternative for a small order', () => {
    const result = step(orderApprovalWorkflow, inReview(20), { type: 'REVIEWED', payload: { reviewer: 'bob' } });
    expect(result.value).toBe('approved');
    expect(result.transition).toEqual({ event: 'REVIEWED', from: 'review', to: 'approved', alternative: 1 });
    expect(result.context['approval']).toEqual({ route: 'automatic', by: 'bob' });
  });

  it('picks the alternative whose guard reads the event payload', () => {
    const manual = step(orderApprovalWorkflow, inReview(5000), { type: 'REVIEWED' }).snapshot;
    expect(step(orderApprovalWorkflow, manual, { type: 'DECIDED', payload: { approved: true } }).value).toBe(
      'approved',
    );
    expect(
      step(orderApprovalWorkflow, manual, { type: 'DECIDED', payload: { approved: false, reason: 'fraud' } }),
    ).toMatchObject({
      value: 'rejected',
      status: 'done',
      transition: { guard: 'isRejected', alternative: 1 },
    });
  });

  it('ignores the event when no guard holds, naming the guards it tried', () => {
    const manual = step(orderApprovalWorkflow, inReview(5000), { type: 'REVIEWED' }).snapshot;
    const result = step(orderApprovalWorkflow, manual, { type: 'DECIDED', payload: { approved: 'maybe' } });
    expect(result.accepted).toBe(false);
    expect(result.ignoredReason).toBe('no guard held for "DECIDED" in state "manual" (tried: isApproved, isRejected)');
    expect(result.snapshot).toEqual(manual);
    expect(result.effects).toEqual([]);
  });
});

describe('guard predicates', () => {
  it('compares with eq and ne by value, including objects', () => {
    expect(holds({ eq: [{ $ref: 'context.tier' }, 'gold'] }, { tier: 'gold' })).toBe(true);
    expect(holds({ eq: [{ $ref: 'context.tier' }, 'gold'] }, { tier: 'silver' })).toBe(false);
    expect(holds({ eq: [{ $ref: 'context.a' }, { x: 1, y: [2] }] }, { a: { y: [2], x: 1 } })).toBe(true);
    expect(holds({ ne: [{ $ref: 'context.tier' }, 'gold'] }, { tier: 'silver' })).toBe(true);
  });

  it('orders numbers and strings with gt, gte, lt, lte, and is false for mixed types', () => {
    expect(holds({ gt: [{ $ref: 'event.payload.n' }, 10] }, {}, { n: 11 })).toBe(true);
    expect(holds({ gte: [{ $ref: 'event.payload.n' }, 10] }, {}, { n: 10 })).toBe(true);
    expect(holds({ lt: [{ $ref: 'event.payload.n' }, 10] }, {}, { n: 10 })).toBe(false);
    expect(holds({ lte: [{ $ref: 'context.day' }, '2030-01-02'] }, { day: '2030-01-01' })).toBe(true);
    expect(holds({ gt: [{ $ref: 'context.n' }, 1] }, { n: '5' })).toBe(false);
  });

  it('checks membership with in', () => {
    expect(holds({ in: [{ $ref: 'context.country' }, ['FR', 'DE']] }, { country: 'DE' })).toBe(true);
    expect(
      holds({ in: [{ $ref: 'context.country' }, { $ref: 'context.allowed' }] }, { country: 'US', allowed: ['FR'] }),
    ).toBe(false);
  });

  it('treats exists as present and not null', () => {
    expect(holds({ exists: 'context.customer.email' }, { customer: { email: 'a@b.c' } })).toBe(true);
    expect(holds({ exists: 'context.customer.email' }, { customer: { email: null } })).toBe(false);
    expect(holds({ exists: 'event.payload.id' }, {}, {})).toBe(false);
  });

  it('combines predicates with and, or and not', () => {
    const vip: Predicate = {
      and: [
        { exists: 'context.customer' },
        { or: [{ eq: [{ $ref: 'context.customer.tier' }, 'gold'] }, { gt: [{ $ref: 'context.total' }, 100] }] },
      ],
    };
    expect(holds(vip, { customer: { tier: 'gold' }, total: 1 })).toBe(true);
    expect(holds(vip, { customer: { tier: 'basic' }, total: 500 })).toBe(true);
    expect(holds(vip, { customer: { tier: 'basic' }, total: 5 })).toBe(false);
    expect(holds({ not: vip }, { total: 500 })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { decisionFacts } from '../../src/ai/decision-facts';

describe('decisionFacts', () => {
  it('shows the context fields the spec chose for the model, in their order', () => {
    const input = {
      context: { refund: { orderId: 'o-1', amount: 120, reason: 'lost', customer: { email: 'a@b.c' } } },
      contextFields: ['refund.amount', 'refund.orderId'],
    };
    expect(decisionFacts(input)).toEqual([
      { field: 'refund.amount', value: 120 },
      { field: 'refund.orderId', value: 'o-1' },
    ]);
  });

  it('falls back to the first scalar values of the context, and shortens long text', () => {
    const facts = decisionFacts({ context: { ticket: { subject: 'x'.repeat(500), plan: 'pro' } } });
    expect(facts.map((f) => f.field)).toEqual(['ticket.subject', 'ticket.plan']);
    expect(String(facts[0]?.value)).toHaveLength(161);
  });

  it('expands a listed field that holds an object, and shows a missing one as null', () => {
    expect(decisionFacts({ context: { a: { b: 1, c: 'two' } }, contextFields: ['a', 'missing'] })).toEqual([
      { field: 'a.b', value: 1 },
      { field: 'a.c', value: 'two' },
      { field: 'missing', value: null },
    ]);
  });

  it('answers an empty list for an input without context', () => {
    expect(decisionFacts(null)).toEqual([]);
    expect(decisionFacts({ context: 'text' })).toEqual([]);
  });
});

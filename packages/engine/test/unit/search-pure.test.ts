import { describe, expect, it } from 'vitest';
import {
  alignTimelines,
  diffJson,
  errorSignature,
  filterFromParams,
  filterToParams,
  formatCondition,
  parseCondition,
  pathTouches,
} from '../../src/search';

describe('the condition syntax of the filter bar', () => {
  it('reads path, operator and a typed value', () => {
    expect(parseCondition('context.customer.tier = gold')).toEqual({
      ok: true,
      condition: { path: 'context.customer.tier', op: 'eq', value: 'gold' },
    });
    expect(parseCondition('context.amount>1000')).toEqual({
      ok: true,
      condition: { path: 'context.amount', op: 'gt', value: 1000 },
    });
    expect(parseCondition('context.code = "1000"')).toEqual({
      ok: true,
      condition: { path: 'context.code', op: 'eq', value: '1000' },
    });
    expect(parseCondition('input.flag != true')).toEqual({
      ok: true,
      condition: { path: 'input.flag', op: 'ne', value: true },
    });
    expect(parseCondition('context.tags ~ urgent')).toEqual({
      ok: true,
      condition: { path: 'context.tags', op: 'contains', value: 'urgent' },
    });
    expect(parseCondition('context.note exists')).toEqual({
      ok: true,
      condition: { path: 'context.note', op: 'exists' },
    });
    expect(parseCondition('context.when <= 2026-01-01')).toEqual({
      ok: true,
      condition: { path: 'context.when', op: 'lte', value: '2026-01-01' },
    });
  });

  it('says what it expected when the text is not a condition', () => {
    expect(parseCondition('gold customers')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expected <path> <op> <value>/) as unknown,
    });
    expect(parseCondition('customer.tier = gold')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/starting with context\. or input\./) as unknown,
    });
    expect(parseCondition('context.amount > true')).toMatchObject({ ok: false });
  });

  it('writes a condition back to text that reads as the same condition', () => {
    for (const text of [
      'context.customer.tier = gold',
      'context.code = "1000"',
      'context.amount >= 10.5',
      'context.note missing',
      'context.name = " padded "',
      'context.x = null',
    ]) {
      const parsed = parseCondition(text);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parseCondition(formatCondition(parsed.condition))).toEqual(parsed);
    }
  });

  it('keeps filters in URL parameters and reports (and drops) only the unreadable ones', () => {
    const { filter, errors } = filterFromParams(
      new URLSearchParams('status=failed&where=context.a+%3D+1&where=bogus&waiting=1h&from=not-a-date&task=HTTP'),
    );
    expect(filter).toEqual({
      status: 'failed',
      where: [{ path: 'context.a', op: 'eq', value: 1 }],
      waitingLongerThan: '1h',
      taskType: 'HTTP',
    });
    expect(errors).toHaveLength(2);
    expect(filterFromParams(filterToParams(filter)).filter).toEqual(filter);
  });
});

describe('errorSignature', () => {
  it('strips URLs, quoted values, ids and numbers so repeats of one fault share a signature', () => {
    expect(errorSignature('GET https://api.example.com/orders/42?x=1 failed: 503')).toBe('GET <url> failed: <n>');
    expect(errorSignature('GET https://api.example.com/orders/77 failed: 502')).toBe('GET <url> failed: <n>');
    expect(errorSignature('instance 0b6f3c1e-9a7d-4f2b-8c1d-2e3f4a5b6c7d not found')).toBe('instance <id> not found');
    expect(errorSignature('user "ada@example.com" has no mailbox')).toBe('user <str> has no mailbox');
    expect(errorSignature("column 'amount' is 12.5, expected 3")).toBe('column <str> is <n>, expected <n>');
    expect(errorSignature('trace deadbeefcafe0042 \n\t  retry   later')).toBe('trace <id> retry later');
  });

  it('keeps what tells faults apart and bounds the length', () => {
    expect(errorSignature('timeout after 30s')).not.toBe(errorSignature('connection refused'));
    expect(errorSignature('x'.repeat(1_000))).toHaveLength(300);
  });
});

describe('comparing two runs', () => {
  const t = (seq: number, from: string, to: string, event: string) => ({
    seq,
    type: 'transition',
    payload: { from, to, event },
  });
  const e = (seq: number, type: string) => ({ seq, type, payload: {} });

  it('lines steps up by transition, leaving a gap where only one run took a step', () => {
    const a = [
      e(1, 'instance.started'),
      t(2, 'new', 'review', 'START'),
      e(3, 'task.created'),
      t(4, 'review', 'done', 'APPROVE'),
    ];
    const b = [
      e(1, 'instance.started'),
      t(2, 'new', 'review', 'START'),
      t(3, 'review', 'review', 'RETRY'),
      t(4, 'review', 'done', 'APPROVE'),
    ];
    const rows = alignTimelines(a, b);
    expect(
      rows.map((r) => [r.key, r.a ? r.a.entries.map((x) => x.seq) : null, r.b ? r.b.entries.map((x) => x.seq) : null]),
    ).toEqual([
      ['start', [1], [1]],
      ['new → review on START', [2, 3], [2]],
      ['review → review on RETRY', null, [3]],
      ['review → done on APPROVE', [4], [4]],
    ]);
  });

  it('diffs two contexts path by path', () => {
    expect(diffJson({ a: 1, c: { d: [1, 2] }, gone: true }, { a: 2, c: { d: [1] }, added: 'x' })).toEqual([
      { path: 'a', kind: 'changed', a: 1, b: 2 },
      { path: 'added', kind: 'added', b: 'x' },
      { path: 'c.d.1', kind: 'removed', a: 2 },
      { path: 'gone', kind: 'removed', a: true },
    ]);
    expect(diffJson({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
  });

  it('counts a change to a parent or a child as touching a context path', () => {
    expect(pathTouches('customer', 'customer.tier')).toBe(true);
    expect(pathTouches('customer.tier.level', 'customer.tier')).toBe(true);
    expect(pathTouches('customerX', 'customer')).toBe(false);
  });
});

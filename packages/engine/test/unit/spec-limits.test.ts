import { describe, expect, it } from 'vitest';
import { jsonBytes, jsonDepth } from '../../src/limits';
import { checkSpecLimits } from '../../src/spec/limit-checks';
import { validateSpec } from '../../src/spec';
import { helloWorkflow } from '../../src/workflows/fixtures';

describe('measuring tenant JSON', () => {
  it('counts nesting without recursion, and stops early on a very deep value', () => {
    expect(jsonDepth(1, 64)).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] }, 64)).toBe(3);
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep, 64)).toBe(65);
  });

  it('counts UTF-8 bytes as stored', () => {
    expect(jsonBytes('é')).toBe(4); // "é" is 2 quotes + 2 bytes
    expect(jsonBytes({ e: '😀' })).toBe(12);
  });
});

describe('spec limits', () => {
  it('leave a normal spec alone', () => {
    expect(checkSpecLimits(helloWorkflow)).toEqual([]);
  });

  it('are checked before anything else, with the limits a deployment chose', () => {
    const result = validateSpec(helloWorkflow, {
      limits: { specBytes: 100, specStates: 2, specTransitions: 1, jsonDepth: 64 },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: '$.states',
          code: 'TOO_MANY_STATES',
          message: 'the spec has 3 states; the limit is 2 (LIMIT_SPEC_STATES)',
        },
        {
          path: '$.states',
          code: 'TOO_MANY_TRANSITIONS',
          message: 'the spec has 2 transitions; the limit is 1 (LIMIT_SPEC_TRANSITIONS)',
        },
        expect.objectContaining({ path: '$', code: 'SPEC_TOO_LARGE' }),
      ],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonText } from '../../src/spec';

describe('parseJsonText', () => {
  it('parses ordinary JSON and ignores a UTF-8 byte order mark', () => {
    expect(parseJsonText('\uFEFF{"id": "x", "list": [1, {"a": "}"}]}')).toEqual({
      ok: true,
      value: { id: 'x', list: [1, { a: '}' }] },
    });
  });

  it('refuses a duplicate key, naming its path and line', () => {
    const result = parseJsonText('{\n  "states": {\n    "a": {},\n    "a": {"type": "final"}\n  }\n}');
    expect(result).toEqual({
      ok: false,
      problem: {
        path: '$.states.a',
        code: 'DUPLICATE_KEY',
        message: 'duplicate key "a" at $.states.a (line 4); each key may appear once in an object',
      },
    });
    // The same key in two different objects is fine.
    expect(parseJsonText('{"a": {"x": 1}, "b": {"x": 2}}').ok).toBe(true);
  });

  it('refuses nesting 5,000 deep with one clear line instead of overflowing the stack', () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const result = parseJsonText(deep);
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ code: 'TOO_DEEP' }) });
    expect(!result.ok && result.problem.message).toBe(
      `nesting deeper than ${MAX_JSON_DEPTH} levels (line 1); objects and arrays may nest at most ${MAX_JSON_DEPTH} deep`,
    );
    // Brackets inside strings do not count.
    expect(parseJsonText(JSON.stringify({ s: '['.repeat(500) })).ok).toBe(true);
  });

  it('explains invalid JSON', () => {
    expect(parseJsonText('{ "id": ')).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'INVALID_JSON', message: expect.stringMatching(/^not valid JSON: /) }),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createHistory, pushHistory, redo, replacePresent, undo } from '../../src/lib/editor/history';
import { lineDiff } from '../../src/lib/editor/line-diff';

describe('undo/redo history', () => {
  it('undoes and redoes in order, and a new edit drops the redo stack', () => {
    let h = createHistory('a');
    h = pushHistory(h, 'b');
    h = pushHistory(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = pushHistory(h, 'd');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('replaces the present without adding an undo step', () => {
    const h = replacePresent(pushHistory(createHistory(1), 2), 3);
    expect(h.present).toBe(3);
    expect(undo(h).present).toBe(1);
  });
});

describe('line diff', () => {
  it('marks added and removed lines around common ones', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });
});

'use client';

import { forwardRef, useEffect, useId, useRef, useState } from 'react';

/** How long typing must pause before a live field commits (and the spec is validated again). */
export const LIVE_COMMIT_MS = 300;

export interface TextFieldProps {
  label: string;
  value: string;
  /** Called with the trimmed text on Enter, on blur, and (when `live`) once typing pauses. */
  onCommit(value: string): void;
  placeholder?: string;
  mono?: boolean;
  testId?: string;
  /**
   * Commit while typing, debounced, so the problems list follows every change instead of waiting for blur.
   * Off for renames (a state's name, an event's name): committing half a name would rename mid-word.
   */
  live?: boolean;
}

/** A text input that commits on Enter, blur, or a pause in typing; Escape restores the current value. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, value, onCommit, placeholder, mono, testId, live = true },
  ref,
) {
  const id = useId();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The last value this field committed: its echo through `value` must not overwrite what the user typed since.
  const committed = useRef(value);
  useEffect(() => {
    if (value !== committed.current) setText(value);
    committed.current = value;
  }, [value]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const commitText = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (next.trim() === committed.current) return;
    committed.current = next.trim();
    onCommit(next.trim());
  };
  const change = (next: string) => {
    setText(next);
    if (!live) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => commitText(next), LIVE_COMMIT_MS);
  };
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        className={`input input--block${mono ? ' mono' : ''}`}
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        onChange={(e) => change(e.target.value)}
        onBlur={() => commitText(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commitText(text);
          }
          if (e.key === 'Escape') {
            if (timer.current) clearTimeout(timer.current);
            setText(value);
          }
        }}
      />
    </>
  );
});

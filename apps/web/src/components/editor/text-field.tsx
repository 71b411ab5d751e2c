'use client';

import { forwardRef, useEffect, useId, useState } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  /** Called on Enter or blur with the trimmed text, so a rename is one undo step, not one per key. */
  onCommit(value: string): void;
  placeholder?: string;
  mono?: boolean;
  testId?: string;
}

/** A text input that commits on Enter or blur; Escape restores the current value. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField({ label, value, onCommit, placeholder, mono, testId }, ref) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => { if (text.trim() !== value) onCommit(text.trim()); };
  return (
    <>
      <label className="field-label" htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        className={`input input--block${mono ? ' mono' : ''}`}
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') { e.preventDefault(); commit(); }
          if (e.key === 'Escape') setText(value);
        }}
      />
    </>
  );
});

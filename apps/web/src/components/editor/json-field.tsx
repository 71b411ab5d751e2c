'use client';

import { useEffect, useId, useState } from 'react';

export interface JsonFieldProps {
  label: string;
  value: unknown;
  onChange(value: unknown): void;
  rows?: number;
  /** Extra check after parsing; return a message to refuse the value. */
  check?: (value: unknown) => string | null;
  testId?: string;
}

/** A JSON textarea: commits only parseable JSON; a parse error is shown and the last good value is kept. */
export function JsonField({ label, value, onChange, rows = 4, check, testId }: JsonFieldProps) {
  const id = useId();
  const external = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(external);
  const [error, setError] = useState<string | null>(null);

  // Follow outside changes (undo, the spec JSON pane) unless the text already says the same thing.
  useEffect(() => {
    setText((current) => {
      try {
        if (current.trim() && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        /* the user is mid-edit; an outside change wins */
      }
      return external;
    });
    setError(null);
  }, [external, value]);

  const edit = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setError(null);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      const problem = check?.(parsed) ?? null;
      setError(problem);
      if (!problem) onChange(parsed);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="json-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className={`textarea${error ? ' textarea--invalid' : ''}`}
        rows={rows}
        value={text}
        spellCheck={false}
        onChange={(e) => edit(e.target.value)}
        data-testid={testId}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

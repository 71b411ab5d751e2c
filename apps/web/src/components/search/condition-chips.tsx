'use client';

import { parseCondition } from '@switchyard/engine/search';
import { useState } from 'react';

const examples = [
  'context.customer.tier = gold',
  'context.amount > 1000',
  'context.tags ~ urgent',
  'input.email exists',
];

/** Conditions on context/input values, typed as text and kept in the URL as repeated `where` parameters. */
export function ConditionChips({
  conditions,
  onAdd,
  onRemove,
}: {
  conditions: string[];
  onAdd(text: string): void;
  onRemove(index: number): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    if (!text.trim()) return;
    const parsed = parseCondition(text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setText('');
    onAdd(text.trim());
  };
  return (
    <div className="search-conditions">
      <div className="search-conditions__row">
        <input
          className="input search-conditions__input"
          placeholder={`Filter by value, e.g. ${examples[0]}`}
          aria-label="Condition on a context or input value"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
          aria-invalid={error !== null}
        />
        <button type="button" className="button button--small" onClick={add}>
          Add condition
        </button>
        {conditions.map((c, index) => (
          <span key={`${c}-${index}`} className="search-chip" data-testid="condition-chip">
            <code>{c}</code>
            <button
              type="button"
              className="search-chip__remove"
              aria-label={`Remove condition ${c}`}
              onClick={() => onRemove(index)}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : (
        conditions.length === 0 && (
          <div className="muted search-conditions__hint">
            e.g.{' '}
            {examples.map((x) => (
              <code key={x}>{x}</code>
            ))}{' '}
            — ops = != &gt; &gt;= &lt; &lt;= ~ (contains), exists, missing
          </div>
        )
      )}
    </div>
  );
}

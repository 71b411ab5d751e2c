'use client';

import { useEffect, useState } from 'react';
import './search.css';
import { ConditionChips } from './condition-chips';
import { useSearchUrl } from './use-search-url';

const waits = [
  ['', 'Any time in state'],
  ['15m', 'waiting > 15 min'],
  ['1h', 'waiting > 1 hour'],
  ['4h', 'waiting > 4 hours'],
  ['1d', 'waiting > 1 day'],
  ['7d', 'waiting > 7 days'],
] as const;

/** A text field that applies on Enter or blur, so typing does not refetch on every keystroke. */
function LazyInput({
  value,
  onApply,
  ...rest
}: { value: string; onApply(v: string): void } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const apply = () => {
    if (draft.trim() !== value) onApply(draft.trim());
  };
  return (
    <input
      className="input"
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
      onBlur={apply}
    />
  );
}

/** The "what is inside" half of the instance filters: values, waiting time, tasks, errors, updated range. */
export function SearchFilters() {
  const { params, errors, update } = useSearchUrl();
  const set = (key: string, value: string) =>
    update((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
    });
  const conditions = params.getAll('where');
  const signature = params.get('sig');
  return (
    <div className="search-filters" role="search" aria-label="Search inside instances">
      <ConditionChips
        conditions={conditions}
        onAdd={(text) => update((p) => p.append('where', text))}
        onRemove={(index) =>
          update((p) => {
            p.delete('where');
            conditions.filter((_, i) => i !== index).forEach((c) => p.append('where', c));
          })
        }
      />
      <div className="filters">
        <select
          className="select"
          aria-label="Waiting in its state longer than"
          value={params.get('waiting') ?? ''}
          onChange={(e) => set('waiting', e.target.value)}
        >
          {waits.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <LazyInput
          style={{ width: 120 }}
          placeholder="Task type"
          aria-label="Has a task of type"
          value={params.get('task') ?? ''}
          onApply={(v) => set('task', v)}
        />
        <LazyInput
          style={{ width: 200 }}
          placeholder="Error text…"
          aria-label="Error text"
          value={params.get('error') ?? ''}
          onApply={(v) => set('error', v)}
        />
        <label>
          updated from{' '}
          <input
            className="input"
            type="datetime-local"
            aria-label="Updated from"
            value={params.get('ufrom') ?? ''}
            onChange={(e) => set('ufrom', e.target.value)}
          />
        </label>
        <label>
          to{' '}
          <input
            className="input"
            type="datetime-local"
            aria-label="Updated to"
            value={params.get('uto') ?? ''}
            onChange={(e) => set('uto', e.target.value)}
          />
        </label>
        {signature && (
          <span
            className="search-chip"
            data-testid="signature-chip"
            title="Instances with a failed task of this error signature"
          >
            error: <code>{signature}</code>
            <button
              type="button"
              className="search-chip__remove"
              aria-label="Remove the error signature filter"
              onClick={() => set('sig', '')}
            >
              ×
            </button>
          </span>
        )}
      </div>
      {errors.length > 0 && (
        <div className="form-error" role="alert">
          Ignored in the URL: {errors.join('; ')}
        </div>
      )}
    </div>
  );
}

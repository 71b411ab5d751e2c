'use client';

import { instanceStatuses } from '@switchyard/engine/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '~/trpc/react';
import type { Filters } from './use-instance-filters';

/** How long typing must pause before a search or state filter applies. */
const TYPE_DEBOUNCE_MS = 350;

/** The filter bar; text fields apply as you type (debounced), or at once on Enter or blur. */
export function InstanceFilters({ filters, onChange }: { filters: Filters; onChange(patch: Filters): void }) {
  const trpc = useTRPC();
  const definitions = useQuery(trpc.definitions.list.queryOptions());
  const [q, setQ] = useState(filters.q ?? '');
  const [state, setState] = useState(filters.state ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setState(filters.state ?? ''), [filters.state]);
  const applyOnEnter = (key: 'q' | 'state', value: string) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') onChange({ [key]: value.trim() });
  };
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };
  useEffect(() => {
    const timer = setTimeout(() => {
      const { filters: f, onChange: apply } = latest.current;
      const patch: Filters = {};
      if (q.trim() !== (f.q ?? '')) patch.q = q.trim();
      if (state.trim() !== (f.state ?? '')) patch.state = state.trim();
      if (Object.keys(patch).length) apply(patch);
    }, TYPE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, state]);
  const active = Object.entries(filters).some(([k, v]) => k !== 'cursor' && v);

  return (
    <div className="filters" role="search">
      <input
        className="input"
        style={{ width: 260 }}
        placeholder="Search: instance id or business key prefix"
        aria-label="Search by id or business key"
        title="Filters as you type: a full instance id, or the start of a business key"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={applyOnEnter('q', q)}
        onBlur={() => q.trim() !== (filters.q ?? '') && onChange({ q: q.trim() })}
      />
      <select
        className="select"
        aria-label="Definition"
        value={filters.definition ?? ''}
        onChange={(e) => onChange({ definition: e.target.value, version: '' })}
      >
        <option value="">All definitions</option>
        {definitions.data?.map((d) => (
          <option key={d.key} value={d.key}>
            {d.key}
          </option>
        ))}
      </select>
      <input
        className="input"
        style={{ width: 70 }}
        type="number"
        min={1}
        placeholder="ver."
        aria-label="Version"
        value={filters.version ?? ''}
        onChange={(e) => onChange({ version: e.target.value })}
      />
      <select
        className="select"
        aria-label="Status"
        value={filters.status ?? ''}
        onChange={(e) => onChange({ status: e.target.value })}
      >
        <option value="">Any status</option>
        {instanceStatuses.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <input
        className="input"
        style={{ width: 120 }}
        placeholder="Current state"
        aria-label="Current state"
        value={state}
        onChange={(e) => setState(e.target.value)}
        onKeyDown={applyOnEnter('state', state)}
        onBlur={() => state.trim() !== (filters.state ?? '') && onChange({ state: state.trim() })}
      />
      <label>
        from{' '}
        <input
          className="input"
          type="datetime-local"
          aria-label="Created from"
          value={filters.from ?? ''}
          onChange={(e) => onChange({ from: e.target.value })}
        />
      </label>
      <label>
        to{' '}
        <input
          className="input"
          type="datetime-local"
          aria-label="Created to"
          value={filters.to ?? ''}
          onChange={(e) => onChange({ to: e.target.value })}
        />
      </label>
      {active && (
        <button
          type="button"
          className="button button--ghost"
          onClick={() => onChange({ q: '', definition: '', version: '', status: '', state: '', from: '', to: '' })}
        >
          Clear
        </button>
      )}
    </div>
  );
}

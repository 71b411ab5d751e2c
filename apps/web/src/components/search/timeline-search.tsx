'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorBox } from '~/components/feedback';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/routers';
import { useTRPC } from '~/trpc/react';
import './search.css';

interface Query {
  types?: string[];
  text?: string;
  actor?: string;
  path?: string;
}
const kinds = [
  'transition',
  'context.changed',
  'event.received',
  'event.ignored',
  'task.created',
  'task.succeeded',
  'task.attempt_failed',
  'task.failed',
  'decision.emitted',
  'decision.awaiting_approval',
  'instance.failed',
];

/**
 * Search one instance's timeline on the server (kind, text, actor, context path touched) and hand the matching
 * entries to `children`; "first change" jumps the page to the first entry that changed the path.
 */
export function TimelineSearch<T extends { seq: number }>({
  instanceId,
  entries,
  onJump,
  children,
}: {
  instanceId: string;
  entries: T[];
  onJump(seq: number): void;
  children(entries: T[] | TimelineMatch[]): ReactNode;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Query>({});
  const [query, setQuery] = useState<Query | null>(null);
  const active = query !== null && Object.values(query).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)));
  const found = useQuery(
    trpc.search.timeline.queryOptions(
      { instanceId, ...(query ?? {}) },
      { enabled: active, placeholderData: keepPreviousData },
    ),
  );
  const apply = (next: Query) => {
    const clean: Query = {};
    if (next.types?.length) clean.types = next.types;
    for (const key of ['text', 'actor', 'path'] as const) if (next[key]?.trim()) clean[key] = next[key].trim();
    setDraft(next);
    setQuery(clean);
  };
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') apply(draft);
  };

  return (
    <>
      <div className="timeline-search" role="search" aria-label="Search the timeline">
        <select
          className="select"
          aria-label="Entry kind"
          value={draft.types?.[0] ?? ''}
          onChange={(e) => apply({ ...draft, types: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">Any kind</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <input
          className="input"
          style={{ width: 150 }}
          placeholder="Text…"
          aria-label="Timeline text"
          value={draft.text ?? ''}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          onKeyDown={onEnter}
          onBlur={() => apply(draft)}
        />
        <input
          className="input"
          style={{ width: 130 }}
          placeholder="Actor (operator:…)"
          aria-label="Timeline actor"
          value={draft.actor ?? ''}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          onKeyDown={onEnter}
          onBlur={() => apply(draft)}
        />
        <input
          className="input mono"
          style={{ width: 170 }}
          placeholder="Changed path, e.g. decision"
          aria-label="Context path changed"
          value={draft.path ?? ''}
          onChange={(e) => setDraft({ ...draft, path: e.target.value })}
          onKeyDown={onEnter}
          onBlur={() => apply(draft)}
        />
        {active && query?.path && (
          <button
            type="button"
            className="button button--small"
            disabled={found.data?.firstChangeSeq == null}
            onClick={() => found.data?.firstChangeSeq != null && onJump(found.data.firstChangeSeq)}
          >
            {found.data && found.data.firstChangeSeq == null ? 'never changed' : 'Jump to first change'}
          </button>
        )}
        {active && (
          <span className="muted" data-testid="timeline-matches">
            {found.data ? `${found.data.entries.length} matching` : 'searching…'}
          </span>
        )}
        {active && (
          <button type="button" className="button button--small button--ghost" onClick={() => apply({})}>
            Clear
          </button>
        )}
      </div>
      {active && found.error ? (
        <ErrorBox error={found.error} />
      ) : (
        children(active && found.data ? found.data.entries : entries)
      )}
    </>
  );
}

/** A timeline entry the search found: the same output schema as the instance's timeline. */
export type TimelineMatch = inferRouterOutputs<AppRouter>['search']['timeline']['entries'][number];

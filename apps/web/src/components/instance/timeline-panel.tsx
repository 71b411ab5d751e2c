'use client';

import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/routers';
import { text } from '~/lib/format';
import { useState } from 'react';
import { JsonView } from '~/components/json-view';
import { TimeStamp } from '~/components/time-stamp';

/** One timeline entry as the console receives it (the router's output schema, shared with the timeline search). */
export type TimelineRow = inferRouterOutputs<AppRouter>['instances']['timeline'][number];

const groups: Record<string, (t: string) => boolean> = {
  all: () => true,
  transitions: (t) => t === 'transition' || t.startsWith('instance.') || t === 'context.changed',
  events: (t) => t.startsWith('event.'),
  tasks: (t) => t.startsWith('task.'),
  operator: () => true,
};

/** Each instance's timeline names the batch that acted on it. */
function batchNote(p: Record<string, unknown>): string {
  return typeof p.batchId === 'string' ? ` · batch ${p.batchId.slice(0, 8)}` : '';
}

function summary(row: TimelineRow): string {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  switch (row.type) {
    case 'transition':
      return `${text(p.from)} → ${text(p.to)} on ${text(p.event)}${p.guard ? ` [${text(p.guard)}]` : ''}`;
    case 'event.received':
      return `${text(p.event)}${p.reason ? ` — “${text(p.reason)}”` : ''}`;
    case 'event.ignored':
      return `${text(p.event)}: ${text(p.reason)}`;
    case 'instance.guard_tripped':
      return text(p.message);
    case 'event.rejected':
      return `${text(p.event)} after ${text(p.deliveries)} deliveries: ${text(p.error)}`;
    case 'event.redelivered':
    case 'event.discarded':
      return `${text(p.event)}${p.reason ? ` — “${text(p.reason)}”` : ''}`;
    case 'instance.moved':
    case 'instance.migrated':
      return `${text(p.from)} → ${text(p.to)}${p.reason ? ` — “${text(p.reason)}”` : ''}${batchNote(p)}`;
    case 'context.changed':
      return (Array.isArray(p.changes) ? p.changes : []).map((c: { path?: string }) => c.path).join(', ');
    default:
      if (row.type.startsWith('task.'))
        return (
          [
            p.name && text(p.name),
            p.attempt && `attempt ${text(p.attempt)}`,
            p.error && text(p.error),
            p.reason && `“${text(p.reason)}”`,
          ]
            .filter(Boolean)
            .join(' · ') + batchNote(p)
        );
      // A person's reason is quoted; the engine's own reasons (policy outcomes) read as plain sentences.
      if (p.reason)
        return (
          (row.actorType === 'operator' || row.actorType === 'api' ? `“${text(p.reason)}”` : text(p.reason)) +
          batchNote(p)
        );
      return '';
  }
}

/** Entries an operator must not miss: a failure, or an event the instance could not handle. */
export function isFailure(type: string): boolean {
  return type.endsWith('failed') || type === 'event.ignored' || type === 'decision.blocked';
}

const PAGE = 150;

function tone(type: string): string {
  if (
    type.endsWith('failed') ||
    type === 'event.ignored' ||
    type === 'event.rejected' ||
    type === 'instance.guard_tripped'
  )
    return 'var(--red)';
  if (type === 'instance.completed' || type === 'task.succeeded') return 'var(--green)';
  if (type.endsWith('cancelled')) return 'var(--grey)';
  if (type === 'transition') return 'var(--accent)';
  return 'var(--border-strong)';
}

/** Every timeline entry, newest first by default; click one to see the graph and context as they were then. */
export function TimelinePanel({
  entries,
  selectedSeq,
  onSelect,
  onMoveBack,
}: {
  entries: TimelineRow[];
  selectedSeq: number | null;
  onSelect(seq: number | null): void;
  /** Offered on each transition the workflow took: move the instance back to it ("move back to here"). */
  onMoveBack?: (seq: number, to: string) => void;
}) {
  const [filter, setFilter] = useState<keyof typeof groups>('all');
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [newestFirst, setNewestFirst] = useState(true);
  const [limit, setLimit] = useState(PAGE);
  const filtered = entries.filter((e) =>
    filter === 'operator' ? e.actorType === 'operator' : (groups[filter]?.(e.type) ?? true),
  );
  const ordered = newestFirst ? [...filtered].reverse() : filtered;
  const shown = ordered.slice(0, limit);
  const hidden = ordered.length - shown.length;
  const failures = filtered.filter((e) => isFailure(e.type)).length;
  const toggle = (seq: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(seq)) n.delete(seq);
      else n.add(seq);
      return n;
    });
  return (
    <div>
      <div className="timeline__toolbar">
        <div className="tabs" role="group" aria-label="Filter timeline">
          {Object.keys(groups).map((g) => (
            <button
              key={g}
              type="button"
              className="button button--small button--ghost"
              aria-pressed={filter === g}
              onClick={() => setFilter(g)}
            >
              {g}
            </button>
          ))}
        </div>
        {failures > 0 && (
          <span className="badge badge--red" data-testid="timeline-failures">
            {failures} failure{failures === 1 ? '' : 's'}
          </span>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={() => setNewestFirst((v) => !v)}
          data-testid="timeline-order"
          title="Change the order"
        >
          {newestFirst ? 'Newest first ↓' : 'Oldest first ↓'}
        </button>
      </div>
      <ol className="timeline" data-testid="timeline" data-order={newestFirst ? 'newest-first' : 'oldest-first'}>
        {shown.map((e) => (
          <li
            key={e.seq}
            className={`timeline__item${selectedSeq === e.seq ? ' timeline__item--selected' : ''}${isFailure(e.type) ? ' timeline__item--failure' : ''}`}
            data-type={e.type}
            data-seq={e.seq}
            data-failure={isFailure(e.type) ? 'true' : undefined}
          >
            <span className="timeline__dot" style={{ background: tone(e.type) }} />
            <button
              type="button"
              className="timeline__main"
              onClick={() => onSelect(selectedSeq === e.seq ? null : e.seq)}
              aria-pressed={selectedSeq === e.seq}
              title="Show the graph and context at this moment"
            >
              <span className="timeline__seq">#{e.seq}</span>
              <code className="timeline__type">{e.type}</code>
              <span className="timeline__summary">{summary(e)}</span>
            </button>
            <div className="timeline__meta">
              <span className="chip" title="actor">
                {e.actorType}:{e.actorId}
              </span>
              {e.stateValue && (
                <span className="muted">
                  in <code>{e.stateValue}</code>
                </span>
              )}
              <TimeStamp iso={e.createdAt} />
              {onMoveBack && e.type === 'transition' && !(e.payload as { operator?: boolean } | null)?.operator && (
                <button
                  type="button"
                  className="icon-button"
                  data-testid="move-back"
                  onClick={() => onMoveBack(e.seq, (e.payload as { to: string }).to)}
                  title="Move the instance back to this transition: it enters this state again the same way"
                >
                  move back to here
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                onClick={() => toggle(e.seq)}
                aria-expanded={open.has(e.seq)}
              >
                {open.has(e.seq) ? 'hide JSON' : 'JSON'}
              </button>
            </div>
            {open.has(e.seq) && <JsonView value={e.payload} maxHeight={260} />}
          </li>
        ))}
      </ol>
      {hidden > 0 && (
        <button type="button" className="button timeline__more" onClick={() => setLimit((l) => l + PAGE * 4)}>
          Show {Math.min(hidden, PAGE * 4)} more of {hidden} {newestFirst ? 'older' : 'newer'} entries
        </button>
      )}
    </div>
  );
}

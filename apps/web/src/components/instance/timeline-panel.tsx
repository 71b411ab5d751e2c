'use client';

import { text } from '~/lib/format';
import { useState } from 'react';
import { JsonView } from '~/components/json-view';
import { TimeStamp } from '~/components/time-stamp';

export interface TimelineRow { seq: number; type: string; actorType: string; actorId: string; stateValue: string | null; taskId: string | null; payload?: unknown; createdAt: string }

const groups: Record<string, (t: string) => boolean> = {
  all: () => true,
  transitions: (t) => t === 'transition' || t.startsWith('instance.') || t === 'context.changed',
  events: (t) => t.startsWith('event.'),
  tasks: (t) => t.startsWith('task.'),
  operator: () => true,
};

function summary(row: TimelineRow): string {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  switch (row.type) {
    case 'transition': return `${text(p.from)} → ${text(p.to)} on ${text(p.event)}${p.guard ? ` [${text(p.guard)}]` : ''}`;
    case 'event.received': return `${text(p.event)}${p.reason ? ` — “${text(p.reason)}”` : ''}`;
    case 'event.ignored': return `${text(p.event)}: ${text(p.reason)}`;
    case 'instance.guard_tripped': return text(p.message);
    case 'event.rejected': return `${text(p.event)} after ${text(p.deliveries)} deliveries: ${text(p.error)}`;
    case 'event.redelivered': case 'event.discarded': return `${text(p.event)}${p.reason ? ` — “${text(p.reason)}”` : ''}`;
    case 'context.changed': return (Array.isArray(p.changes) ? p.changes : []).map((c: { path?: string }) => c.path).join(', ');
    default:
      if (row.type.startsWith('task.')) return [p.name && text(p.name), p.attempt && `attempt ${text(p.attempt)}`, p.error && text(p.error), p.reason && `“${text(p.reason)}”`].filter(Boolean).join(' · ');
      // A person's reason is quoted; the engine's own reasons (policy outcomes) read as plain sentences.
      if (p.reason) return row.actorType === 'operator' || row.actorType === 'api' ? `“${text(p.reason)}”` : text(p.reason);
      return '';
  }
}

function tone(type: string): string {
  if (type.endsWith('failed') || type === 'event.ignored' || type === 'event.rejected' || type === 'instance.guard_tripped') return 'var(--red)';
  if (type === 'instance.completed' || type === 'task.succeeded') return 'var(--green)';
  if (type.endsWith('cancelled')) return 'var(--grey)';
  if (type === 'transition') return 'var(--accent)';
  return 'var(--border-strong)';
}

/** Every timeline entry; click one to see the graph and context as they were then. */
export function TimelinePanel({ entries, selectedSeq, onSelect }: { entries: TimelineRow[]; selectedSeq: number | null; onSelect(seq: number | null): void }) {
  const [filter, setFilter] = useState<keyof typeof groups>('all');
  const [open, setOpen] = useState<Set<number>>(new Set());
  const shown = entries.filter((e) => (filter === 'operator' ? e.actorType === 'operator' : groups[filter]?.(e.type) ?? true));
  const toggle = (seq: number) => setOpen((s) => { const n = new Set(s); if (n.has(seq)) n.delete(seq); else n.add(seq); return n; });
  return (
    <div>
      <div className="tabs" role="group" aria-label="Filter timeline" style={{ marginBottom: 8 }}>
        {Object.keys(groups).map((g) => <button key={g} type="button" className="button button--small button--ghost" aria-pressed={filter === g} onClick={() => setFilter(g)}>{g}</button>)}
      </div>
      <ol className="timeline" data-testid="timeline">
        {shown.map((e) => (
          <li key={e.seq} className={`timeline__item${selectedSeq === e.seq ? ' timeline__item--selected' : ''}`} data-type={e.type} data-seq={e.seq}>
            <span className="timeline__dot" style={{ background: tone(e.type) }} />
            <button type="button" className="timeline__main" onClick={() => onSelect(selectedSeq === e.seq ? null : e.seq)} aria-pressed={selectedSeq === e.seq} title="Show the graph and context at this moment">
              <span className="timeline__seq">#{e.seq}</span>
              <code className="timeline__type">{e.type}</code>
              <span className="timeline__summary">{summary(e)}</span>
            </button>
            <div className="timeline__meta">
              <span className="chip" title="actor">{e.actorType}:{e.actorId}</span>
              {e.stateValue && <span className="muted">in <code>{e.stateValue}</code></span>}
              <TimeStamp iso={e.createdAt} />
              <button type="button" className="icon-button" onClick={() => toggle(e.seq)} aria-expanded={open.has(e.seq)}>{open.has(e.seq) ? 'hide JSON' : 'JSON'}</button>
            </div>
            {open.has(e.seq) && <JsonView value={e.payload} maxHeight={260} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

'use client';

import type { AlignedRow, TimelineStep } from '@switchyard/engine/search';
import { text } from '~/lib/format';

export interface CompareEntry {
  seq: number;
  type: string;
  payload?: unknown;
  actorType: string;
  actorId: string;
}

function StepCell({ step }: { step: TimelineStep<CompareEntry> | null }) {
  if (!step) return <td className="missing">not taken</td>;
  const rest = step.entries.filter((e) => e.type !== 'transition');
  return (
    <td>
      <span className="muted mono">#{step.entries[0]?.seq ?? '—'}</span>{' '}
      {rest.map((e) => {
        const p = (e.payload ?? {}) as Record<string, unknown>;
        const detail =
          e.type.startsWith('task.') || e.type.startsWith('decision.')
            ? text(p.name ?? p.event ?? p.proposedEvent)
            : e.type === 'event.received'
              ? text(p.event)
              : '';
        return (
          <span
            key={e.seq}
            className="chip"
            style={{ margin: '0 4px 2px 0' }}
            title={JSON.stringify(e.payload).slice(0, 400)}
          >
            {e.type}
            {detail ? ` ${detail}` : ''}
          </span>
        );
      })}
    </td>
  );
}

const kinds = (step: TimelineStep<CompareEntry> | null) => step?.entries.map((e) => e.type).join(',') ?? '';

/** One row per step, A and B side by side; a row whose sides differ is tinted; clicking a row picks that step. */
export function AlignedTimelines({
  rows,
  selected,
  onSelect,
}: {
  rows: AlignedRow<CompareEntry>[];
  selected: number | null;
  onSelect(index: number | null): void;
}) {
  return (
    <div className="table-wrap" style={{ maxHeight: 420, overflow: 'auto' }}>
      <table className="compare-steps" data-testid="aligned-timelines">
        <thead>
          <tr>
            <th>step</th>
            <th>A</th>
            <th>B</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr
              key={`${row.key}-${index}`}
              data-differs={!row.a || !row.b || kinds(row.a) !== kinds(row.b)}
              data-selected={selected === index}
              onClick={() => onSelect(selected === index ? null : index)}
              style={{ cursor: 'pointer' }}
              aria-selected={selected === index}
            >
              <td>
                <code>{row.key}</code>
              </td>
              <StepCell step={row.a} />
              <StepCell step={row.b} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

'use client';

import Link from 'next/link';
import { CopyId } from '~/components/copy-id';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';

export interface InstanceRow {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  status: string;
  pausedAt?: string | null;
  stateValue: string;
  createdAt: string;
  updatedAt: string;
}

/** `selected` + `onToggle` add a checkbox column (pick two to compare). */
export function InstancesTable({
  items,
  selected,
  onToggle,
}: {
  items: InstanceRow[];
  selected?: string[];
  onToggle?(id: string): void;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="instances-table">
        <thead>
          <tr>
            {onToggle && (
              <th className="select-cell">
                <span className="sr-only">Compare</span>
              </th>
            )}
            <th>Instance</th>
            <th>Definition</th>
            <th>Business key</th>
            <th>Status</th>
            <th>State</th>
            <th>Created</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-instance-id={i.id}>
              {onToggle && (
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${i.id.slice(0, 8)} to compare`}
                    checked={selected?.includes(i.id) ?? false}
                    onChange={() => onToggle(i.id)}
                  />
                </td>
              )}
              <td className="instances__id">
                <Link href={`/instances/${i.id}`} prefetch={false} title={i.id}>
                  <code>{i.id.slice(0, 8)}</code>
                </Link>{' '}
                <CopyId id={i.id} iconOnly />
              </td>
              <td>
                <code>{i.definitionKey}</code> <span className="muted">v{i.definitionVersion}</span>
              </td>
              <td>
                {i.businessKey ? (
                  <Link href={`/instances/${i.id}`} prefetch={false}>
                    <b className="mono">{i.businessKey}</b>
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <StatusBadge status={i.status} /> {i.pausedAt && <StatusBadge status="paused" />}
              </td>
              <td>
                <code>{i.stateValue}</code>
              </td>
              <td>
                <TimeStamp iso={i.createdAt} compact />
              </td>
              <td>
                <TimeStamp iso={i.updatedAt} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

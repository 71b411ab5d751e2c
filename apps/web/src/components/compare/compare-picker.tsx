'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

/** "Compare with…": other instances of the same definition (or by id / business key), newest first. */
export function ComparePicker({ a, definitionKey }: { a: string; definitionKey: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const candidates = useQuery(
    trpc.search.instances.queryOptions({ limit: 20, ...(applied ? { search: applied } : { definitionKey }) }),
  );
  return (
    <div>
      <div className="filters">
        <input
          className="input"
          style={{ width: 280 }}
          placeholder="Instance id or business key…"
          aria-label="Find the instance to compare with"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setApplied(search.trim());
          }}
        />
        <span className="muted">{applied ? `matching “${applied}”` : `latest of ${definitionKey}`}</span>
      </div>
      <table className="table" data-testid="compare-candidates">
        <tbody>
          {candidates.data?.items
            .filter((i) => i.id !== a)
            .map((i) => (
              <tr key={i.id}>
                <td>
                  <Link href={`/compare?a=${a}&b=${i.id}`}>
                    <code>{i.id.slice(0, 8)}</code>
                  </Link>
                </td>
                <td>{i.businessKey ? <code>{i.businessKey}</code> : <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={i.status} />
                </td>
                <td>
                  <code>{i.stateValue}</code>
                </td>
                <td>
                  <TimeStamp iso={i.createdAt} compact />
                </td>
                <td>
                  <Link className="button button--small" href={`/compare?a=${a}&b=${i.id}`}>
                    Compare
                  </Link>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

'use client';

import type { InstanceFilter } from '@switchyard/engine/search';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react';

/** "1,234 instances match" — exact up to 10,000, then "10,000+" (the server stops counting there). */
export function ResultCount({ filter }: { filter: InstanceFilter }) {
  const trpc = useTRPC();
  const count = useQuery(
    trpc.search.count.queryOptions(filter, { placeholderData: keepPreviousData, refetchInterval: 10_000 }),
  );
  if (count.error) return <span className="muted">count unavailable</span>;
  if (!count.data) return <span className="muted">counting…</span>;
  const n = count.data.count.toLocaleString('en-US');
  return (
    <span data-testid="result-count">
      <b>{count.data.capped ? `${n}+` : n}</b>{' '}
      {count.data.count === 1 && !count.data.capped ? 'instance matches' : 'instances match'}
    </span>
  );
}

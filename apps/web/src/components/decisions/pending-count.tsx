'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react';
import { INBOX_LIMIT, INBOX_REFRESH_MS } from './inbox-options';
import './decisions.css';

/** The number of decisions awaiting approval, as a small badge (nothing when there are none). Polls. */
export function PendingCount() {
  const trpc = useTRPC();
  // Same input as the inbox page, so both share one cached query.
  const pending = useQuery(
    trpc.decisions.pending.queryOptions({ limit: INBOX_LIMIT }, { refetchInterval: INBOX_REFRESH_MS }),
  );
  const n = pending.data?.length ?? 0;
  if (n === 0) return null;
  return (
    <span className="nav__count" data-testid="inbox-count" aria-label={`${n} awaiting approval`}>
      {n >= INBOX_LIMIT ? `${INBOX_LIMIT}+` : n}
    </span>
  );
}

'use client';

import { absoluteTime, relativeTime } from '~/lib/format';

/** Relative time with the absolute time beside it (or in the tooltip when `compact`). */
export function TimeStamp({ iso, compact = false }: { iso: string | null; compact?: boolean }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={absoluteTime(iso)} className="time-stamp" suppressHydrationWarning>
      {relativeTime(iso)}
      {!compact && <span className="muted"> · {absoluteTime(iso)}</span>}
    </time>
  );
}

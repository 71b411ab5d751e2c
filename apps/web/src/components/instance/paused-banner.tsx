'use client';

import { TimeStamp } from '~/components/time-stamp';

interface Entry {
  seq: number;
  type: string;
  actorId: string;
  payload?: unknown;
}

/** Says loudly that the instance is paused: since when, by whom, why, and how many events it holds. */
export function PausedBanner({ pausedAt, timeline }: { pausedAt: string; timeline: Entry[] }) {
  const pause = timeline.findLast((e) => e.type === 'instance.paused');
  const held = pause
    ? timeline.filter(
        (e) =>
          e.seq > pause.seq &&
          e.type === 'event.ignored' &&
          (e.payload as { held?: { by?: string } } | null)?.held?.by === 'pause',
      ).length
    : 0;
  const reason = (pause?.payload as { reason?: string } | undefined)?.reason;
  return (
    <div className="banner" role="status" data-testid="paused-banner">
      <span className="banner__icon" aria-hidden>
        ‖
      </span>
      <span>
        <b>Paused</b> since <TimeStamp iso={pausedAt} />
        {pause && (
          <>
            {' '}
            by <code>{pause.actorId}</code>
            {reason && <> — “{reason}”</>}
          </>
        )}
        . Events are recorded and held ({held} so far) and no task starts until an operator resumes it.
      </span>
    </div>
  );
}

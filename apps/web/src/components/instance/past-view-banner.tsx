'use client';

/**
 * Shown while the page replays a past timeline entry (`?seq=`): the graph and context are frozen there, so the
 * banner says so loudly and says where the instance stands now, with the way back to the live view.
 */
export function PastViewBanner({
  seq,
  lastSeq,
  status,
  stateValue,
  pastState,
  onBackToLive,
}: {
  seq: number;
  lastSeq: number;
  status: string;
  stateValue: string;
  pastState: string;
  onBackToLive(): void;
}) {
  const behind = lastSeq - seq;
  return (
    <div className="banner banner--past" role="status" data-testid="replay-banner">
      <span className="banner__icon" aria-hidden>
        ⏸
      </span>
      <span>
        <b>Viewing the past</b> — seq {seq} of {lastSeq}: the graph and context show <code>{pastState}</code> as it was
        then.
        {behind > 0 ? (
          <>
            {' '}
            Now the instance is <b>{status}</b> in <code>{stateValue}</code> ({behind} entr{behind === 1 ? 'y' : 'ies'}{' '}
            later).
          </>
        ) : null}
      </span>
      <button type="button" className="button button--small button--primary" onClick={onBackToLive}>
        Back to live
      </button>
    </div>
  );
}

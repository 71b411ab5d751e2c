const tones: Record<string, string> = {
  running: 'blue',
  completed: 'green',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'grey',
  queued: 'amber',
  delayed: 'amber',
  paused: 'amber',
};

/** A status with its fixed colour: running blue, completed green, failed red, cancelled grey, queued amber. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`badge badge--${tones[status] ?? 'grey'}`} data-status={status}>
      <span className="badge__dot" aria-hidden />
      {label ?? status}
    </span>
  );
}

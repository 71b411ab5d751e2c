/**
 * The proposed event set against the spec's allowlist: every allowed event as a chip, the proposal highlighted
 * green when it is one of them, and shown apart in red when it is not (the policy blocked it).
 */
export function AllowlistChips({ proposed, allowed }: { proposed: string; allowed: string[] }) {
  const inList = allowed.includes(proposed);
  return (
    <span className="allowlist" data-testid="allowlist">
      {!inList && (
        <span className="chip chip--blocked" data-proposed="true" title="proposed, but not an allowed event">
          {proposed}
        </span>
      )}
      {!inList && <span className="muted allowlist__sep">not in</span>}
      {allowed.map((event) => (
        <span
          key={event}
          className={event === proposed ? 'chip chip--proposed' : 'chip'}
          data-proposed={event === proposed ? 'true' : undefined}
          title={event === proposed ? 'proposed by the model' : 'allowed'}
        >
          {event}
        </span>
      ))}
    </span>
  );
}

import { describeError } from '~/lib/trpc-error';

/** Placeholder rows while data loads. */
export function Skeleton({ rows = 3, height = 18 }: { rows?: number; height?: number }) {
  return (
    <div className="skeleton-stack" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ height }} />
      ))}
    </div>
  );
}

/** An error with its message (and field details), never a blank panel. */
export function ErrorBox({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  const { message, details } = describeError(error);
  return (
    <div className="error-box" role="alert">
      <strong>{title}</strong>
      <div>{message}</div>
      {details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={d.path}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}

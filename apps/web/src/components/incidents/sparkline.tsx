/** Counts per hour as bars, oldest left; the title of each bar says its hour and count. */
export function Sparkline({ counts, from, label }: { counts: number[]; from: string; label: string }) {
  const max = Math.max(1, ...counts);
  const start = new Date(from).getTime();
  return (
    <div className={`sparkline${counts.length > 48 ? ' sparkline--wide' : ''}`} role="img" aria-label={label}>
      {counts.map((n, hour) => (
        <span
          key={hour}
          className={`sparkline__bar${n === 0 ? ' sparkline__bar--zero' : ''}`}
          style={{ height: `${Math.max(4, (n / max) * 100)}%` }}
          title={`${new Date(start + hour * 3_600_000).toISOString().slice(0, 13).replace('T', ' ')}:00 UTC — ${n}`}
        />
      ))}
    </div>
  );
}

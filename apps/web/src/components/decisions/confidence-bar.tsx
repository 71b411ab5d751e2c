/** The model's self-reported confidence as a small bar with its percentage; the colour says how much to trust it. */
export function ConfidenceBar({ value }: { value: number }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  const tone = pct >= 80 ? 'green' : pct >= 50 ? 'amber' : 'red';
  return (
    <span className="confidence" title={`model confidence ${value}`} data-confidence={value}>
      <span className="confidence__track">
        <span className={`confidence__fill confidence__fill--${tone}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="confidence__value">{pct}%</span>
    </span>
  );
}

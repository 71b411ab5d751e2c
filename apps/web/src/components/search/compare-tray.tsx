'use client';

import Link from 'next/link';

/** Two instances picked in the list → open them side by side. */
export function CompareTray({ selected, onClear }: { selected: string[]; onClear(): void }) {
  if (selected.length === 0) return null;
  const [a, b] = selected;
  return (
    <div className="compare-tray" role="status" data-testid="compare-tray">
      <span>{selected.length === 1 ? 'Pick one more instance to compare' : '2 instances selected'}</span>
      {a && b && (
        <Link className="button button--small button--primary" href={`/compare?a=${a}&b=${b}`}>
          Compare
        </Link>
      )}
      <button type="button" className="button button--small button--ghost" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}

/** Keeps at most two ids: picking a third lets go of the oldest. */
export function toggleCompare(selected: string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id].slice(-2);
}

'use client';

import { useMemo } from 'react';
import { lineDiff } from '~/lib/editor/line-diff';

/** Pretty-printed JSON of both sides, line by line: + added, − removed. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const lines = useMemo(
    () => lineDiff(JSON.stringify(before, null, 2), JSON.stringify(after, null, 2)),
    [before, after],
  );
  return (
    <pre className="json-diff" data-testid="json-diff">
      {lines.map((l, i) => (
        <div key={i} className={`json-diff--${l.kind}`} data-line={l.kind}>
          {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}
          {l.text}
        </div>
      ))}
    </pre>
  );
}

'use client';

import { diffJson } from '@switchyard/engine/search';
import { useMemo } from 'react';
import { Empty } from '~/components/feedback';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

/** Context of A and B path by path: only what differs, added/removed/changed. */
export function ContextDiff({ a, b }: { a: unknown; b: unknown }) {
  const changes = useMemo(() => diffJson(a, b), [a, b]);
  if (changes.length === 0) return <Empty>The two contexts are the same here.</Empty>;
  return (
    <table className="compare-diff" data-testid="context-diff">
      <thead>
        <tr>
          <th>path</th>
          <th>A</th>
          <th>B</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} data-kind={c.kind}>
            <td className={`kind-${c.kind}`}>context.{c.path || '(whole)'}</td>
            <td>{c.kind === 'added' ? <span className="muted">—</span> : show(c.a)}</td>
            <td>{c.kind === 'removed' ? <span className="muted">—</span> : show(c.b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

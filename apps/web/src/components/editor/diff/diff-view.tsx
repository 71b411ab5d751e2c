'use client';

import '../editor.css';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { MigrateButton } from '~/components/batches/migrate-dialog';
import { useTRPC } from '~/trpc/react';
import { DiffGraphView } from './diff-graph';
import { diffGraph } from './diff-graph-model';
import { JsonDiff } from './json-diff';

type Side = number | 'draft';

/** Two versions (or a version and the draft) side by side: coloured graph, JSON diff, affected instances. */
export function DiffView({ definitionKey, from, to }: { definitionKey: string; from: number | null; to: Side | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const versions = useQuery(trpc.definitions.versions.queryOptions({ key: definitionKey }));
  const draft = useQuery(trpc.drafts.get.queryOptions({ key: definitionKey }));
  const latest = versions.data?.[0]?.version ?? null;
  const f = from ?? (latest !== null ? Math.max(1, latest - 1) : null);
  const t: Side | null = to ?? latest;
  const diff = useQuery({
    ...trpc.drafts.diff.queryOptions({ key: definitionKey, from: f ?? 1, to: t ?? 1 }),
    enabled: f !== null && t !== null,
  });
  const graph = useMemo(
    () => (diff.data ? diffGraph(diff.data.before, diff.data.after, diff.data.diff) : null),
    [diff.data],
  );
  const go = (nf: Side, nt: Side) =>
    router.replace(`/definitions/${encodeURIComponent(definitionKey)}/diff?from=${nf}&to=${nt}`);
  const options = [
    ...(draft.data ? [{ value: 'draft', label: 'draft' }] : []),
    ...(versions.data ?? []).map((v) => ({
      value: String(v.version),
      label: `v${v.version}${v.message ? ` — ${v.message}` : ''}`,
    })),
  ];
  const parse = (v: string): Side => (v === 'draft' ? 'draft' : Number(v));

  if (versions.error) return <ErrorBox error={versions.error} title={`Definition ${definitionKey}`} />;
  const d = diff.data?.diff;
  return (
    <>
      <div className="breadcrumbs">
        <Link href="/definitions">Definitions</Link> /{' '}
        <Link href={`/definitions/${encodeURIComponent(definitionKey)}`}>{definitionKey}</Link> /
      </div>
      <div className="page-header">
        <h1>
          Diff <code style={{ fontSize: 17 }}>{definitionKey}</code>
        </h1>
        <div className="page-header__meta">
          <label>
            from{' '}
            <select
              className="select"
              aria-label="From version"
              value={String(f ?? '')}
              onChange={(e) => go(parse(e.target.value), t ?? 'draft')}
            >
              {options
                .filter((o) => o.value !== 'draft')
                .map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
            </select>
          </label>
          <label>
            to{' '}
            <select
              className="select"
              aria-label="To version"
              value={String(t ?? '')}
              onChange={(e) => go(f ?? 1, parse(e.target.value))}
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="page-header__actions diff-legend">
          <span>
            <i className="diff-swatch diff-swatch--added" />
            added
          </span>
          <span>
            <i className="diff-swatch diff-swatch--removed" />
            removed
          </span>
          <span>
            <i className="diff-swatch diff-swatch--changed" />
            changed
          </span>
        </div>
      </div>
      {diff.error && <ErrorBox error={diff.error} title="Could not compute the diff" />}
      {diff.data && (
        <div
          className={`banner${diff.data.affected.total === 0 ? ' banner--quiet' : ''}`}
          data-testid="affected-instances"
        >
          <b data-testid="affected-count">{diff.data.affected.total}</b> running or failed instance(s) of v
          {diff.data.from} sit in a state this change touches
          {diff.data.affected.byState.length > 0 && (
            <span className="muted">
              ({diff.data.affected.byState.map((s) => `${s.state}: ${s.count}`).join(', ')})
            </span>
          )}
          {typeof t === 'number' && diff.data.affected.total > 0 && (
            <MigrateButton
              definitionKey={definitionKey}
              fromVersion={diff.data.from}
              toVersion={t}
              before={diff.data.before}
              after={diff.data.after}
            />
          )}
        </div>
      )}
      <div className="grid grid--main-side">
        <Panel
          title={d ? `Graph — ${d.states.length} state and ${d.transitions.length} transition change(s)` : 'Graph'}
        >
          {!graph ? <Skeleton rows={1} height={480} /> : <DiffGraphView graph={graph} />}
          {d && (d.settings.length > 0 || d.transitions.length > 0) && (
            <ul className="diff-summary" data-testid="diff-summary">
              {d.transitions.map((x) => (
                <li key={x.key}>
                  <span
                    className={`badge badge--${x.kind === 'added' ? 'green' : x.kind === 'removed' ? 'red' : 'amber'}`}
                  >
                    {x.kind}
                  </span>{' '}
                  <code>{x.key}</code>
                </li>
              ))}
              {d.settings.map((x) => (
                <li key={x.key}>
                  <span
                    className={`badge badge--${x.kind === 'added' ? 'green' : x.kind === 'removed' ? 'red' : 'amber'}`}
                  >
                    {x.kind}
                  </span>{' '}
                  <code>{x.key}</code>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="JSON">
          {!diff.data ? <Skeleton rows={8} /> : <JsonDiff before={diff.data.before} after={diff.data.after} />}
        </Panel>
      </div>
    </>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import '~/components/search/search.css';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';
import { Sparkline } from './sparkline';

const windows = { '24h': 'Last 24 hours', '7d': 'Last 7 days' } as const;
type Window = keyof typeof windows;

/** Failed tasks grouped by what went wrong (the error with its ids, numbers, URLs and quoted values taken out). */
export function IncidentsPage() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const window: Window = params.get('window') === '7d' ? '7d' : '24h';
  const definitionKey = params.get('definition') ?? '';
  const definitions = useQuery(trpc.definitions.list.queryOptions());
  const incidents = useQuery(
    trpc.search.incidents.queryOptions(
      { window, ...(definitionKey ? { definitionKey } : {}) },
      { refetchInterval: 15_000 },
    ),
  );
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const groups = incidents.data?.groups ?? [];
  const total = groups.reduce((sum, g) => sum + g.failedTasks, 0);

  return (
    <>
      <div className="page-header">
        <h1>Incidents</h1>
        <span className="page-header__meta">
          {incidents.data
            ? `${total} failed task${total === 1 ? '' : 's'} in ${groups.length} group${groups.length === 1 ? '' : 's'}`
            : ''}
        </span>
      </div>
      <div className="filters">
        <div className="tabs" role="tablist" aria-label="Window">
          {(Object.keys(windows) as Window[]).map((w) => (
            <button
              key={w}
              type="button"
              role="tab"
              aria-selected={w === window}
              className={w === window ? 'button button--small button--primary' : 'button button--small'}
              onClick={() => set('window', w === '24h' ? '' : w)}
            >
              {windows[w]}
            </button>
          ))}
        </div>
        <select
          className="select"
          aria-label="Definition"
          value={definitionKey}
          onChange={(e) => set('definition', e.target.value)}
        >
          <option value="">All definitions</option>
          {definitions.data?.map((d) => (
            <option key={d.key} value={d.key}>
              {d.key}
            </option>
          ))}
        </select>
      </div>
      <Panel
        title="Grouped by error"
        className="panel--flush"
        actions={<span className="muted">per hour, oldest left</span>}
      >
        <div style={{ margin: '-12px -14px' }}>
          {incidents.error ? (
            <div style={{ padding: 12 }}>
              <ErrorBox error={incidents.error} />
            </div>
          ) : !incidents.data ? (
            <div style={{ padding: 12 }}>
              <Skeleton rows={6} />
            </div>
          ) : groups.length === 0 ? (
            <Empty>No failed tasks in the {windows[window].toLowerCase()}. </Empty>
          ) : (
            groups.map((g) => (
              <article key={g.signature} className="incident" data-testid="incident-group">
                <div>
                  <div className="incident__signature" data-testid="incident-signature">
                    {g.signature}
                  </div>
                  <div className="incident__example" title="The latest error of this group, as it was">
                    latest: {g.example}
                  </div>
                  <div className="incident__meta">
                    <span>
                      first <TimeStamp iso={g.firstSeen} compact />
                    </span>
                    <span>
                      last <TimeStamp iso={g.lastSeen} compact />
                    </span>
                    <span>
                      {g.versions.map((v) => (
                        <span key={v} className="chip" style={{ marginRight: 4 }}>
                          {v}
                        </span>
                      ))}
                    </span>
                    <span>
                      tasks:{' '}
                      {g.taskTypes.map((t) => (
                        <code key={t} style={{ marginRight: 4 }}>
                          {t}
                        </code>
                      ))}
                    </span>
                    <span>
                      {g.instances} instance{g.instances === 1 ? '' : 's'}
                      {g.failedInstances ? `, ${g.failedInstances} failed now` : ''}
                    </span>
                    <Link href={`/instances?sig=${encodeURIComponent(g.signature)}`}>Show instances →</Link>
                  </div>
                </div>
                <div className="incident__count">
                  <b data-testid="incident-count">{g.failedTasks}</b>
                  <span className="muted">failed task{g.failedTasks === 1 ? '' : 's'}</span>
                  <Sparkline
                    counts={g.hourly}
                    from={incidents.data.from}
                    label={`${g.failedTasks} failures over the ${windows[window].toLowerCase()}`}
                  />
                </div>
              </article>
            ))
          )}
        </div>
      </Panel>
    </>
  );
}

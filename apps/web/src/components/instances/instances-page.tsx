'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { CompareTray, toggleCompare } from '~/components/search/compare-tray';
import { ResultCount } from '~/components/search/result-count';
import { SavedViews } from '~/components/search/saved-views';
import { SearchFilters } from '~/components/search/search-filters';
import { useSearchUrl } from '~/components/search/use-search-url';
import { useTRPC } from '~/trpc/react';
import { BatchActionButton } from '~/components/batches/batch-dialog';
import { InstanceFilters } from './instance-filters';
import { InstancesTable } from './instances-table';
import { useInstanceFilters } from './use-instance-filters';

export function InstancesPage() {
  const trpc = useTRPC();
  const { filters, setFilters, query } = useInstanceFilters();
  // Cursors of the pages before this one, so "previous" can step back through keyset pages.
  const [stack, setStack] = useState<string[]>([]);
  const [live, setLive] = useState(true);
  const [compare, setCompare] = useState<string[]>([]);
  const list = useQuery(
    trpc.search.instances.queryOptions(query, {
      refetchInterval: live ? 3_000 : false,
      placeholderData: keepPreviousData,
    }),
  );
  const { filter: countFilter } = useSearchUrl();
  const change = (patch: Parameters<typeof setFilters>[0]) => {
    setStack([]);
    setFilters(patch);
  };
  const page = Math.max(1, Number.parseInt(filters.page ?? '1', 10) || 1);
  // The new page starts at the top of its list, not where "Next" was clicked at the bottom.
  const toTop = () => window.scrollTo({ top: 0 });
  const next = () => {
    if (!list.data?.nextCursor) return;
    setStack((s) => [...s, filters.cursor ?? '']);
    setFilters({ cursor: list.data.nextCursor, page: String(page + 1) });
    toTop();
  };
  // Opened from a shared link, the cursors of earlier pages are unknown: "Prev" then goes back to the first page.
  const prev = () => {
    const previous = stack.at(-1);
    setStack((s) => s.slice(0, -1));
    setFilters(previous ? { cursor: previous, page: String(page - 1) } : { cursor: '', page: '' });
    toTop();
  };

  return (
    <>
      <div className="page-header">
        <h1>Instances</h1>
        <button type="button" className="button button--ghost" onClick={() => setLive((l) => !l)} aria-pressed={live}>
          <span className={live ? 'live-dot' : 'live-dot live-dot--off'}>{live ? 'live' : 'paused'}</span>
        </button>
      </div>
      <InstanceFilters filters={filters} onChange={change} />
      <SearchFilters />
      <div className="search-toolbar">
        <span className="search-toolbar__count">
          <ResultCount filter={countFilter} />
        </span>
        <SavedViews />
        <BatchActionButton filter={countFilter} />
      </div>
      <Panel
        title="Newest first"
        className="panel--flush"
        actions={list.isFetching ? <span className="muted">refreshing…</span> : null}
      >
        <div style={{ margin: '-12px -14px' }}>
          {list.error ? (
            <div style={{ padding: 12 }}>
              <ErrorBox error={list.error} />
            </div>
          ) : !list.data ? (
            <div style={{ padding: 12 }}>
              <Skeleton rows={8} />
            </div>
          ) : list.data.items.length === 0 ? (
            <Empty>No instances match these filters.</Empty>
          ) : (
            <InstancesTable
              items={list.data.items}
              selected={compare}
              onToggle={(id) => setCompare((s) => toggleCompare(s, id))}
            />
          )}
          <div className="pager">
            <span data-testid="page-number">
              page {page}
              {list.data ? ` · ${list.data.items.length} rows` : ''}
            </span>
            <button type="button" className="button button--small" onClick={prev} disabled={!filters.cursor}>
              {filters.cursor && stack.length === 0 && page > 2 ? '← First' : '← Prev'}
            </button>
            <button type="button" className="button button--small" onClick={next} disabled={!list.data?.nextCursor}>
              Next →
            </button>
          </div>
        </div>
      </Panel>
      <CompareTray selected={compare} onClear={() => setCompare([])} />
    </>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { formatCount } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

export function DefinitionsList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.definitions.list.queryOptions(undefined, { refetchInterval: 10_000 }));
  return (
    <>
      <div className="page-header">
        <h1>Definitions</h1>
        <div className="page-header__actions">
          <Link className="button button--primary" href="/definitions/new">
            + New definition
          </Link>
        </div>
      </div>
      <Panel title="Workflow definitions" className="panel--flush">
        {list.error ? (
          <ErrorBox error={list.error} />
        ) : !list.data ? (
          <Skeleton rows={4} />
        ) : list.data.length === 0 ? (
          <Empty>
            No definitions published. Run <code>pnpm switchyard seed</code>.
          </Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Name</th>
                <th className="num">Latest</th>
                <th className="num">Versions</th>
                <th className="num">Instances</th>
                <th>Published by</th>
                <th>Published</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((d) => (
                <tr key={d.key}>
                  <td>
                    <Link href={`/definitions/${encodeURIComponent(d.key)}`}>
                      <code>{d.key}</code>
                    </Link>
                  </td>
                  <td>{d.name}</td>
                  <td className="num">v{d.version}</td>
                  <td className="num">{d.versions}</td>
                  <td className="num">
                    <Link href={`/instances?definition=${encodeURIComponent(d.key)}`}>{formatCount(d.instances)}</Link>
                  </td>
                  <td>
                    <code>{d.publishedBy}</code>
                  </td>
                  <td>
                    <TimeStamp iso={d.publishedAt} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { SpecGraph } from '~/components/graph/spec-graph';
import { JsonView } from '~/components/json-view';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';
import { StartInstanceDialog } from './start-instance-dialog';
import { useSession } from '~/components/auth/session-context';

export function DefinitionDetail({ definitionKey, version }: { definitionKey: string; version?: number }) {
  const { can } = useSession();
  const trpc = useTRPC();
  const [starting, setStarting] = useState(false);
  const [showSpec, setShowSpec] = useState(false);
  const definition = useQuery(
    trpc.definitions.get.queryOptions({ key: definitionKey, ...(version ? { version } : {}) }),
  );
  const versions = useQuery(trpc.definitions.versions.queryOptions({ key: definitionKey }));

  if (definition.error) return <ErrorBox error={definition.error} title={`Definition ${definitionKey}`} />;
  const d = definition.data;
  return (
    <>
      <div className="breadcrumbs">
        <Link href="/definitions">Definitions</Link> /
      </div>
      <div className="page-header">
        <h1>
          <code style={{ fontSize: 17 }}>{definitionKey}</code>
        </h1>
        {d && (
          <div className="page-header__meta">
            <span className="chip">v{d.version}</span>
            <span>{d.name}</span>
          </div>
        )}
        <div className="page-header__actions">
          <Link className="button" href={`/instances?definition=${encodeURIComponent(definitionKey)}`}>
            Instances
          </Link>
          {can('admin') && (
            <Link className="button" href={`/definitions/${encodeURIComponent(definitionKey)}/edit`}>
              Edit
            </Link>
          )}
          <Link
            className="button"
            href={`/definitions/${encodeURIComponent(definitionKey)}/diff${d && d.version > 1 ? `?from=${d.version - 1}&to=${d.version}` : ''}`}
          >
            Diff
          </Link>
          <Link
            className="button"
            href={`/definitions/${encodeURIComponent(definitionKey)}/simulate${d ? `?version=${d.version}` : ''}`}
          >
            Simulate
          </Link>
          {can('operator') && (
            <button type="button" className="button button--primary" disabled={!d} onClick={() => setStarting(true)}>
              ▶ Start instance
            </button>
          )}
        </div>
      </div>
      <div className="grid grid--main-side">
        <Panel
          title="States and transitions"
          actions={
            <button type="button" className="button button--small" onClick={() => setShowSpec((s) => !s)}>
              {showSpec ? 'Graph' : 'Spec JSON'}
            </button>
          }
        >
          {!d ? (
            <Skeleton rows={1} height={420} />
          ) : showSpec ? (
            <JsonView value={d.spec} maxHeight={520} />
          ) : (
            <SpecGraph graph={d.graph} height={460} />
          )}
        </Panel>
        <Panel title="Versions">
          {versions.error ? (
            <ErrorBox error={versions.error} />
          ) : !versions.data ? (
            <Skeleton rows={3} />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Version</th>
                  <th>Published by</th>
                  <th>When</th>
                </tr>
              </thead>
              <tbody>
                {versions.data.map((v) => (
                  <tr key={v.id} aria-current={d?.version === v.version ? 'true' : undefined}>
                    <td>
                      <Link href={`/definitions/${encodeURIComponent(definitionKey)}?version=${v.version}`}>
                        {d?.version === v.version ? <b>v{v.version}</b> : `v${v.version}`}
                      </Link>
                      {v.message && <div className="muted">{v.message}</div>}
                    </td>
                    <td>
                      <code>{v.publishedBy}</code>
                    </td>
                    <td>
                      <TimeStamp iso={v.publishedAt} compact />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      {d && (
        <StartInstanceDialog
          definitionKey={definitionKey}
          version={d.version}
          open={starting}
          onClose={() => setStarting(false)}
        />
      )}
    </>
  );
}

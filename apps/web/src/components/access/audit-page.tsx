'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { JsonView } from '~/components/json-view';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

const actions = [
  '',
  'event.received',
  'instance.started',
  'instance.cancelled',
  'task.retried',
  'task.cancelled',
  'definition.published',
  'member.role_set',
  'member.removed',
  'api_token.created',
  'api_token.revoked',
  'tenant.egress_hosts_set',
  'tenant.email_sender_set',
];

/** Every operator action in the tenant — who, with which role, what, why, when — newest first. */
export function AuditPage() {
  const trpc = useTRPC();
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const audit = useQuery(
    trpc.access.audit.queryOptions(
      { ...(actorId ? { actorId } : {}), ...(action ? { action } : {}) },
      { refetchInterval: 5_000 },
    ),
  );
  return (
    <>
      <div className="page-header">
        <h1>Audit</h1>
      </div>
      <div className="filters">
        <input
          className="input"
          placeholder="actor (e.g. operator@demo.test)"
          value={actorId}
          onChange={(e) => setActorId(e.target.value.trim())}
          aria-label="Filter by actor"
        />
        <select
          className="select"
          value={action}
          onChange={(e) => setAction(e.target.value)}
          aria-label="Filter by action"
        >
          {actions.map((a) => (
            <option key={a} value={a}>
              {a || 'every action'}
            </option>
          ))}
        </select>
      </div>
      <Panel title="Operator actions">
        {audit.isPending ? (
          <Skeleton rows={8} />
        ) : audit.isError ? (
          <ErrorBox error={audit.error} />
        ) : audit.data.length === 0 ? (
          <Empty>No operator actions match.</Empty>
        ) : (
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Role</th>
                <th>What</th>
                <th>Target</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((a, i) => (
                <tr key={`${a.at}-${i}`} onClick={() => setOpen(open === i ? null : i)} style={{ cursor: 'pointer' }}>
                  <td>
                    <TimeStamp iso={a.at} compact />
                  </td>
                  <td>
                    <code>
                      {a.actorType}:{a.actorId}
                    </code>
                  </td>
                  <td>
                    {a.role ? <span className="badge badge--grey">{a.role}</span> : <span className="muted">—</span>}
                  </td>
                  <td>
                    <code>{a.action}</code>
                    {open === i && <JsonView value={a.payload} maxHeight={200} />}
                  </td>
                  <td>
                    {a.targetType === 'instance' && a.targetId ? (
                      <Link href={`/instances/${a.targetId}`} prefetch={false}>
                        {a.targetId.slice(0, 8)}
                      </Link>
                    ) : a.targetId ? (
                      <span className="muted">
                        {a.targetType} {a.targetId.slice(0, 8)}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{a.reason ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}

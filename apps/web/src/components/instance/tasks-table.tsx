'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { CopyId } from '~/components/copy-id';
import { JsonView } from '~/components/json-view';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';
import { useRefreshInstance } from './use-operator-action';
import { useSession } from '~/components/auth/session-context';

export interface TaskRow {
  id: string;
  type: string;
  name: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: string | null;
  nextRunAt: string;
  lastError: string | null;
  output?: unknown;
  input?: unknown;
  createdAt: string;
  finishedAt: string | null;
}

export function TasksTable({
  instanceId,
  instanceStatus,
  tasks,
}: {
  instanceId: string;
  instanceStatus: string;
  tasks: TaskRow[];
}) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const retry = useMutation(trpc.tasks.retry.mutationOptions());
  const cancel = useMutation(trpc.tasks.cancel.mutationOptions());
  const [action, setAction] = useState<{ kind: 'retry' | 'cancel'; task: TaskRow } | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const instanceClosed = instanceStatus === 'completed' || instanceStatus === 'cancelled';
  const mayAct = useSession().can('operator');

  if (tasks.length === 0) return <div className="empty">No tasks yet.</div>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="tasks-table">
        <thead>
          <tr>
            <th>Task</th>
            <th>Status</th>
            <th className="num">Attempts</th>
            <th>Next run</th>
            <th>Last error / output</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => {
            const delayed = t.status === 'queued' && new Date(t.nextRunAt).getTime() > Date.now() + 1_000;
            const canRetry = (t.status === 'failed' || t.status === 'cancelled') && !instanceClosed;
            const canCancel = t.status === 'queued';
            return (
              <tr key={t.id} data-task-name={t.name} data-task-status={t.status}>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <b>{t.type}</b> <code>{t.name}</code>
                  <div>
                    <CopyId id={t.id} />
                  </div>
                </td>
                <td>
                  <StatusBadge status={delayed ? 'delayed' : t.status} label={delayed ? 'delayed' : t.status} />
                </td>
                <td className="num">
                  {t.attempts}/{t.maxAttempts}
                </td>
                <td>
                  {t.status === 'queued' ? <TimeStamp iso={t.nextRunAt} compact /> : <span className="muted">—</span>}
                </td>
                <td style={{ maxWidth: 360 }}>
                  {t.lastError && <div className="cell-error">{t.lastError}</div>}
                  {t.output !== null && t.output !== undefined && (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      onClick={() => setExpanded(expanded === t.id ? null : t.id)}
                      aria-expanded={expanded === t.id}
                    >
                      output {expanded === t.id ? '▾' : '▸'}
                    </button>
                  )}
                  {expanded === t.id && <JsonView value={t.output} maxHeight={200} />}
                </td>
                <td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                  {mayAct && (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        disabled={!canRetry}
                        onClick={() => setAction({ kind: 'retry', task: t })}
                        title={
                          canRetry
                            ? 'Run again with fresh attempts'
                            : 'Only a failed or cancelled task of a live instance can be retried'
                        }
                      >
                        Retry
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--small"
                        disabled={!canCancel}
                        onClick={() => setAction({ kind: 'cancel', task: t })}
                        title={canCancel ? 'It will never run' : 'Only a queued or delayed task can be cancelled'}
                      >
                        Cancel
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ActionDialog
        open={action !== null}
        onClose={() => setAction(null)}
        title={action?.kind === 'retry' ? `Retry task ${action.task.name}` : `Cancel task ${action?.task.name ?? ''}`}
        danger={action?.kind === 'cancel'}
        confirmLabel={action?.kind === 'retry' ? 'Retry task' : 'Cancel task'}
        description={
          action?.kind === 'retry'
            ? 'The task runs again with a fresh set of attempts; a failed instance resumes.'
            : 'The task will never run. The instance stays in its current state.'
        }
        onConfirm={async (reason) => {
          if (!action) return;
          if (action.kind === 'retry') await retry.mutateAsync({ taskId: action.task.id, reason });
          else await cancel.mutateAsync({ taskId: action.task.id, reason });
          await refresh();
        }}
      />
    </div>
  );
}

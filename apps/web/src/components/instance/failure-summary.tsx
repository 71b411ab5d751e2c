'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { text } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import type { TaskRow } from './tasks-table';
import type { TimelineRow } from './timeline-panel';
import { useRefreshInstance } from './use-operator-action';

export interface FailureFacts {
  seq: number | null;
  reason: string;
  task: TaskRow | null;
}

/** Why the instance failed, from its latest `instance.failed` entry and the task it names. */
export function findFailure(entries: TimelineRow[], tasks: TaskRow[]): FailureFacts | null {
  const failed = entries.findLast((e) => e.type === 'instance.failed');
  // An instance.failed entry without a task (e.g. a runaway guard) is not blamed on some earlier failed task.
  const task = failed
    ? failed.taskId
      ? (tasks.find((t) => t.id === failed.taskId) ?? null)
      : null
    : (tasks.findLast((t) => t.status === 'failed') ?? null);
  if (!failed && !task) return null;
  const payload = (failed?.payload ?? {}) as Record<string, unknown>;
  return { seq: failed?.seq ?? null, reason: text(payload.reason), task };
}

/**
 * The top of a failed instance: which task failed, its error in full, and the one action that resumes it,
 * so an operator reads the cause without hunting through the timeline.
 */
export function FailureSummary({
  instanceId,
  failure,
  onShowEntry,
}: {
  instanceId: string;
  failure: FailureFacts;
  onShowEntry(seq: number): void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const retry = useMutation(trpc.tasks.retry.mutationOptions());
  const [retrying, setRetrying] = useState(false);
  const mayAct = useSession().can('operator');
  const { task } = failure;
  return (
    <section className="failure-summary" role="alert" data-testid="failure-summary">
      <div className="failure-summary__title">
        <span className="failure-summary__icon" aria-hidden>
          ✕
        </span>
        {!task ? (
          'The instance failed'
        ) : task.status === 'cancelled' ? (
          <>
            Task <code>{task.name}</code> <span className="muted">({task.type})</span> was cancelled and the state does
            not handle it
          </>
        ) : (
          <>
            Task <code>{task.name}</code> <span className="muted">({task.type})</span> failed after {task.attempts} of{' '}
            {task.maxAttempts} attempt{task.maxAttempts === 1 ? '' : 's'}
          </>
        )}
      </div>
      {task?.lastError && (
        <pre className="failure-summary__error" data-testid="failure-error">
          {task.lastError}
        </pre>
      )}
      {failure.reason && <div className="failure-summary__reason">{failure.reason}</div>}
      <div className="failure-summary__actions">
        <span className="muted">Fix the cause, then retry the task: the instance resumes where it stopped.</span>
        {failure.seq !== null && (
          <button type="button" className="button button--small" onClick={() => onShowEntry(failure.seq!)}>
            Show in timeline
          </button>
        )}
        {mayAct && task && (
          <button type="button" className="button button--small button--primary" onClick={() => setRetrying(true)}>
            Retry task…
          </button>
        )}
      </div>
      {task && (
        <ActionDialog
          open={retrying}
          onClose={() => setRetrying(false)}
          title={`Retry task ${task.name}`}
          confirmLabel="Retry task"
          description="The task runs again with a fresh set of attempts; the failed instance resumes."
          onConfirm={async (reason) => {
            await retry.mutateAsync({ taskId: task.id, reason });
            await refresh();
          }}
        />
      )}
    </section>
  );
}

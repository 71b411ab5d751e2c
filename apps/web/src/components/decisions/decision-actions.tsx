'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { useRefreshInstance } from '~/components/instance/use-operator-action';
import { useTRPC } from '~/trpc/react';

type Kind = 'approve' | 'reject' | 'override';

export interface DecisionActionsProps {
  taskId: string;
  instanceId: string;
  proposedEvent: string;
  allowedEvents: string[];
  /** What the operator knows the case by (a business key), named in the dialog title. */
  subject?: string;
}

const copy: Record<Kind, { title: string; confirm: string; description: (proposed: string) => string }> = {
  approve: {
    title: 'Approve the proposal',
    confirm: 'Approve',
    description: (p) => `${p} is sent to the instance as your decision, with the payload the model proposed.`,
  },
  reject: {
    title: 'Reject the proposal',
    confirm: 'Reject',
    description: (p) =>
      `${p} is never sent; the instance hears AI_DECISION_REJECTED and follows its spec (usually to manual review).`,
  },
  override: {
    title: 'Replace with another allowed event',
    confirm: 'Send instead',
    description: (p) =>
      `Instead of ${p}, the event you pick is sent (with the proposed payload). Only events of the allowlist can be chosen.`,
  },
};

/** Approve / Replace / Reject for a decision awaiting approval; hidden unless the caller is an operator. */
export function DecisionActions({ taskId, instanceId, proposedEvent, allowedEvents, subject }: DecisionActionsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshInstance = useRefreshInstance(instanceId);
  const approve = useMutation(trpc.decisions.approve.mutationOptions());
  const reject = useMutation(trpc.decisions.reject.mutationOptions());
  const override = useMutation(trpc.decisions.override.mutationOptions());
  const [kind, setKind] = useState<Kind | null>(null);
  const alternatives = allowedEvents.filter((e) => e !== proposedEvent);
  const [replacement, setReplacement] = useState<string>(alternatives[0] ?? '');
  if (!useSession().can('operator')) return null;

  const confirm = async (reason: string) => {
    if (kind === 'approve') await approve.mutateAsync({ taskId, reason });
    else if (kind === 'reject') await reject.mutateAsync({ taskId, reason });
    else if (kind === 'override') await override.mutateAsync({ taskId, event: replacement, reason });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.decisions.pending.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.decisions.awaitingOperator.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.decisions.forInstance.queryKey({ instanceId }) }),
      refreshInstance(),
    ]);
  };

  const text = kind ? copy[kind] : null;
  return (
    <span className="decision-actions" data-testid="decision-actions">
      <button
        type="button"
        className="button button--small button--primary"
        onClick={() => setKind('approve')}
        title={`Send ${proposedEvent}`}
      >
        Approve
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={alternatives.length === 0}
        onClick={() => setKind('override')}
        title={alternatives.length ? 'Send another allowed event instead' : 'The allowlist has no other event'}
      >
        Replace…
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={() => setKind('reject')}
        title="Send nothing it proposed"
      >
        Reject
      </button>
      <ActionDialog
        open={kind !== null}
        onClose={() => setKind(null)}
        title={text ? `${text.title}${subject ? ` for ${subject}` : ''}` : ''}
        confirmLabel={text?.confirm ?? ''}
        danger={kind === 'reject'}
        description={text?.description(proposedEvent)}
        validate={() =>
          kind === 'override' && !alternatives.includes(replacement) ? 'Pick the event to send instead.' : null
        }
        onConfirm={confirm}
      >
        {kind === 'override' && (
          <>
            <span className="field-label">Send instead</span>
            <div className="event-options" role="group" aria-label="Event to send instead">
              {alternatives.map((event) => (
                <button
                  key={event}
                  type="button"
                  className="button button--small"
                  aria-pressed={replacement === event}
                  onClick={() => setReplacement(event)}
                >
                  {event}
                </button>
              ))}
            </div>
          </>
        )}
      </ActionDialog>
    </span>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { useTRPC } from '~/trpc/react';
import { PauseAction } from './pause-action';
import { RaiseGuardAction } from './raise-guard-action';
import { SendEventDialog } from './send-event-dialog';
import { useRefreshInstance } from './use-operator-action';

/**
 * Send event… and Cancel instance, plus one-click buttons only for `quick` events: the server leaves out engine
 * events, task results and events an AI decision awaits approval for (those go through Send event… with a reason).
 */
export function InstanceActions({
  instanceId,
  status,
  accepted,
  quick,
  guardTripped = null,
  paused = false,
  onMove,
}: {
  instanceId: string;
  status: string;
  accepted: string[];
  quick: string[];
  guardTripped?: string | null;
  paused?: boolean;
  /** Opens the move dialog (the instance page owns it: the timeline opens it too). */
  onMove?: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const cancel = useMutation(trpc.instances.cancel.mutationOptions());
  const [dialog, setDialog] = useState<'send' | 'cancel' | null>(null);
  const [event, setEvent] = useState<string | undefined>();
  const closed = status === 'completed' || status === 'cancelled';
  const { can } = useSession();
  if (!can('operator')) return null;
  return (
    <>
      {guardTripped && status === 'failed' && <RaiseGuardAction instanceId={instanceId} guard={guardTripped} />}
      {!closed && <PauseAction instanceId={instanceId} paused={paused} />}
      {onMove && status !== 'cancelled' && (
        <button type="button" className="button" onClick={onMove} data-testid="move-instance">
          Move to state…
        </button>
      )}
      {quick.map((e) => (
        <button
          key={e}
          type="button"
          className="button"
          disabled={closed}
          onClick={() => {
            setEvent(e);
            setDialog('send');
          }}
          title={`Send ${e}`}
        >
          {e}
        </button>
      ))}
      <button
        type="button"
        className="button"
        disabled={closed}
        onClick={() => {
          setEvent(undefined);
          setDialog('send');
        }}
        title={closed ? `Instance is ${status}` : 'Send any event'}
      >
        Send event…
      </button>
      <button
        type="button"
        className="button button--danger"
        disabled={closed}
        onClick={() => setDialog('cancel')}
        title={closed ? `Instance is ${status}` : undefined}
      >
        Cancel instance
      </button>
      <SendEventDialog
        instanceId={instanceId}
        accepted={accepted}
        open={dialog === 'send'}
        {...(event ? { initialEvent: event } : {})}
        onClose={() => setDialog(null)}
      />
      <ActionDialog
        open={dialog === 'cancel'}
        onClose={() => setDialog(null)}
        title="Cancel instance"
        danger
        confirmLabel="Cancel instance"
        description="Queued and delayed tasks are cancelled and will never run; later events are refused. This cannot be undone."
        onConfirm={async (reason) => {
          await cancel.mutateAsync({ instanceId, reason });
          await refresh();
        }}
      />
    </>
  );
}

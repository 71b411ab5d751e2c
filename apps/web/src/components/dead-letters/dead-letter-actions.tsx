'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { useTRPC } from '~/trpc/react';

/** Retry (deliver again with fresh deliveries) or discard (drop for good) one dead letter, each with a reason. */
export function DeadLetterActions({ messageId, event }: { messageId: string; event: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const retry = useMutation(trpc.deadLetters.retry.mutationOptions());
  const discard = useMutation(trpc.deadLetters.discard.mutationOptions());
  const [dialog, setDialog] = useState<'retry' | 'discard' | null>(null);
  if (!can('operator')) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.deadLetters.list.queryKey() });
  return (
    <>
      <button type="button" className="button" onClick={() => setDialog('retry')}>
        Retry
      </button>
      <button type="button" className="button button--danger" onClick={() => setDialog('discard')}>
        Discard
      </button>
      <ActionDialog
        open={dialog === 'retry'}
        onClose={() => setDialog(null)}
        title={`Retry ${event}`}
        confirmLabel="Retry"
        description="The event is delivered again with a fresh set of deliveries. If it still cannot be applied it comes back here."
        onConfirm={async (reason) => {
          await retry.mutateAsync({ messageId, reason });
          await refresh();
        }}
      />
      <ActionDialog
        open={dialog === 'discard'}
        onClose={() => setDialog(null)}
        title={`Discard ${event}`}
        danger
        confirmLabel="Discard"
        description="The event is dropped for good; the instance's timeline records who discarded it and why."
        onConfirm={async (reason) => {
          await discard.mutateAsync({ messageId, reason });
          await refresh();
        }}
      />
    </>
  );
}

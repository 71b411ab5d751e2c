'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useTRPC } from '~/trpc/react';
import { useRefreshInstance } from './use-operator-action';

/** Pause… on a running instance, Resume… on a paused one; each asks why. */
export function PauseAction({ instanceId, paused }: { instanceId: string; paused: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const pause = useMutation(trpc.instances.pause.mutationOptions());
  const resume = useMutation(trpc.instances.resume.mutationOptions());
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={paused ? 'button button--primary' : 'button'}
        onClick={() => setOpen(true)}
        data-testid={paused ? 'resume-instance' : 'pause-instance'}
      >
        {paused ? 'Resume…' : 'Pause…'}
      </button>
      <ActionDialog
        open={open}
        onClose={() => setOpen(false)}
        title={paused ? 'Resume instance' : 'Pause instance'}
        confirmLabel={paused ? 'Resume' : 'Pause'}
        description={
          paused
            ? 'The events it held are applied in the order they arrived, then its queued tasks run again.'
            : 'Events sent to it are recorded and held, not applied, and none of its tasks starts until it is resumed. Tasks already running finish; what they report is held too.'
        }
        onConfirm={async (reason) => {
          if (paused) await resume.mutateAsync({ instanceId, reason });
          else await pause.mutateAsync({ instanceId, reason });
          await refresh();
        }}
      />
    </>
  );
}

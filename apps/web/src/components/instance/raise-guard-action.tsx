'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useTRPC } from '~/trpc/react';
import { useRefreshInstance } from './use-operator-action';

/** For an instance a runaway guard stopped: raise that guard's cap for this instance and resume it. */
export function RaiseGuardAction({ instanceId, guard }: { instanceId: string; guard: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const raise = useMutation(trpc.instances.raiseGuard.mutationOptions());
  const [open, setOpen] = useState(false);
  const [limit, setLimit] = useState('');
  const parsed = limit.trim() === '' ? undefined : Number(limit);
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={() => setOpen(true)}
        title={`Stopped by the runaway guard ${guard}`}
      >
        Raise cap &amp; resume
      </button>
      <ActionDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Raise the ${guard} cap and resume`}
        confirmLabel="Raise cap & resume"
        description={
          <>
            The runaway guard <code>{guard}</code> stopped this instance. Raising its cap applies to this instance only;
            the events it held back are delivered again, in order.
          </>
        }
        validate={() =>
          parsed !== undefined && (!Number.isInteger(parsed) || parsed <= 0)
            ? 'The new cap must be a positive whole number.'
            : null
        }
        onConfirm={async (reason) => {
          await raise.mutateAsync({ instanceId, reason, ...(parsed !== undefined ? { limit: parsed } : {}) });
          await refresh();
        }}
      >
        <label className="field-label" htmlFor="raise-guard-limit">
          New cap <span className="muted">(empty: twice the cap that tripped)</span>
        </label>
        <input
          id="raise-guard-limit"
          className="input"
          inputMode="numeric"
          value={limit}
          onChange={(e) => setLimit(e.target.value)}
          placeholder="e.g. 1200"
          autoComplete="off"
        />
      </ActionDialog>
    </>
  );
}

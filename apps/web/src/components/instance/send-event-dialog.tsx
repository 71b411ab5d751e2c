'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useTRPC } from '~/trpc/react';
import { useRefreshInstance } from './use-operator-action';

function parsePayload(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `Payload is not valid JSON: ${(e as Error).message}` };
  }
}

/** Sends an event: the events the current state accepts come first; any name with a JSON payload is allowed. */
export function SendEventDialog({
  instanceId,
  accepted,
  open,
  initialEvent,
  subject,
  onClose,
}: {
  instanceId: string;
  accepted: string[];
  open: boolean;
  initialEvent?: string;
  subject?: string;
  onClose(): void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const send = useMutation(trpc.instances.sendEvent.mutationOptions());
  const [type, setType] = useState('');
  const [payload, setPayload] = useState('{}');
  useEffect(() => {
    if (open) {
      setType(initialEvent ?? accepted[0] ?? '');
      setPayload('{}');
    }
  }, [open, initialEvent, accepted]);
  const parsed = parsePayload(payload);

  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={subject ? `Send an event to ${subject}` : 'Send event'}
      confirmLabel={`Send ${type || 'event'}`}
      description={
        accepted.length
          ? 'The current state accepts these events. Other names are recorded as ignored.'
          : 'The current state accepts no events; anything sent is recorded as ignored.'
      }
      validate={() => (!type.trim() ? 'Enter an event name.' : parsed.ok ? null : parsed.error)}
      onConfirm={async (reason) => {
        await send.mutateAsync({
          instanceId,
          type: type.trim(),
          payload: parsed.ok ? parsed.value : undefined,
          reason,
        });
        await refresh();
      }}
    >
      {accepted.length > 0 && (
        <div className="event-options" role="group" aria-label="Accepted events">
          {accepted.map((e) => (
            <button
              key={e}
              type="button"
              className="button button--small"
              aria-pressed={type === e}
              onClick={() => setType(e)}
            >
              {e}
            </button>
          ))}
        </div>
      )}
      <label className="field-label" htmlFor="send-event-type">
        Event name
      </label>
      <input
        id="send-event-type"
        className="input"
        value={type}
        onChange={(e) => setType(e.target.value)}
        autoComplete="off"
        list="accepted-events"
      />
      <label className="field-label" htmlFor="send-event-payload">
        Payload (JSON)
      </label>
      <textarea
        id="send-event-payload"
        className="textarea"
        rows={5}
        value={payload}
        onChange={(e) => setPayload(e.target.value)}
        spellCheck={false}
        aria-invalid={!parsed.ok}
      />
      {!parsed.ok && (
        <p className="form-error" data-testid="payload-error">
          {parsed.error}
        </p>
      )}
    </ActionDialog>
  );
}

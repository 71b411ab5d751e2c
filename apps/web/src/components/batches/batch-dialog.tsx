'use client';

import type { BatchActionInput, BatchActionName } from '@switchyard/engine/contracts';
import type { InstanceFilter } from '@switchyard/engine/search';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

type Filter = InstanceFilter;
type Action = BatchActionInput;

// The batch actions this dialog offers (migrating has its own dialog: it needs a version and a state map).
const actions: readonly (readonly [Exclude<BatchActionName, 'migrate'>, string])[] = [
  ['retry', 'Retry failed tasks'],
  ['cancel', 'Cancel'],
  ['send', 'Send an event'],
  ['move', 'Move to a state'],
  ['pause', 'Pause'],
  ['resume', 'Resume'],
];

/** "Act on all matching…": an action on every instance the list's filters match, previewed before it runs. */
export function BatchActionButton({ filter }: { filter: Filter }) {
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  if (!can('operator')) return null;
  return (
    <>
      <button type="button" className="button" data-testid="batch-open" onClick={() => setOpen(true)}>
        Act on all matching…
      </button>
      {open && <BatchDialog filter={filter} onClose={() => setOpen(false)} />}
    </>
  );
}

function BatchDialog({ filter, onClose }: { filter: Filter; onClose(): void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<(typeof actions)[number][0]>('retry');
  const [event, setEvent] = useState('');
  const [payload, setPayload] = useState('');
  const [state, setState] = useState('');
  const [rate, setRate] = useState('20');
  const [asked, setAsked] = useState<Action | null>(null);
  const start = useMutation(trpc.batches.start.mutationOptions());
  const action = (): Action =>
    kind === 'send'
      ? { action: 'send', event, ...(payload.trim() ? { payload: JSON.parse(payload) as unknown } : {}) }
      : kind === 'move'
        ? { action: 'move', state }
        : { action: kind };
  const preview = useQuery(
    trpc.batches.preview.queryOptions(
      { where: filter, action: asked ?? { action: 'retry' } },
      {
        enabled: asked !== null,
      },
    ),
  );
  const p = asked ? preview.data : undefined;
  return (
    <ActionDialog
      open
      onClose={onClose}
      title="Act on all matching instances"
      confirmLabel={p ? `Run on ${p.count} instance${p.count === 1 ? '' : 's'}` : 'Run'}
      description="Preview first: the count is exact and each instance's outcome is worked out before anything runs. A worker then acts on each instance once, at the rate you set; you can pause or abort it."
      validate={() =>
        !p
          ? 'Preview the batch first.'
          : p.capped
            ? 'Too many instances match: narrow the filter.'
            : !Number.isInteger(Number(rate)) || Number(rate) < 1 || Number(rate) > 500
              ? 'The rate must be a whole number from 1 to 500.'
              : null
      }
      onConfirm={async (reason) => {
        // validate() holds the button until a preview exists, so the asked action is set here.
        if (!asked) throw new Error('Preview the batch first.');
        const { batchId } = await start.mutateAsync({
          where: filter,
          action: asked,
          reason,
          ratePerSecond: Number(rate),
        });
        router.push(`/batches/${batchId}`);
      }}
    >
      <label className="field-label" htmlFor="batch-action">
        Action
      </label>
      <select
        id="batch-action"
        className="input"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as typeof kind);
          setAsked(null);
        }}
      >
        {actions.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {kind === 'send' && (
        <>
          <label className="field-label" htmlFor="batch-event">
            Event
          </label>
          <input id="batch-event" className="input" value={event} onChange={(e) => setEvent(e.target.value)} />
          <label className="field-label" htmlFor="batch-payload">
            Payload <span className="muted">(JSON, optional)</span>
          </label>
          <input
            id="batch-payload"
            className="input mono"
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
          />
        </>
      )}
      {kind === 'move' && (
        <>
          <label className="field-label" htmlFor="batch-state">
            Target state
          </label>
          <input id="batch-state" className="input" value={state} onChange={(e) => setState(e.target.value)} />
        </>
      )}
      <label className="field-label" htmlFor="batch-rate">
        Instances per second
      </label>
      <input
        id="batch-rate"
        className="input"
        inputMode="numeric"
        value={rate}
        onChange={(e) => setRate(e.target.value)}
      />
      <button
        type="button"
        className="button"
        data-testid="batch-preview"
        onClick={() => {
          try {
            setAsked(action());
          } catch {
            setAsked(null);
          }
        }}
      >
        Preview
      </button>
      {preview.error && asked && <p className="form-error">{describeError(preview.error).message}</p>}
      {p && (
        <div className="move-preview" data-testid="batch-preview-result">
          <p>
            <b>
              {p.count}
              {p.capped ? '+' : ''} instance{p.count === 1 ? '' : 's'} match
            </b>
            {p.capped && ' — more than one batch may act on: narrow the filter'}
          </p>
          {p.groups.map((g) => (
            <p key={g.text} className={g.act ? undefined : 'muted'}>
              {g.count} {g.text}
            </p>
          ))}
          {p.sample.length > 0 && (
            <details>
              <summary>Sample of {p.sample.length}</summary>
              <ul>
                {p.sample.map((s) => (
                  <li key={s.id}>
                    <code>{s.id.slice(0, 8)}</code> {s.businessKey ?? ''} {s.status} in <code>{s.stateValue}</code>:{' '}
                    {s.outcome.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </ActionDialog>
  );
}

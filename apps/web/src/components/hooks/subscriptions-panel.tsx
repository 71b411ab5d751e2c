'use client';

import { SUBSCRIBABLE_EVENTS } from '@switchyard/engine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { formText } from '~/lib/form';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { DeliveryLog } from './delivery-log';
import { DefinitionSelect, DeleteButton, Field, optionalText, SecretSelect } from './fields';

type Subscribable = (typeof SUBSCRIBABLE_EVENTS)[number];

/** Outbound subscriptions: the tenant is told, signed, when an instance ends, a decision waits or a task fails. */
export function SubscriptionsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscriptions = useQuery(trpc.webhooks.subscriptions.queryOptions());
  const create = useMutation(trpc.webhooks.createSubscription.mutationOptions());
  const remove = useMutation(trpc.webhooks.deleteSubscription.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.subscriptions.queryKey() });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    await create.mutateAsync({
      name: formText(form, 'name').trim(),
      url: formText(form, 'url').trim(),
      events: form.getAll('events').map(String) as Subscribable[],
      definitionKey: optionalText(form, 'definitionKey'),
      secretName: formText(form, 'secretName'),
    });
    formElement.reset();
    await refresh();
  };

  return (
    <>
      <Panel title="Outbound subscriptions">
        <p className="muted">
          Each event is POSTed as JSON, signed per Standard Webhooks with the chosen secret (a <code>whsec_…</code>{' '}
          value is the spec&apos;s base64 format, anything else is used as is), through the egress policy (the
          tenant&apos;s host allowlist applies). The <code>webhook-id</code> stays the same on every retry.
        </p>
        <form
          className="settings-form"
          aria-label="New subscription"
          onSubmit={(e) => {
            submit(e).catch(() => undefined);
          }}
          autoComplete="off"
        >
          <Field label="Name">
            <input name="name" className="input" placeholder="ops dashboard" required aria-label="Subscription name" />
          </Field>
          <Field label="URL">
            <input
              name="url"
              className="input"
              placeholder="https://hooks.example.com/switchyard"
              required
              aria-label="Subscription URL"
            />
          </Field>
          <Field label="Only instances of">
            <DefinitionSelect optional label="Subscription definition" />
          </Field>
          <Field label="Signing secret">
            <SecretSelect label="Subscription secret" />
          </Field>
          <div className="settings-form__checks" role="group" aria-label="Events">
            {SUBSCRIBABLE_EVENTS.map((event) => (
              <label key={event}>
                <input type="checkbox" name="events" value={event} defaultChecked={event === 'instance.completed'} />
                {event}
              </label>
            ))}
          </div>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Subscribe
          </button>
        </form>
        {create.isError && <p className="form-error">{describeError(create.error).message}</p>}
        {subscriptions.isPending ? (
          <Skeleton />
        ) : subscriptions.isError ? (
          <ErrorBox error={subscriptions.error} />
        ) : subscriptions.data.length === 0 ? (
          <Empty>No subscriptions yet.</Empty>
        ) : (
          <table className="table" aria-label="Subscriptions">
            <thead>
              <tr>
                <th>Name</th>
                <th>URL</th>
                <th>Events</th>
                <th>Definition</th>
                <th>Secret</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {subscriptions.data.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    <code>{s.url}</code>
                  </td>
                  <td>{s.events.join(', ')}</td>
                  <td>{s.definitionKey ?? <span className="muted">any</span>}</td>
                  <td>
                    <code>••• {s.secretName}</code>
                  </td>
                  <td className="num">
                    <DeleteButton
                      title={`Delete subscription ${s.name}`}
                      description="Nothing more is sent to it; deliveries not yet sent fail, saying it was deleted."
                      onDelete={async (reason) => {
                        await remove.mutateAsync({ id: s.id, reason });
                        await refresh();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <DeliveryLog source="subscriptions" names={new Map(subscriptions.data?.map((s) => [s.id, s.name]))} />
    </>
  );
}

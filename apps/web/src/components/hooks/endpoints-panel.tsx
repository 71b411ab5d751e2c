'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CopyId } from '~/components/copy-id';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { formText } from '~/lib/form';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { DefinitionSelect, DeleteButton, Field, optionalText, SecretSelect } from './fields';

/** Inbound endpoints: a signed POST becomes an event for the instance whose business key is in the body. */
export function EndpointsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.endpoints.queryOptions());
  const deliveries = useQuery({ ...trpc.webhooks.inboundDeliveries.queryOptions({}), refetchInterval: 2_000 });
  const create = useMutation(trpc.webhooks.createEndpoint.mutationOptions());
  const remove = useMutation(trpc.webhooks.deleteEndpoint.mutationOptions());
  const [eventFrom, setEventFrom] = useState<'fixed' | 'body'>('fixed');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.endpoints.queryKey() });
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const names = new Map(endpoints.data?.map((e) => [e.id, e.name]));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const event = formText(form, 'event').trim();
    await create.mutateAsync({
      name: formText(form, 'name').trim(),
      definitionKey: formText(form, 'definitionKey'),
      businessKeyPath: formText(form, 'businessKeyPath').trim(),
      ...(eventFrom === 'fixed' ? { eventType: event } : { eventTypePath: event }),
      payloadPath: optionalText(form, 'payloadPath'),
      secretName: formText(form, 'secretName'),
    });
    formElement.reset();
    await refresh();
  };

  return (
    <>
      <Panel title="Inbound endpoints">
        <p className="muted">
          A POST to the endpoint&apos;s URL, signed per <a href="https://www.standardwebhooks.com">Standard Webhooks</a>{' '}
          (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>) with the chosen
          secret, becomes an event for the instance whose business key sits at the path in the JSON body. Replays of a
          <code> webhook-id</code> and timestamps more than 5 minutes off are refused.
        </p>
        <form
          className="settings-form"
          aria-label="New inbound endpoint"
          onSubmit={(e) => {
            submit(e).catch(() => undefined);
          }}
          autoComplete="off"
        >
          <Field label="Name">
            <input name="name" className="input" placeholder="payments" required aria-label="Endpoint name" />
          </Field>
          <Field label="Definition">
            <DefinitionSelect label="Endpoint definition" />
          </Field>
          <Field label="Business key at (dot path in the body)">
            <input
              name="businessKeyPath"
              className="input"
              placeholder="data.order.id"
              required
              aria-label="Business key path"
            />
          </Field>
          <Field label="Event">
            <select
              className="select"
              aria-label="Event from"
              value={eventFrom}
              onChange={(e) => setEventFrom(e.target.value as 'fixed' | 'body')}
            >
              <option value="fixed">a fixed event</option>
              <option value="body">its name read from the body</option>
            </select>
          </Field>
          <Field label={eventFrom === 'fixed' ? 'Event name' : 'Event name at (dot path)'}>
            <input
              name="event"
              className="input"
              placeholder={eventFrom === 'fixed' ? 'PAID' : 'type'}
              required
              aria-label={eventFrom === 'fixed' ? 'Event' : 'Event name path'}
            />
          </Field>
          <Field label="Payload at (empty: the whole body)">
            <input name="payloadPath" className="input" placeholder="data" aria-label="Payload path" />
          </Field>
          <Field label="Signing secret">
            <SecretSelect label="Endpoint secret" />
          </Field>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Create endpoint
          </button>
        </form>
        {create.isError && <p className="form-error">{describeError(create.error).message}</p>}
        {endpoints.isPending ? (
          <Skeleton />
        ) : endpoints.isError ? (
          <ErrorBox error={endpoints.error} />
        ) : endpoints.data.length === 0 ? (
          <Empty>No inbound endpoints yet.</Empty>
        ) : (
          <table className="table" aria-label="Inbound endpoints">
            <thead>
              <tr>
                <th>Name</th>
                <th>URL</th>
                <th>Maps</th>
                <th>Secret</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((e) => (
                <tr key={e.id} data-endpoint={e.name}>
                  <td>{e.name}</td>
                  <td>
                    <CopyId id={`${origin}/api/v1/hooks/${e.id}`} full />
                  </td>
                  <td>
                    <code>{e.definitionKey}</code> where business key = <code>body.{e.businessKeyPath}</code>, event{' '}
                    {e.eventType ? <code>{e.eventType}</code> : <code>body.{e.eventTypePath}</code>}, payload{' '}
                    <code>{e.payloadPath ? `body.${e.payloadPath}` : 'body'}</code>
                  </td>
                  <td>
                    <code>••• {e.secretName}</code>
                  </td>
                  <td className="num">
                    <DeleteButton
                      title={`Delete endpoint ${e.name}`}
                      description="Its URL answers 404 from now on; its delivery log stays."
                      onDelete={async (reason) => {
                        await remove.mutateAsync({ id: e.id, reason });
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
      <Panel title="Inbound deliveries">
        {deliveries.isPending ? (
          <Skeleton />
        ) : deliveries.isError ? (
          <ErrorBox error={deliveries.error} />
        ) : deliveries.data.length === 0 ? (
          <Empty>Nothing received yet.</Empty>
        ) : (
          <table className="table" aria-label="Inbound deliveries">
            <thead>
              <tr>
                <th>Received</th>
                <th>Endpoint</th>
                <th>Result</th>
                <th>Event</th>
                <th>Business key</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    <TimeStamp iso={d.receivedAt} compact />
                  </td>
                  <td>{names.get(d.endpointId) ?? <span className="muted">deleted</span>}</td>
                  <td>
                    <StatusBadge
                      status={d.status === 'accepted' ? 'succeeded' : 'failed'}
                      label={`${d.httpStatus} ${d.status}`}
                    />
                  </td>
                  <td>{d.eventType ? <code>{d.eventType}</code> : '—'}</td>
                  <td>
                    {d.instanceId ? <a href={`/instances/${d.instanceId}`}>{d.businessKey}</a> : (d.businessKey ?? '—')}
                  </td>
                  <td className="muted">{d.error ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}

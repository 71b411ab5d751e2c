'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { formText } from '~/lib/form';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { DeliveryLog } from './delivery-log';
import { DefinitionSelect, DeleteButton, Field, optionalText, SecretSelect } from './fields';

type Kind = 'instance_failed' | 'incident_rate' | 'waiting_too_long';
type Channel = 'webhook' | 'email';

interface RuleView {
  kind: string;
  definitionKey: string | null;
  threshold: number | null;
  windowMinutes: number | null;
  waitingOn: string | null;
  stateValue: string | null;
  waitMinutes: number | null;
  channel: string;
  url: string | null;
  emailTo: string | null;
}

/** A rule as a sentence, the way an operator reads it. */
function describeRule(r: RuleView): string {
  const of = r.definitionKey ? ` of ${r.definitionKey}` : '';
  const when =
    r.kind === 'instance_failed'
      ? `an instance${of} failed`
      : r.kind === 'incident_rate'
        ? `an incident${of} counts more than ${r.threshold} failures in ${r.windowMinutes} min`
        : r.waitingOn === 'decision'
          ? `a decision${of} has awaited approval longer than ${r.waitMinutes} min`
          : `an instance${of} has waited in ${r.stateValue ? `"${r.stateValue}"` : 'a state'} longer than ${r.waitMinutes} min`;
  return `When ${when}: ${r.channel === 'email' ? `email ${r.emailTo}` : `POST ${r.url}`}`;
}

const number = (form: FormData, name: string) => {
  const text = optionalText(form, name);
  return text === undefined ? undefined : Number(text);
};

/** Alert rules per tenant: a condition, a channel (signed webhook or email), a "Send test" button. */
export function AlertRulesPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.alertRules.list.queryOptions());
  const create = useMutation(trpc.alertRules.create.mutationOptions());
  const remove = useMutation(trpc.alertRules.delete.mutationOptions());
  const test = useMutation(trpc.alertRules.sendTest.mutationOptions());
  const [kind, setKind] = useState<Kind>('instance_failed');
  const [channel, setChannel] = useState<Channel>('webhook');
  const [waitingOn, setWaitingOn] = useState<'state' | 'decision'>('state');
  const [testing, setTesting] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alertRules.list.queryKey() });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    await create.mutateAsync({
      name: formText(form, 'name').trim(),
      kind,
      definitionKey: optionalText(form, 'definitionKey'),
      ...(kind === 'incident_rate'
        ? { threshold: number(form, 'threshold'), windowMinutes: number(form, 'windowMinutes') }
        : {}),
      ...(kind === 'waiting_too_long'
        ? { waitingOn, stateValue: optionalText(form, 'stateValue'), waitMinutes: number(form, 'waitMinutes') }
        : {}),
      channel,
      ...(channel === 'webhook'
        ? { url: optionalText(form, 'url'), secretName: optionalText(form, 'secretName') }
        : { emailTo: optionalText(form, 'emailTo') }),
    });
    formElement.reset();
    await refresh();
  };

  return (
    <>
      <Panel title="Alert rules">
        <p className="muted">
          A rule fires once per condition: once per failed instance, once when an incident rises above its threshold
          (again only after it fell back), once per wait. Webhooks are signed and retried like subscriptions; emails go
          through the EMAIL path (SMTP, or the local mailbox without <code>SMTP_URL</code>).
        </p>
        <form
          className="settings-form"
          aria-label="New alert rule"
          onSubmit={(e) => {
            submit(e).catch(() => undefined);
          }}
          autoComplete="off"
        >
          <Field label="Name">
            <input name="name" className="input" placeholder="refunds failing" required aria-label="Rule name" />
          </Field>
          <Field label="When">
            <select
              className="select"
              aria-label="Condition"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
            >
              <option value="instance_failed">an instance failed</option>
              <option value="incident_rate">an incident rose above N in M minutes</option>
              <option value="waiting_too_long">a decision or a state waited longer than T</option>
            </select>
          </Field>
          <Field label="Of">
            <DefinitionSelect optional label="Rule definition" />
          </Field>
          {kind === 'incident_rate' && (
            <>
              <Field label="More than N failures">
                <input name="threshold" type="number" min={0} className="input" required aria-label="Threshold" />
              </Field>
              <Field label="Within M minutes">
                <input
                  name="windowMinutes"
                  type="number"
                  min={1}
                  className="input"
                  required
                  aria-label="Window minutes"
                />
              </Field>
            </>
          )}
          {kind === 'waiting_too_long' && (
            <>
              <Field label="Waiting on">
                <select
                  className="select"
                  aria-label="Waiting on"
                  value={waitingOn}
                  onChange={(e) => setWaitingOn(e.target.value as 'state' | 'decision')}
                >
                  <option value="state">a state</option>
                  <option value="decision">a decision awaiting approval</option>
                </select>
              </Field>
              {waitingOn === 'state' && (
                <Field label="State (empty: any)">
                  <input name="stateValue" className="input" aria-label="State" />
                </Field>
              )}
              <Field label="Longer than T minutes">
                <input name="waitMinutes" type="number" min={1} className="input" required aria-label="Wait minutes" />
              </Field>
            </>
          )}
          <Field label="Tell">
            <select
              className="select"
              aria-label="Channel"
              value={channel}
              onChange={(e) => setChannel(e.target.value as Channel)}
            >
              <option value="webhook">a signed webhook</option>
              <option value="email">an email address</option>
            </select>
          </Field>
          {channel === 'webhook' ? (
            <>
              <Field label="URL">
                <input
                  name="url"
                  className="input"
                  placeholder="https://hooks.example.com/alerts"
                  required
                  aria-label="Rule URL"
                />
              </Field>
              <Field label="Signing secret">
                <SecretSelect label="Rule secret" />
              </Field>
            </>
          ) : (
            <Field label="Email">
              <input
                name="emailTo"
                type="email"
                className="input"
                placeholder="oncall@example.com"
                required
                aria-label="Email to"
              />
            </Field>
          )}
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Create rule
          </button>
        </form>
        {create.isError && <p className="form-error">{describeError(create.error).message}</p>}
        {test.isSuccess && (
          <p className="muted" role="status">
            Test queued: it shows in the alert deliveries below.
          </p>
        )}
        {rules.isPending ? (
          <Skeleton />
        ) : rules.isError ? (
          <ErrorBox error={rules.error} />
        ) : rules.data.length === 0 ? (
          <Empty>No alert rules yet.</Empty>
        ) : (
          <table className="table" aria-label="Alert rules">
            <thead>
              <tr>
                <th>Name</th>
                <th>Rule</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.data.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{describeRule(r)}</td>
                  <td className="num">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setTesting({ id: r.id, name: r.name })}
                    >
                      Send test
                    </button>{' '}
                    <DeleteButton
                      title={`Delete alert rule ${r.name}`}
                      description="It stops firing; deliveries not yet sent fail, saying it was deleted."
                      onDelete={async (reason) => {
                        await remove.mutateAsync({ id: r.id, reason });
                        await refresh();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ActionDialog
          open={testing !== null}
          title={`Send a test of ${testing?.name ?? ''}`}
          description="Sends an alert.test message through the rule's channel now; it is recorded in the delivery log."
          confirmLabel="Send test"
          onConfirm={async (reason) => {
            if (testing) await test.mutateAsync({ id: testing.id, reason });
            await queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey({ source: 'alerts' }) });
          }}
          onClose={() => setTesting(null)}
        />
      </Panel>
      <DeliveryLog source="alerts" names={new Map(rules.data?.map((r) => [r.id, r.name]))} />
    </>
  );
}

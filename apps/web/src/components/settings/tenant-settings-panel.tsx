'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { formText } from '~/lib/form';
import { useTRPC } from '~/trpc/react';

type Pending = { kind: 'sender'; emailFrom: string | null } | { kind: 'hosts'; hosts: string[] };

/** The tenant's EMAIL sender and HTTP host allowlist; each change asks for a reason and lands in the audit log. */
export function TenantSettingsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.tenantSettings.get.queryOptions());
  const setSender = useMutation(trpc.tenantSettings.setEmailSender.mutationOptions());
  const setHosts = useMutation(trpc.tenantSettings.setEgressHosts.mutationOptions());
  const [pending, setPending] = useState<Pending | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tenantSettings.get.queryKey() });

  const askSender = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = formText(new FormData(e.currentTarget), 'emailFrom').trim();
    setPending({ kind: 'sender', emailFrom: value === '' ? null : value });
  };
  const askHosts = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const hosts = formText(new FormData(e.currentTarget), 'hosts')
      .split(/[\s,]+/)
      .filter(Boolean);
    setPending({ kind: 'hosts', hosts });
  };

  return (
    <Panel title="Tasks: email sender and HTTP hosts">
      {settings.isPending ? (
        <Skeleton />
      ) : settings.isError ? (
        <ErrorBox error={settings.error} />
      ) : (
        <>
          <form className="settings-form" onSubmit={askSender} key={`sender-${settings.data.emailFrom ?? ''}`}>
            <label htmlFor="email-from">
              <strong>EMAIL sender</strong>
            </label>
            <p className="muted">
              Every EMAIL task of this tenant is sent from this address. Empty: the deployment&apos;s default sender. A
              spec&apos;s own <code>from</code> becomes the Reply-To.
            </p>
            <div className="filters">
              <input
                id="email-from"
                name="emailFrom"
                className="input"
                defaultValue={settings.data.emailFrom ?? ''}
                placeholder="Acme Ops <ops@acme.example>"
                aria-label="Email sender"
              />
              <button type="submit" className="button button--primary">
                Save sender
              </button>
            </div>
          </form>
          <form
            className="settings-form"
            onSubmit={askHosts}
            key={`hosts-${settings.data.egressAllowedHosts.join(',')}`}
          >
            <label htmlFor="egress-hosts">
              <strong>HTTP hosts</strong>
            </label>
            <p className="muted">
              When this list has entries, HTTP tasks may call only these hosts (one per line:{' '}
              <code>api.example.com</code>, <code>*.example.com</code>). Empty: any public host. Private and internal
              addresses stay closed either way.
            </p>
            <textarea
              id="egress-hosts"
              name="hosts"
              className="textarea"
              rows={4}
              defaultValue={settings.data.egressAllowedHosts.join('\n')}
              aria-label="Allowed HTTP hosts"
              data-testid="egress-hosts"
            />
            <div className="filters">
              <button type="submit" className="button button--primary">
                Save hosts
              </button>
            </div>
          </form>
        </>
      )}
      <ActionDialog
        open={pending !== null}
        title={pending?.kind === 'sender' ? 'Change the EMAIL sender' : 'Change the HTTP host allowlist'}
        description={
          pending?.kind === 'sender'
            ? `New sender: ${pending.emailFrom ?? 'the deployment default'}`
            : pending
              ? `New list: ${pending.hosts.join(', ') || '(empty: any public host)'}`
              : null
        }
        confirmLabel="Save"
        onConfirm={async (reason) => {
          if (pending?.kind === 'sender') await setSender.mutateAsync({ emailFrom: pending.emailFrom, reason });
          if (pending?.kind === 'hosts') await setHosts.mutateAsync({ hosts: pending.hosts, reason });
          await refresh();
        }}
        onClose={() => setPending(null)}
      />
    </Panel>
  );
}

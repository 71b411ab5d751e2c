'use client';

import { roleSchema, roles } from '@switchyard/engine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { formText } from '~/lib/form';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

const statusBadge: Record<string, string> = {
  pending: 'badge--blue',
  accepted: 'badge--green',
  revoked: 'badge--red',
  expired: 'badge--grey',
};

/**
 * How people join the tenant: an admin invites an email with a role, the person gets a one-time link by email.
 * Outside production the link is also shown here once, for setups without SMTP.
 */
export function InvitationsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitations.list.queryOptions());
  const create = useMutation(trpc.invitations.create.mutationOptions());
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions());
  const [sent, setSent] = useState<{ email: string; link: string | null } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; email: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const result = await create.mutateAsync({
      email: formText(form, 'email'),
      role: roleSchema.parse(formText(form, 'role')),
    });
    setSent({ email: result.invitation.email, link: result.link });
    formElement.reset();
    await refresh();
  };

  return (
    <Panel title="Invitations">
      <form className="filters" onSubmit={submit}>
        <input
          name="email"
          type="email"
          className="input"
          placeholder="person@example.com"
          required
          maxLength={254}
          aria-label="Invite email"
        />
        <select name="role" className="select" defaultValue="viewer" aria-label="Invite role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Invite
        </button>
      </form>
      {create.isError && (
        <p className="form-error" role="alert">
          {describeError(create.error).message}
        </p>
      )}
      {sent && (
        <div className="banner" role="status">
          <span>
            Invitation emailed to {sent.email}.{sent.link ? ' Development only — the link, shown once:' : ''}
          </span>
          {sent.link && <code data-testid="invite-link">{sent.link}</code>}
          <button type="button" className="button button--small" onClick={() => setSent(null)}>
            Done
          </button>
        </div>
      )}
      {invitations.isPending ? (
        <Skeleton />
      ) : invitations.isError ? (
        <ErrorBox error={invitations.error} />
      ) : invitations.data.length === 0 ? (
        <Empty>No invitations yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>Sent</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invitations.data.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.email}
                  <div className="muted">by {i.invitedBy}</div>
                </td>
                <td>
                  <span className="badge badge--grey">{i.role}</span>
                </td>
                <td>
                  <span className={`badge ${statusBadge[i.status] ?? 'badge--grey'}`}>{i.status}</span>
                </td>
                <td>
                  <TimeStamp iso={i.createdAt} compact />
                </td>
                <td>
                  <TimeStamp iso={i.expiresAt} compact />
                </td>
                <td className="num">
                  {i.status === 'pending' && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setRevoking({ id: i.id, email: i.email })}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionDialog
        open={revoking !== null}
        title={`Revoke the invitation for ${revoking?.email ?? ''}`}
        description="The link stops working at once."
        confirmLabel="Revoke"
        danger
        onConfirm={async (reason) => {
          if (revoking) await revoke.mutateAsync({ invitationId: revoking.id, reason });
          await refresh();
        }}
        onClose={() => setRevoking(null)}
      />
    </Panel>
  );
}

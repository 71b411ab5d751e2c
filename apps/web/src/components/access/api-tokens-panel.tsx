'use client';

import { roleSchema, roles } from '@switchyard/engine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { formText } from '~/lib/form';

/** API tokens of the tenant: create (the token is shown once), list, revoke. */
export function ApiTokensPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.access.tokens.queryOptions());
  const create = useMutation(trpc.access.createToken.mutationOptions());
  const revoke = useMutation(trpc.access.revokeToken.mutationOptions());
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.access.tokens.queryKey() });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // mutate, not mutateAsync: a refusal shows under the form (create.error) instead of escaping as an uncaught rejection.
    create.mutate(
      { name: formText(form, 'name'), role: roleSchema.parse(formText(form, 'role')) },
      {
        onSuccess: (result) => {
          setCreated(result.token);
          void refresh();
        },
      },
    );
  };

  return (
    <Panel title="API tokens">
      <form className="filters" onSubmit={submit}>
        <input
          name="name"
          className="input"
          placeholder="token name, e.g. billing-service"
          required
          aria-label="Token name"
        />
        <select name="role" className="select" defaultValue="operator" aria-label="Token role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError && <p className="form-error">{describeError(create.error).message}</p>}
      {created && (
        <div className="banner" role="status">
          <span>Copy this token now: it is shown once.</span>
          <code data-testid="new-token">{created}</code>
          <button type="button" className="button button--small" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {tokens.isPending ? (
        <Skeleton />
      ) : tokens.isError ? (
        <ErrorBox error={tokens.error} />
      ) : tokens.data.length === 0 ? (
        <Empty>No tokens yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.name}
                  <div className="muted">by {t.createdBy}</div>
                </td>
                <td>
                  <span className="badge badge--grey">{t.role}</span>
                </td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>
                  <TimeStamp iso={t.createdAt} compact />
                </td>
                <td>
                  <TimeStamp iso={t.lastUsedAt} compact />
                </td>
                <td className="num">
                  {t.revokedAt ? (
                    <span className="badge badge--red">revoked</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setRevoking({ id: t.id, name: t.name })}
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
        title={`Revoke token ${revoking?.name ?? ''}`}
        description="Programs using it are refused from the next request on."
        confirmLabel="Revoke"
        danger
        onConfirm={async (reason) => {
          if (revoking) await revoke.mutateAsync({ tokenId: revoking.id, reason });
          await refresh();
        }}
        onClose={() => setRevoking(null)}
      />
    </Panel>
  );
}

'use client';

import { roleSchema, roles, type Role } from '@switchyard/engine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

/** The tenant's people and their roles; changing a role asks for a reason, like every operator action. New people join through invitations. */
export function MembersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.access.members.queryOptions());
  const setRole = useMutation(trpc.access.setMemberRole.mutationOptions());
  const remove = useMutation(trpc.access.removeMember.mutationOptions());
  const [change, setChange] = useState<{ email: string; role: Role } | null>(null);
  const [removing, setRemoving] = useState<{ userId: string; email: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.access.members.queryKey() });

  return (
    <Panel title="Members">
      {members.isPending ? (
        <Skeleton />
      ) : members.isError ? (
        <ErrorBox error={members.error} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Person</th>
              <th>Role</th>
              <th>Member since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  <div className="muted">{m.email}</div>
                </td>
                <td>
                  <select
                    className="select"
                    value={m.role}
                    aria-label={`Role of ${m.email}`}
                    onChange={(e) => setChange({ email: m.email, role: roleSchema.parse(e.target.value) })}
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <TimeStamp iso={m.since} compact />
                </td>
                <td className="num">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setRemoving({ userId: m.userId, email: m.email })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionDialog
        open={change !== null}
        title={`Make ${change?.email ?? ''} ${change?.role ?? ''}`}
        confirmLabel="Set role"
        onConfirm={async (reason) => {
          if (change) await setRole.mutateAsync({ ...change, reason });
          await refresh();
        }}
        onClose={() => setChange(null)}
      />
      <ActionDialog
        open={removing !== null}
        title={`Remove ${removing?.email ?? ''}`}
        description="They lose access to this tenant at once."
        confirmLabel="Remove"
        danger
        onConfirm={async (reason) => {
          if (removing) await remove.mutateAsync({ userId: removing.userId, reason });
          await refresh();
        }}
        onClose={() => setRemoving(null)}
      />
    </Panel>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { formText } from '~/lib/form';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

/** Tenant secrets, write-only: set or rotate a value, delete, list names. A value is never shown again. */
export function SecretsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const secrets = useQuery(trpc.secrets.list.queryOptions());
  const set = useMutation(trpc.secrets.set.mutationOptions());
  const remove = useMutation(trpc.secrets.delete.mutationOptions());
  const [saved, setSaved] = useState<{ name: string; created: boolean } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secrets.list.queryKey() });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const result = await set.mutateAsync({ name: formText(form, 'name').trim(), value: formText(form, 'value') });
    // The value leaves the page (the form and the mutation's remembered variables) as soon as it is stored.
    formElement.reset();
    set.reset();
    setSaved({ name: result.name, created: result.created });
    await refresh();
  };

  const rotate = (name: string) => {
    if (nameRef.current) nameRef.current.value = name;
    valueRef.current?.focus();
  };

  return (
    <Panel title="Secrets">
      <p className="muted">
        Values for task input as <code>{'{"$secret": "name"}'}</code>; the worker puts them in just before a task runs.
        Stored encrypted, never shown again: set a new value to rotate.
      </p>
      <form
        className="filters"
        onSubmit={(e) => {
          submit(e).catch(() => undefined);
        }}
        autoComplete="off"
      >
        <input
          ref={nameRef}
          name="name"
          className="input"
          placeholder="name, e.g. ledger_api_key"
          required
          aria-label="Secret name"
          pattern="[a-z][a-z0-9_]{0,63}"
          title="lower-case letters, digits and _, starting with a letter, at most 64 characters"
        />
        <input
          ref={valueRef}
          name="value"
          type="password"
          className="input"
          placeholder="value"
          required
          aria-label="Secret value"
          autoComplete="new-password"
        />
        <button type="submit" className="button button--primary" disabled={set.isPending}>
          Set secret
        </button>
      </form>
      {set.isError && <p className="form-error">{describeError(set.error).message}</p>}
      {saved && (
        <div className="banner" role="status">
          <span>
            Secret <code>{saved.name}</code> {saved.created ? 'stored' : 'rotated'}: tasks use the new value from their
            next attempt.
          </span>
          <button type="button" className="button button--small" onClick={() => setSaved(null)}>
            Done
          </button>
        </div>
      )}
      {secrets.isPending ? (
        <Skeleton />
      ) : secrets.isError ? (
        <ErrorBox error={secrets.error} />
      ) : secrets.data.length === 0 ? (
        <Empty>No secrets yet.</Empty>
      ) : (
        <table className="table" aria-label="Secrets">
          <thead>
            <tr>
              <th>Name</th>
              <th>Updated</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {secrets.data.map((s) => (
              <tr key={s.name}>
                <td>
                  <code>••• {s.name}</code>
                  {!s.sealedWithCurrentKey && <span className="badge badge--amber">previous key: set it again</span>}
                </td>
                <td>
                  <TimeStamp iso={s.updatedAt} compact />
                  <div className="muted">by {s.updatedBy}</div>
                </td>
                <td>
                  <TimeStamp iso={s.createdAt} compact />
                </td>
                <td className="num">
                  <button type="button" className="button button--small" onClick={() => rotate(s.name)}>
                    Rotate
                  </button>{' '}
                  <button type="button" className="button button--small" onClick={() => setDeleting(s.name)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionDialog
        open={deleting !== null}
        title={`Delete secret ${deleting ?? ''}`}
        description="Tasks that name it fail from their next attempt on, with an error naming it."
        confirmLabel="Delete"
        danger
        onConfirm={async (reason) => {
          if (deleting) await remove.mutateAsync({ name: deleting, reason });
          await refresh();
        }}
        onClose={() => setDeleting(null)}
      />
    </Panel>
  );
}

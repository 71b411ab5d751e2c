'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useTRPC } from '~/trpc/react';

/** The tenant's secrets by name (values never leave the server); a signing secret is picked here. */
export function SecretSelect({ name = 'secretName', label }: { name?: string; label: string }) {
  const trpc = useTRPC();
  const secrets = useQuery(trpc.secrets.list.queryOptions());
  return (
    <select name={name} className="select" aria-label={label} required defaultValue="">
      <option value="" disabled>
        {secrets.data?.length === 0 ? 'set a secret first (Settings)' : 'signing secret…'}
      </option>
      {secrets.data?.map((s) => (
        <option key={s.name} value={s.name}>
          {s.name}
        </option>
      ))}
    </select>
  );
}

/** The tenant's definition keys; `optional` adds "any definition". */
export function DefinitionSelect({ optional, label }: { optional?: boolean; label: string }) {
  const trpc = useTRPC();
  const definitions = useQuery(trpc.definitions.list.queryOptions());
  const keys = [...new Set(definitions.data?.map((d) => d.key) ?? [])].sort();
  return (
    <select name="definitionKey" className="select" aria-label={label} required={!optional} defaultValue="">
      <option value="" disabled={!optional}>
        {optional ? 'any definition' : 'definition…'}
      </option>
      {keys.map((key) => (
        <option key={key} value={key}>
          {key}
        </option>
      ))}
    </select>
  );
}

/** A form field's text, or undefined when left empty (optional settings are absent, not ""). */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "Delete" on a row, behind a confirmation that asks for a reason (audited). */
export function DeleteButton({
  title,
  description,
  onDelete,
}: {
  title: string;
  description: string;
  onDelete(reason: string): Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        Delete
      </button>
      <ActionDialog
        open={open}
        title={title}
        description={description}
        confirmLabel="Delete"
        danger
        onConfirm={onDelete}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** A labelled field of a settings form: the label above, the control below. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="settings-form__field">
      <span>{label}</span>
      {children}
    </label>
  );
}

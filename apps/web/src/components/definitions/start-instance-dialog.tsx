'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';

/** Starts an instance of a definition version with a JSON input, then opens it. */
export function StartInstanceDialog({
  definitionKey,
  version,
  open,
  onClose,
}: {
  definitionKey: string;
  version: number;
  open: boolean;
  onClose(): void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const [input, setInput] = useState('{}');
  const [businessKey, setBusinessKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const start = useMutation(trpc.instances.start.mutationOptions());

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      setError(null);
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(input || '{}');
    } catch (err) {
      return setError(`Input is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return setError('Input must be a JSON object, e.g. {"name": "Ada"}');
    try {
      const result = await start.mutateAsync({
        definitionKey,
        version,
        input: parsed as Record<string, unknown>,
        ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.instances.list.queryKey() });
      onClose();
      router.push(`/instances/${result.instanceId}`);
    } catch (err) {
      setError(describeError(err).message);
    }
  };

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-label="Start instance">
      <form onSubmit={submit}>
        <h3>
          Start <code>{definitionKey}</code> v{version}
        </h3>
        <label className="field-label" htmlFor="start-input">
          Input (JSON object, becomes the initial context)
        </label>
        <textarea
          id="start-input"
          className="textarea"
          rows={6}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          spellCheck={false}
        />
        <label className="field-label" htmlFor="start-business-key">
          Business key{' '}
          <span className="muted">(optional; starting twice with the same key returns the same instance)</span>
        </label>
        <input
          id="start-business-key"
          className="input"
          value={businessKey}
          onChange={(e) => setBusinessKey(e.target.value)}
          autoComplete="off"
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={start.isPending}>
            {start.isPending ? 'Starting…' : 'Start instance'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

'use client';

import { useEffect, useRef, useState } from 'react';

/** Asks for the version message, then publishes. */
export function PublishDialog({
  open,
  onClose,
  onPublish,
}: {
  open: boolean;
  onClose(): void;
  onPublish(message: string): Promise<string | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

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
    if (!message.trim()) return setError('A message is required: it is shown in the version list.');
    setPending(true);
    const problem = await onPublish(message.trim());
    setPending(false);
    if (problem) setError(problem);
    else {
      setMessage('');
      onClose();
    }
  };

  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-label="Publish version">
      <form onSubmit={submit}>
        <h3>Publish a new version</h3>
        <label className="field-label" htmlFor="publish-message">
          Message <span className="muted">(what changed and why)</span>
        </label>
        <input
          id="publish-message"
          className="input"
          autoFocus
          value={message}
          onChange={(e) => setMessage(e.target.value)}
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
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

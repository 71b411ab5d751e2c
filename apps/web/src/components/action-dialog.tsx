'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { describeError } from '~/lib/trpc-error';

export interface ActionDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Extra fields above the reason; return a message from `validate` to block confirming. */
  children?: ReactNode;
  validate?: () => string | null;
  onConfirm(reason: string): Promise<unknown>;
  onClose(): void;
}

/** A modal confirmation that requires a reason. Esc closes it, Enter confirms. */
export function ActionDialog({
  open,
  title,
  description,
  confirmLabel,
  danger,
  children,
  validate,
  onConfirm,
  onClose,
}: ActionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Rendered into <body>, so a dialog opened from a table cell does not inherit its alignment or nowrap.
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => setHost(document.body), []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !host) return;
    if (open && !dialog.open) {
      setReason('');
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, host]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError('A reason is required: it is recorded in the timeline.');
    const problem = validate?.() ?? null;
    if (problem) return setError(problem);
    setPending(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      const { message, details } = describeError(e);
      setError(details.length ? `${message} (${details.map((d) => `${d.path}: ${d.message}`).join('; ')})` : message);
    } finally {
      setPending(false);
    }
  };

  if (!host) return null;
  return createPortal(
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby={`${reasonId}-title`}>
      <form onSubmit={submit} noValidate>
        <h3 id={`${reasonId}-title`}>{title}</h3>
        {description && <div className="dialog__description">{description}</div>}
        {children}
        <label htmlFor={reasonId} className="field-label">
          Reason <span className="muted">(required, recorded with your name)</span>
        </label>
        <input
          id={reasonId}
          name="reason"
          className="input"
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Why are you doing this?"
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
          <button
            type="submit"
            className={danger ? 'button button--danger' : 'button button--primary'}
            disabled={pending || !reason.trim()}
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>,
    host,
  );
}

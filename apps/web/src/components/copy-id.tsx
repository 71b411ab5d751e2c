'use client';

import { useState } from 'react';

/** A monospace id (shortened unless `full`) with a copy button. */
export function CopyId({ id, full = false, iconOnly = false }: { id: string; full?: boolean; iconOnly?: boolean }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(id).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1_200);
    });
  };
  return (
    <span className="copy-id">
      {!iconOnly && <code title={id}>{full ? id : id.slice(0, 8)}</code>}
      <button type="button" className="icon-button" onClick={copy} aria-label={`Copy ${id}`} title="Copy id">
        {copied ? '✓' : 'copy'}
      </button>
    </span>
  );
}

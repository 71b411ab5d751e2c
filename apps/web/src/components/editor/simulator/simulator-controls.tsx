'use client';

import type { JsonValue } from '@switchyard/engine/core';
import { useState } from 'react';

/** Event buttons for what the current state accepts, plus any event name with a JSON payload. */
export function SimulatorControls({
  accepted,
  disabled,
  onSend,
}: {
  accepted: string[];
  disabled: boolean;
  onSend(event: string, payload?: JsonValue): void;
}) {
  const [event, setEvent] = useState('');
  const [payload, setPayload] = useState('');
  const [error, setError] = useState<string | null>(null);

  const send = (name: string) => {
    let parsed: JsonValue | undefined;
    if (payload.trim()) {
      try {
        parsed = JSON.parse(payload) as JsonValue;
      } catch (e) {
        return setError(`Payload is not valid JSON: ${(e as Error).message}`);
      }
    }
    setError(null);
    onSend(name, parsed);
  };

  return (
    <div className="sim-controls">
      <div className="field-label">Events this state accepts</div>
      <div className="sim-events" data-testid="sim-events">
        {accepted.length === 0 ? (
          <span className="muted">none — the state is final or has no transitions</span>
        ) : (
          accepted.map((e) => (
            <button
              key={e}
              type="button"
              className="button button--small"
              disabled={disabled}
              onClick={() => send(e)}
              data-event={e}
            >
              {e}
            </button>
          ))
        )}
      </div>
      <label className="field-label" htmlFor="sim-payload">
        Payload for the next event (JSON, optional)
      </label>
      <textarea
        id="sim-payload"
        className="textarea"
        rows={3}
        value={payload}
        onChange={(e) => setPayload(e.target.value)}
        spellCheck={false}
        placeholder='{"approved": true}'
      />
      <form
        className="inspector__buttons"
        onSubmit={(e) => {
          e.preventDefault();
          if (event.trim()) send(event.trim());
        }}
      >
        <input
          className="input mono"
          placeholder="ANY_EVENT"
          aria-label="Event name"
          value={event}
          onChange={(e) => setEvent(e.target.value)}
        />
        <button type="submit" className="button button--small" disabled={disabled || !event.trim()}>
          Send
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

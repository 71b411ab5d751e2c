'use client';

import { parseJsonText } from '@switchyard/engine/spec';
import { useEffect, useState } from 'react';
import { specToGraph, type EditorGraph } from '~/lib/editor/graph-model';

/** The spec as editable JSON beside the graph. Unparseable or undrawable text shows why and leaves the graph alone. */
export function SpecJsonPane({ spec, onGraph }: { spec: Record<string, unknown>; onGraph(graph: EditorGraph): void }) {
  const pretty = JSON.stringify(spec, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);

  // While the user types, their text is the truth; otherwise follow the graph.
  useEffect(() => {
    if (!focused) {
      setText(pretty);
      setError(null);
    }
  }, [pretty, focused]);

  const edit = (next: string) => {
    setText(next);
    // The engine's strict parser: a duplicate key is refused (JSON.parse would keep the last one silently).
    const result = parseJsonText(next);
    if (!result.ok)
      return setError(
        result.problem.code === 'INVALID_JSON' ? `JSON parse error: ${result.problem.message}` : result.problem.message,
      );
    const parsed = result.value;
    const graph = specToGraph(parsed);
    if (!graph)
      return setError(
        'Cannot draw this: the spec needs a "states" object whose states, "on" maps and transitions are objects.',
      );
    setError(null);
    if (JSON.stringify(parsed) !== JSON.stringify(spec)) onGraph(graph);
  };

  return (
    <div className="spec-json-pane">
      <textarea
        className={`textarea spec-json-pane__text${error ? ' textarea--invalid' : ''}`}
        value={text}
        spellCheck={false}
        aria-label="Spec JSON"
        data-testid="spec-json"
        onChange={(e) => edit(e.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      {error && (
        <p className="form-error" role="alert" data-testid="json-error">
          {error}
        </p>
      )}
    </div>
  );
}

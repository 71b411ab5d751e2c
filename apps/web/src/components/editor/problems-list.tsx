'use client';

import type { SpecProblem } from '@switchyard/engine/spec';

/** Validation problems from the engine's validateSpec; clicking one selects what it is about. */
export function ProblemsList({ problems, onPick }: { problems: SpecProblem[]; onPick(problem: SpecProblem): void }) {
  if (problems.length === 0)
    return (
      <p className="problems problems--ok" data-testid="problems-ok">
        ✓ The spec is valid.
      </p>
    );
  return (
    <ul className="problems" data-testid="problems">
      {problems.map((p) => (
        <li key={`${p.path}|${p.code}`}>
          <button type="button" className="problems__item" onClick={() => onPick(p)} data-path={p.path}>
            <code className="problems__path">{p.path}</code>
            <span>{p.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

// Which context paths a spec reads (guards, references, templates): what an operator's context edit must keep.
import { isPlainObject, isReference, isTemplate, templatePaths } from './references';
import type { WorkflowSpec } from './types';

function collect(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (!isPlainObject(value)) return;
  if (isReference(value) && typeof value.$ref === 'string') into.add(value.$ref);
  if (isTemplate(value) && typeof value.$template === 'string')
    for (const path of templatePaths(value.$template)) into.add(path);
  // A guard's `exists` names its path directly.
  if (typeof value['exists'] === 'string') into.add(value['exists']);
  for (const inner of Object.values(value)) collect(inner, into);
}

/** The `context.…` paths the spec's guards, references and templates read, without the `context.` root, sorted. */
export function contextPathsRead(spec: WorkflowSpec): string[] {
  const paths = new Set<string>();
  collect({ guards: spec.guards ?? {}, states: spec.states }, paths);
  return [...paths]
    .filter((p) => p.startsWith('context.'))
    .map((p) => p.slice('context.'.length))
    .sort();
}

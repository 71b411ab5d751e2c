// Finds malformed references and templates anywhere inside a spec value.
import type { PathSegment } from './json-path';
import type { Report } from './problem-sink';
import { isPlainObject, isReference, isTemplate, parseReferencePath, templatePaths } from './references';

/** Reports every malformed `$ref` / `$template` inside `value`, at any depth. */
export function checkReferences(value: unknown, at: readonly PathSegment[], report: Report): void {
  if (isReference(value)) {
    const extra = Object.keys(value).filter((k) => k !== '$ref' && k !== 'default');
    for (const key of extra)
      report(
        [...at, key],
        'INVALID_REFERENCE',
        `unknown key "${key}" in reference; expected only "$ref" and optional "default"`,
      );
    if (isTemplate(value)) report(at, 'INVALID_REFERENCE', 'a value cannot be both a $ref and a $template; keep one');
    if (typeof value.$ref !== 'string') {
      report([...at, '$ref'], 'INVALID_REFERENCE', `"$ref" must be a string path such as "context.customer.email"`);
      return;
    }
    const parsed = parseReferencePath(value.$ref);
    if (!parsed.ok) report([...at, '$ref'], 'INVALID_REFERENCE', `reference ${parsed.reason}`);
    return;
  }
  if (isTemplate(value)) {
    const extra = Object.keys(value).filter((k) => k !== '$template');
    for (const key of extra)
      report([...at, key], 'INVALID_REFERENCE', `unknown key "${key}" in template; expected only "$template"`);
    if (typeof value.$template !== 'string') {
      report(
        [...at, '$template'],
        'INVALID_REFERENCE',
        `"$template" must be a string such as "Hello {{context.name}}"`,
      );
      return;
    }
    for (const path of templatePaths(value.$template)) {
      const parsed = parseReferencePath(path);
      if (!parsed.ok)
        report([...at, '$template'], 'INVALID_REFERENCE', `template placeholder {{${path}}}: ${parsed.reason}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => checkReferences(item, [...at, i], report));
  else if (isPlainObject(value))
    for (const [key, item] of Object.entries(value)) checkReferences(item, [...at, key], report);
}

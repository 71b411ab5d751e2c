// Parsing JSON text a person wrote (a spec file, a --input argument, the console's JSON pane) more strictly than
// JSON.parse: a duplicate key is refused instead of the last one silently winning, nesting is bounded before any
// recursive code sees the value (JSON.parse copes with 5,000 levels; the checks after it would overflow the
// stack), and a UTF-8 byte order mark is dropped. Duplicate keys are found with Microsoft's jsonc-parser
// visitor (the scanner VS Code uses), run in strict JSON mode.
import { visit } from 'jsonc-parser';
import { formatPath } from './json-path';

/** How deep objects and arrays may nest in JSON text we accept; real specs stay well under 20. */
export const MAX_JSON_DEPTH = 64;

export interface JsonTextProblem {
  /** Where: a JSON path for a duplicate key, `$` otherwise. */
  path: string;
  code: 'INVALID_JSON' | 'DUPLICATE_KEY' | 'TOO_DEEP';
  message: string;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; problem: JsonTextProblem };

/** Finds the first point where nesting passes `maxDepth`, scanning linearly (never recursing). */
function tooDeepAt(text: string, maxDepth: number): { line: number } | null {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return { line };
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return null;
}

function firstDuplicateKey(text: string): JsonTextProblem | null {
  const open: Set<string>[] = [];
  let found: JsonTextProblem | null = null;
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push(new Set());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (property, _offset, _length, startLine, _startCharacter, pathSupplier) => {
        const keys = open.at(-1);
        if (found || !keys) return;
        if (keys.has(property)) {
          const path = formatPath([...pathSupplier(), property]);
          found = {
            path,
            code: 'DUPLICATE_KEY',
            message: `duplicate key ${JSON.stringify(property)} at ${path} (line ${startLine + 1}); each key may appear once in an object`,
          };
        }
        keys.add(property);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return found;
}

/** Parses JSON text, refusing duplicate keys and nesting deeper than `maxDepth`; a leading BOM is ignored. */
export function parseJsonText(raw: string, options: { maxDepth?: number } = {}): JsonTextResult {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const deep = tooDeepAt(text, maxDepth);
  if (deep)
    return {
      ok: false,
      problem: {
        path: '$',
        code: 'TOO_DEEP',
        message: `nesting deeper than ${maxDepth} levels (line ${deep.line}); objects and arrays may nest at most ${maxDepth} deep`,
      },
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: { path: '$', code: 'INVALID_JSON', message: `not valid JSON: ${(error as Error).message}` },
    };
  }
  const duplicate = firstDuplicateKey(text);
  return duplicate ? { ok: false, problem: duplicate } : { ok: true, value };
}

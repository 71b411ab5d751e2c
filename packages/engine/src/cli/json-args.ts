// JSON arguments: inline (`--input '{"a":1}'`), from a file (`--input @order.json`, `publish spec.json`) or from
// stdin (`-`), so large inputs never meet the operating system's argument size limit (spawn E2BIG).
import { readFile } from 'node:fs/promises';
import { EngineError } from '../errors';
import { parseJsonText } from '../spec/json-text';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readSource(label: string, file: string): Promise<string> {
  if (file === '-') return readStdin();
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('BAD_INPUT', `${label}: cannot read ${file} (${error.code ?? error.message})`);
  });
}

/** Parses JSON text, naming where it came from in any error (duplicate keys and deep nesting are refused). */
export function parseJsonFrom(label: string, text: string): unknown {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { problem } = parsed;
    const message = problem.code === 'INVALID_JSON' ? `${label} is ${problem.message}` : `${label}: ${problem.message}`;
    throw new EngineError('BAD_INPUT', message, [{ path: problem.path, message: problem.message, code: problem.code }]);
  }
  return parsed.value;
}

/** A JSON option: inline JSON, `@file` or `-` (stdin). Undefined when the option was not given. */
export async function jsonOption(flag: string, value: string | undefined): Promise<unknown> {
  if (value === undefined) return undefined;
  const label = `--${flag}`;
  if (value === '-') return parseJsonFrom(`${label} (stdin)`, await readStdin());
  if (value.startsWith('@')) return parseJsonFrom(`${label} ${value}`, await readSource(label, value.slice(1)));
  return parseJsonFrom(label, value);
}

/** A JSON file argument (`publish <spec.json>`), or `-` for stdin. */
export async function jsonFile(file: string): Promise<unknown> {
  const label = file === '-' ? 'stdin' : file;
  return parseJsonFrom(label, await readSource(label, file));
}

/** Flags of the form `--name value`, `--name=value` or a bare `--flag` (true). */
export type Flags = Map<string, string | true>;

/** Parses argv into flags; positional words are rejected so a typo does not silently run the defaults. */
export function parseFlags(argv: string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('--')) throw new Error(`unexpected argument "${word}"; flags look like --name value`);
    const eq = word.indexOf('=');
    if (eq > 0) {
      flags.set(word.slice(2, eq), word.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(word.slice(2), next);
      i++;
    } else {
      flags.set(word.slice(2), true);
    }
  }
  return flags;
}

/** Reads a positive integer flag, or the default; a bad value names the flag. */
export function intFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} expects a positive integer, got "${String(raw)}"`);
  return value;
}

/** Reads a string flag, or undefined. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const raw = flags.get(name);
  if (raw === true) throw new Error(`--${name} expects a value`);
  return raw;
}

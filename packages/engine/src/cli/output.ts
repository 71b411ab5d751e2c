// Writing the CLI's answers so that a pipe gets all of them: process.exit() drops whatever stdout has not
// flushed yet (a pipe holds 64 KiB), so every write is awaited before the process may exit.

/** Writes text and a newline to stdout and resolves once Node has handed it to the operating system. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve())),
  );
}

/** Writes one line to stderr, awaited like stdout. */
export function writeErr(text: string): Promise<void> {
  return new Promise((resolve) => process.stderr.write(`${text}\n`, () => resolve()));
}

/** Escapes control characters (a newline in an event name, say) so that one message stays one line. */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

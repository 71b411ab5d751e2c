// Progress goes to stderr so stdout stays a clean table that can be piped or pasted.
const WIDTH = 28;
let lastLine = '';

/** Draws (or redraws) a progress bar for the current phase. */
export function progress(label: string, done: number, total: number): void {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const line = `${label.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`;
  if (line === lastLine) return;
  lastLine = line;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
}

/** Ends the current bar with a summary line, so the phase stays visible in the scrollback and in CI logs. */
export function progressDone(label: string, summary: string): void {
  lastLine = '';
  process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${label.padEnd(34)} ${summary}\n`);
}

/** Prints one note on its own line without breaking a bar. */
export function note(message: string): void {
  process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${message}\n`);
  lastLine = '';
}

// `switchyard send --stdin`: many events from one process, one JSON object per line, so a script that sends 200
// events starts one process instead of 200. Lines are sent in order, one at a time (events to one instance keep
// the order they were written in); a bad or refused line is reported and the rest still go.
import { createInterface } from 'node:readline';
import type { TenantContext } from '../contracts/actor';
import { sendEventInput } from '../contracts/operator-actions';
import { EngineError, isEngineError, type EngineErrorCode } from '../errors';
import { formatSize, type InputLimits } from '../limits/input-limits';
import type { Engine } from '../runtime/engine';
import { parseInput } from '../service/parse-input';
import { EXIT, exitCodeFor } from './exit-codes';
import { parseJsonFrom } from './json-args';
import { oneLine, writeErr, writeOut } from './output';

/** One line of input: the service's sendEvent input (the HTTP API's SendEvent body plus the instance). */
const eventLine = sendEventInput.omit({ batchId: true }).strict();

/** Room for the JSON around a payload at its limit. */
const LINE_OVERHEAD_BYTES = 64 * 1024;

type Outcome =
  | { line: number; instanceId: string; type: string; messageId: string }
  | { line: number; error: { code: EngineErrorCode; message: string } };

async function sendLine(
  engine: Engine,
  ctx: TenantContext,
  n: number,
  text: string,
  options: { reason?: string; maxLineBytes: number },
): Promise<Outcome> {
  try {
    const bytes = Buffer.byteLength(text);
    if (bytes > options.maxLineBytes)
      throw new EngineError(
        'BAD_INPUT',
        `line ${n} is ${formatSize(bytes)}; a line holds one event and may be at most ${formatSize(options.maxLineBytes)} (the payload limit, LIMIT_EVENT_PAYLOAD_BYTES, plus room for the fields)`,
      );
    const event = parseInput(eventLine, parseJsonFrom(`line ${n}`, text));
    const { messageId } = await engine.service.sendEvent(ctx, { reason: options.reason, ...event });
    return { line: n, instanceId: event.instanceId, type: event.type, messageId };
  } catch (error) {
    if (!isEngineError(error)) throw error;
    return { line: n, error: { code: error.code, message: error.message } };
  }
}

/** Reads events from stdin until it ends; exit 0 when every line was queued, else the first failure's code. */
export async function sendFromStdin(
  engine: Engine,
  ctx: TenantContext,
  options: { json: boolean; reason?: string; limits: InputLimits },
): Promise<number> {
  const maxLineBytes = options.limits.eventPayloadBytes + LINE_OVERHEAD_BYTES;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  let sent = 0;
  const failed: number[] = [];
  let exit: number = EXIT.ok;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    const outcome = await sendLine(engine, ctx, n, text, { reason: options.reason, maxLineBytes });
    if ('error' in outcome) {
      failed.push(n);
      if (exit === EXIT.ok) exit = exitCodeFor(outcome.error.code);
      if (options.json) await writeOut(JSON.stringify(outcome));
      else await writeErr(oneLine(`error: line ${n}: ${outcome.error.message.replace(/^line \d+:? /, '')}`));
      continue;
    }
    sent += 1;
    await writeOut(
      options.json
        ? JSON.stringify(outcome)
        : oneLine(`queued ${outcome.type} for ${outcome.instanceId} (message ${outcome.messageId})`),
    );
  }
  const refused = failed.length
    ? `; ${failed.length} refused (line${failed.length > 1 ? 's' : ''} ${failed.slice(0, 20).join(', ')}${failed.length > 20 ? ', …' : ''})`
    : '';
  await writeErr(`sent ${sent} event${sent === 1 ? '' : 's'}${refused}`);
  return exit;
}

// Rebuilds what an instance looked like at a given timeline entry, from the timeline alone.
import { text } from './format';

export interface ReplayEntry {
  seq: number;
  type: string;
  stateValue: string | null;
  payload?: unknown;
}

export interface ReplayResult {
  stateValue: string;
  context: unknown;
  visited: Set<string>;
  /** Edge id → the order numbers (1-based) of the transitions that took it. */
  takenEdges: Map<string, number[]>;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Replays entries up to `atSeq` (all when null). Edge ids follow describeSpecGraph: `source:event:alternative`. */
export function replayTimeline(entries: ReplayEntry[], initialState: string, atSeq: number | null): ReplayResult {
  const visited = new Set<string>([initialState]);
  const takenEdges = new Map<string, number[]>();
  let stateValue = initialState;
  let context: unknown = {};
  let order = 0;
  for (const entry of entries) {
    if (atSeq !== null && entry.seq > atSeq) break;
    const payload = asRecord(entry.payload);
    if (entry.stateValue) stateValue = entry.stateValue;
    if ((entry.type === 'context.changed' || entry.type === 'instance.started') && 'context' in payload)
      context = payload.context;
    if (entry.type === 'transition') {
      const from = text(payload.from);
      const to = text(payload.to);
      const id = `${from}:${text(payload.event)}:${Number(payload.alternative ?? 0)}`;
      order += 1;
      takenEdges.set(id, [...(takenEdges.get(id) ?? []), order]);
      visited.add(from);
      visited.add(to);
      stateValue = to;
    }
  }
  return { stateValue, context, visited, takenEdges };
}

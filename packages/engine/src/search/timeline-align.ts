// Lines two instances' timelines up by transition, for the compare page. Each timeline is cut into steps — what
// happened before the first transition, then each transition with the entries after it — and the steps are
// matched by a longest common subsequence of "from → to on EVENT", so one extra loop in one run does not shift
// every later step out of line.

export interface AlignableEntry {
  seq: number;
  type: string;
  payload?: unknown;
}

export interface TimelineStep<T extends AlignableEntry> {
  /** "start" or "from → to on EVENT". */
  key: string;
  entries: T[];
}

export interface AlignedRow<T extends AlignableEntry> {
  key: string;
  a: TimelineStep<T> | null;
  b: TimelineStep<T> | null;
}

function field(payload: unknown, name: string): string {
  const value =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Cuts a timeline (in sequence order) into steps at each transition. */
export function stepsOf<T extends AlignableEntry>(entries: T[]): TimelineStep<T>[] {
  const steps: TimelineStep<T>[] = [{ key: 'start', entries: [] }];
  for (const entry of entries) {
    if (entry.type === 'transition')
      steps.push({
        key: `${field(entry.payload, 'from')} → ${field(entry.payload, 'to')} on ${field(entry.payload, 'event')}`,
        entries: [entry],
      });
    else steps.at(-1)!.entries.push(entry);
  }
  return steps;
}

/** Pairs the steps of two timelines; a step only one run took has null on the other side. */
export function alignTimelines<T extends AlignableEntry>(a: T[], b: T[], maxSteps = 2_000): AlignedRow<T>[] {
  const sa = stepsOf(a).slice(0, maxSteps);
  const sb = stepsOf(b).slice(0, maxSteps);
  // lcs[i][j]: length of the longest common key subsequence of sa[i:] and sb[j:].
  const lcs = Array.from({ length: sa.length + 1 }, () => new Uint16Array(sb.length + 1));
  for (let i = sa.length - 1; i >= 0; i--) {
    for (let j = sb.length - 1; j >= 0; j--) {
      lcs[i]![j] = sa[i]!.key === sb[j]!.key ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: AlignedRow<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < sa.length || j < sb.length) {
    if (i < sa.length && j < sb.length && sa[i]!.key === sb[j]!.key) {
      rows.push({ key: sa[i]!.key, a: sa[i]!, b: sb[j]! });
      i++;
      j++;
    } else if (j >= sb.length || (i < sa.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      rows.push({ key: sa[i]!.key, a: sa[i]!, b: null });
      i++;
    } else {
      rows.push({ key: sb[j]!.key, a: null, b: sb[j]! });
      j++;
    }
  }
  return rows;
}

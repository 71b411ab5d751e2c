/** What a drill reports: the load it held, the faults, how long recovery took and the invariants it checked. */
export interface DrillResult {
  name: string;
  load: string;
  faults: string;
  recoverySeconds: number;
  lost: number;
  duplicates: number;
  /** Every invariant checked, with its outcome; any failed one fails the drill. */
  checks: { what: string; ok: boolean; detail?: string }[];
}

/** A drill passes when nothing was lost, nothing applied twice and every check held. */
export function passed(result: DrillResult): boolean {
  return result.lost === 0 && result.duplicates === 0 && result.checks.every((c) => c.ok);
}

/** A drill: `quick` ones run in CI; the others only with --all or --only. */
export interface Drill {
  name: string;
  quick: boolean;
  summary: string;
  run(options: { instances: number }): Promise<DrillResult>;
}

// CPU time of the processes a measurement involves, read from /proc, so a cost figure does not depend on how fast
// (or how busy) the machine is: milliseconds of CPU per unit of work, summed over every process doing that work.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of the utime/stime fields (100 on Linux almost everywhere; asked once). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU milliseconds a live process has used: its own user + system time plus that of the children it has waited
 * for (cutime + cstime: a Redis fork for a snapshot). Undefined when the process is gone.
 */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may hold spaces: the numeric fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of stat (utime stime cutime cstime) are 12–15 here (after pid, comm were cut off).
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** A named set of processes whose CPU time is summed: e.g. the workers, the Postgres backends, Redis. */
export interface CpuGroup {
  name: string;
  /** The processes to count now; asked at the start and at the end of a window (backends come and go). */
  pids(): Promise<number[]> | number[];
}

type Snapshot = Map<string, Map<number, number>>;

async function snapshot(groups: CpuGroup[]): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const group of groups) {
    const times = new Map<number, number>();
    for (const pid of await group.pids()) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) times.set(pid, ms);
    }
    result.set(group.name, times);
  }
  return result;
}

/** CPU milliseconds per group over a window, and the wall time it lasted. */
export interface CpuWindow {
  wallMs: number;
  /** Per group: CPU ms used inside the window (a process that started inside it counts in full). */
  ms: Record<string, number>;
}

/**
 * Starts measuring: the returned function ends the window. A process alive at both ends counts its difference, one
 * that started inside the window counts in full, one that ended inside it is lost (connection pools keep their
 * backends, so little is). `self` names this process's own CPU (the bench's sender), counted apart.
 */
export async function startCpuWindow(groups: CpuGroup[], self = 'sender'): Promise<() => Promise<CpuWindow>> {
  const started = performance.now();
  const before = await snapshot(groups);
  const selfBefore = process.cpuUsage();
  return async () => {
    const selfUsed = process.cpuUsage(selfBefore);
    const after = await snapshot(groups);
    const ms: Record<string, number> = {};
    for (const group of groups) {
      const was = before.get(group.name)!;
      let sum = 0;
      for (const [pid, now] of after.get(group.name)!) sum += now - (was.get(pid) ?? 0);
      ms[group.name] = sum;
    }
    ms[self] = (selfUsed.user + selfUsed.system) / 1000;
    return { wallMs: performance.now() - started, ms };
  };
}

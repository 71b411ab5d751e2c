// A collector for problems found while walking raw (unvalidated) spec input.
import { formatPath, type PathSegment } from './json-path';
import type { SpecProblem } from './types';

export type Report = (segments: readonly PathSegment[], code: string, message: string) => void;

/** Creates a problem list and the `report` function that appends to it (errors unless told otherwise). */
export function problemSink(severity: 'error' | 'warning' = 'error'): { problems: SpecProblem[]; report: Report } {
  const problems: SpecProblem[] = [];
  return {
    problems,
    report: (segments, code, message) =>
      problems.push({ path: formatPath(segments), code, message, ...(severity === 'warning' ? { severity } : {}) }),
  };
}

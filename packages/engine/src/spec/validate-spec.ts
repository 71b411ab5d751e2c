// validateSpec: every problem in a spec at once, shape and meaning, each with its JSON path.
import { EngineError } from '../errors';
import { checkAiPolicies } from './ai-policy-checks';
import { checkSpecLimits } from './limit-checks';
import { problemSink } from './problem-sink';
import { workflowSpecSchema } from './schema';
import { checkSecretPlacement } from './secret-checks';
import { checkGraphShape } from './graph-warnings';
import { checkSemantics } from './semantic-checks';
import { BUILTIN_TASK_TYPES } from '../contracts/events';
import type { SpecProblem, ValidateSpecOptions, ValidateSpecResult, WorkflowSpec } from './types';
import { problemsFromZod } from './zod-issues';

/** Validates unknown input as a workflow spec, returning the typed spec or every problem found. */
export function validateSpec(input: unknown, options: ValidateSpecOptions = {}): ValidateSpecResult {
  // Over a size limit, nothing else is looked at: the refusal must cost less than the spec.
  const oversized = checkSpecLimits(input, options.limits);
  if (oversized.length > 0) return { ok: false, problems: oversized };
  const parsed = workflowSpecSchema.safeParse(input);
  const { problems, report } = problemSink();
  checkSemantics(input, report, { taskTypes: options.taskTypes ?? BUILTIN_TASK_TYPES, taskInputs: options.taskInputs });
  checkAiPolicies(input, report);
  checkSecretPlacement(input, report);
  const all = dedupe([...(parsed.success ? [] : problemsFromZod(parsed.error.issues, input)), ...problems]);
  if (all.length > 0 || !parsed.success) return { ok: false, problems: all };
  const warnings = problemSink('warning');
  checkGraphShape(parsed.data, warnings.report);
  return { ok: true, spec: parsed.data, warnings: warnings.problems };
}

/** Validates a spec and throws EngineError('SPEC_INVALID') listing every problem when it is invalid. */
export function assertValidSpec(input: unknown, options: ValidateSpecOptions = {}): WorkflowSpec {
  const result = validateSpec(input, options);
  if (result.ok) return result.spec;
  const summary = result.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new EngineError(
    'SPEC_INVALID',
    `workflow spec is invalid (${result.problems.length} problem(s)): ${summary}`,
    result.problems,
  );
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

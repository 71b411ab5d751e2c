import type { InstanceDetail, TimelineItem } from '../service';

function short(value: unknown, max = 120): string {
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Summarises one timeline entry in a line a person reads at a glance. */
export function describeEntry(entry: TimelineItem): string {
  const p = (entry.payload ?? {}) as Record<string, unknown>;
  switch (entry.type) {
    case 'event.received': return `received ${String(p.event)}${p.reason ? ` (reason: ${String(p.reason)})` : ''}`;
    case 'event.ignored': return `ignored ${String(p.event)}: ${String(p.reason)}`;
    case 'transition': return `${String(p.from)} → ${String(p.to)} on ${String(p.event)}${p.guard ? ` [${String(p.guard)}]` : ''}`;
    case 'context.changed': return `context ${(p.changes as { path: string }[]).map((c) => c.path).join(', ')}`;
    case 'task.created': return `task ${String(p.name)} (${String(p.type)}) created${p.runAt ? ` to run at ${String(p.runAt)}` : ''}`;
    case 'task.started': return `task ${String(p.name)} attempt ${String(p.attempt)}/${String(p.maxAttempts)} started`;
    case 'task.succeeded': return `task ${String(p.name)} succeeded: ${short(p.output, 80)}`;
    case 'task.attempt_failed': return `task ${String(p.name)} attempt ${String(p.attempt)} failed: ${String(p.error)}; next at ${String(p.nextRunAt)}`;
    case 'task.failed': return `task ${String(p.name)} failed after ${String(p.attempt)} attempts: ${String(p.error)}`;
    default: return short(p);
  }
}

/** The human view of `switchyard show`. */
export function formatInstance(instance: InstanceDetail, timeline: TimelineItem[]): string {
  const lines = [
    `instance  ${instance.id}`,
    `workflow  ${instance.definitionKey} v${instance.definitionVersion}`,
    `status    ${instance.status}`,
    `state     ${instance.stateValue}`,
    `accepts   ${instance.acceptedEvents.join(', ') || '(nothing)'}`,
    `context   ${JSON.stringify(instance.context)}`,
    '',
    `tasks (${instance.tasks.length})`,
    ...instance.tasks.map((t) => `  ${t.id}  ${t.name.padEnd(20)} ${t.type.padEnd(8)} ${t.status.padEnd(10)} attempts ${t.attempts}/${t.maxAttempts}${t.lastError ? `  last error: ${t.lastError}` : ''}`),
    '',
    `timeline (${timeline.length})`,
    ...timeline.map((e) => `  ${String(e.seq).padStart(3)}  ${e.createdAt.toISOString()}  ${e.type.padEnd(22)} ${`${e.actorType}:${e.actorId}`.padEnd(24)} ${describeEntry(e)}`),
  ];
  return lines.join('\n');
}

import type { InstanceDetail, TimelineItem, TimelinePage } from '../service';

function short(value: unknown, max = 120): string {
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Summarises one timeline entry in a line a person reads at a glance. */
export function describeEntry(entry: TimelineItem): string {
  const p = (entry.payload ?? {}) as Record<string, unknown>;
  switch (entry.type) {
    case 'event.received':
      return `received ${text(p.event)}${p.reason ? ` (reason: ${text(p.reason)})` : ''}`;
    case 'event.ignored':
      return `ignored ${text(p.event)}: ${text(p.reason)}`;
    case 'transition':
      return `${text(p.from)} → ${text(p.to)} on ${text(p.event)}${p.guard ? ` [${text(p.guard)}]` : ''}`;
    case 'context.changed':
      return `context ${(p.changes as { path: string }[]).map((c) => c.path).join(', ')}`;
    case 'task.created':
      return `task ${text(p.name)} (${text(p.type)}) created${p.runAt ? ` to run at ${text(p.runAt)}` : ''}`;
    case 'task.started':
      return `task ${text(p.name)} attempt ${text(p.attempt)}/${text(p.maxAttempts)} started`;
    case 'task.succeeded':
      return `task ${text(p.name)} succeeded: ${short(p.output, 80)}`;
    case 'task.attempt_failed':
      return `task ${text(p.name)} attempt ${text(p.attempt)} failed: ${text(p.error)}; next at ${text(p.nextRunAt)}`;
    case 'task.failed':
      return `task ${text(p.name)} failed after ${text(p.attempt)} attempts: ${text(p.error)}`;
    default:
      return short(p);
  }
}

/** The human view of `switchyard show`. */
export function formatInstance(instance: InstanceDetail, timeline: TimelineItem[], page?: TimelinePage): string {
  const lines = [
    `instance  ${instance.id}`,
    `workflow  ${instance.definitionKey} v${instance.definitionVersion}`,
    `status    ${instance.status}`,
    `state     ${instance.stateValue}`,
    `accepts   ${instance.acceptedEvents.join(', ') || '(nothing)'}`,
    `context   ${JSON.stringify(instance.context)}`,
    '',
    `tasks (${instance.tasks.length})`,
    ...instance.tasks.map(
      (t) =>
        `  ${t.id}  ${t.name.padEnd(20)} ${t.type.padEnd(8)} ${t.status.padEnd(10)} attempts ${t.attempts}/${t.maxAttempts}${t.lastError ? `  last error: ${t.lastError}` : ''}`,
    ),
    '',
    `timeline (${timeline.length})`,
    ...timeline.map(
      (e) =>
        `  ${String(e.seq).padStart(3)}  ${e.createdAt.toISOString()}  ${e.type.padEnd(22)} ${`${e.actorType}:${e.actorId}`.padEnd(24)} ${describeEntry(e)}`,
    ),
    ...(page ? ['', describePage(page, timeline.length)] : []),
  ];
  return lines.join('\n');
}

/** One line saying which entries were shown and how to get the rest. */
export function describePage(page: TimelinePage, shown: number): string {
  if (shown === 0) return `timeline: no entries after seq ${page.afterSeq} (last seq ${page.lastSeq})`;
  const range = `entries ${page.afterSeq + 1}–${page.afterSeq + shown} of ${page.lastSeq}`;
  return page.truncated ? `timeline truncated: ${range}; next page: --after-seq ${page.nextSeq}` : `timeline: ${range}`;
}

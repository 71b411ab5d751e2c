// Turns a validated InstanceFilter into a parameterized SQL condition on "WorkflowInstance" i. Every value —
// JSON keys included — is a bound parameter; the only SQL text is fixed here. A path's keys are validated by the
// filter schema (charset, depth) before they get this far.
import { Prisma } from '../../generated/prisma/client';
import { isIndexKey, splitPath, type Condition, type InstanceFilter } from '../../search';
import { parseDuration } from '../../spec/run-at';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Escapes LIKE's wildcards so user text matches literally (backslash is ILIKE's default escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `i.context -> 'a' -> 'b'`, or `-> 0` for an array index: NULL when the path is absent. */
function valueAt(condition: Condition): Prisma.Sql {
  const { root, keys } = splitPath(condition.path);
  let sql = root === 'context' ? Prisma.sql`i.context` : Prisma.sql`i.input`;
  for (const key of keys)
    sql = isIndexKey(key) ? Prisma.sql`${sql} -> ${Number(key)}::int` : Prisma.sql`${sql} -> ${key}::text`;
  return Prisma.sql`(${sql})`;
}

/** {"a":{"b":value}}: containment on it is what the jsonb_path_ops GIN index answers. */
function nested(keys: string[], value: unknown): unknown {
  return keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** A jsonpath with every key quoted: `$."amount" ? (@ > $v)`, comparing with the bound variable v. */
function jsonPathComparison(keys: string[], operator: string): string {
  return `$${keys.map((k) => (isIndexKey(k) ? `[${k}]` : `."${k}"`)).join('')} ? (@ ${operator} $v)`;
}

const comparison = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function conditionSql(condition: Condition): Prisma.Sql {
  const at = valueAt(condition);
  const { root, keys } = splitPath(condition.path);
  const column = root === 'context' ? Prisma.sql`i.context` : Prisma.sql`i.input`;
  switch (condition.op) {
    case 'exists':
      return Prisma.sql`${at} IS NOT NULL`;
    case 'missing':
      return Prisma.sql`${at} IS NULL`;
    case 'eq': {
      const exact = Prisma.sql`${at} = ${JSON.stringify(condition.value)}::jsonb`;
      // The containment test lets Postgres use the GIN index; the exact test keeps "= gold" from matching ["gold"].
      if (keys.some(isIndexKey)) return exact;
      return Prisma.sql`(${column} @> ${JSON.stringify(nested(keys, condition.value))}::jsonb AND ${exact})`;
    }
    case 'ne':
      return Prisma.sql`(${at} IS NULL OR ${at} <> ${JSON.stringify(condition.value)}::jsonb)`;
    case 'contains': {
      const element = Prisma.sql`${at} @> ${JSON.stringify([condition.value])}::jsonb`;
      if (typeof condition.value !== 'string') return Prisma.sql`(jsonb_typeof(${at}) = 'array' AND ${element})`;
      return Prisma.sql`(CASE jsonb_typeof(${at}) WHEN 'string' THEN (${at} #>> '{}') ILIKE ${`%${escapeLike(condition.value)}%`} WHEN 'array' THEN ${element} ELSE false END)`;
    }
    default: {
      // jsonpath compares numbers with numbers and strings with strings (ISO dates order correctly); a value of
      // another type is simply not a match, never an error.
      const path = jsonPathComparison(keys, comparison[condition.op]);
      return Prisma.sql`jsonb_path_exists(${column}, ${path}::jsonpath, ${JSON.stringify({ v: condition.value })}::jsonb)`;
    }
  }
}

const hasTask = (tenantId: string, test: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Task" t WHERE t."instanceId" = i.id AND t."tenantId" = ${tenantId} AND ${test})`;

/** The WHERE clause (without the keyword) for one tenant and a filter; `now` anchors "waiting longer than". */
export function instanceWhere(tenantId: string, filter: InstanceFilter, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`i."tenantId" = ${tenantId}`];
  if (filter.definitionKey) parts.push(Prisma.sql`i."definitionKey" = ${filter.definitionKey}`);
  if (filter.definitionVersion) parts.push(Prisma.sql`i."definitionVersion" = ${filter.definitionVersion}`);
  if (filter.status) parts.push(Prisma.sql`i.status = ${filter.status}::"InstanceStatus"`);
  if (filter.states?.length) parts.push(Prisma.sql`i."stateValue" IN (${Prisma.join(filter.states)})`);
  if (filter.createdFrom) parts.push(Prisma.sql`i."createdAt" >= ${filter.createdFrom}`);
  if (filter.createdTo) parts.push(Prisma.sql`i."createdAt" <= ${filter.createdTo}`);
  if (filter.updatedFrom) parts.push(Prisma.sql`i."updatedAt" >= ${filter.updatedFrom}`);
  if (filter.updatedTo) parts.push(Prisma.sql`i."updatedAt" <= ${filter.updatedTo}`);
  if (filter.search) {
    parts.push(
      uuidPattern.test(filter.search)
        ? Prisma.sql`i.id = ${filter.search}::uuid`
        : Prisma.sql`i."businessKey" LIKE ${`${escapeLike(filter.search)}%`}`,
    );
  }
  for (const condition of filter.where ?? []) parts.push(conditionSql(condition));
  if (filter.waitingLongerThan) {
    const cutoff = new Date(now.getTime() - (parseDuration(filter.waitingLongerThan) ?? 0));
    parts.push(Prisma.sql`i.status = 'running' AND i."stateEnteredAt" < ${cutoff}`);
  }
  if (filter.taskType) parts.push(hasTask(tenantId, Prisma.sql`t.type = ${filter.taskType}`));
  if (filter.errorText)
    parts.push(hasTask(tenantId, Prisma.sql`t."lastError" ILIKE ${`%${escapeLike(filter.errorText)}%`}`));
  if (filter.errorSignature)
    parts.push(
      hasTask(
        tenantId,
        Prisma.sql`t.status = 'failed' AND sy_error_signature(t."lastError") = ${filter.errorSignature}`,
      ),
    );
  return Prisma.join(parts, ' AND ');
}

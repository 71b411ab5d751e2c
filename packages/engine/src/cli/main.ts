import { parseArgs } from 'node:util';
import { isEngineError } from '../errors';
import { inputLimitsFromEnv } from '../limits/input-limits';
import type { TenantContext } from '../contracts/actor';
import { instanceStatuses } from '../contracts/statuses';
import { readEnv } from '../config/env';
import { describePage, formatInstance } from './format';
import { TIMELINE_PAGE_DEFAULT, TIMELINE_PAGE_MAX } from '../service/instance-page';
import { EXIT, exitCodeFor } from './exit-codes';
import { bad, choiceFlag } from './flag-values';
import { jsonFile, jsonOption } from './json-args';
import { oneLine, writeErr, writeOut } from './output';
import { waitForEventOutcome, waitForInstanceEnd } from './wait';
import { resolveCliContext } from './cli-context';
import { sendFromStdin } from './send-stdin';
import { limitsCommandRoles, limitsUsage, runLimitsCommand } from './limits-commands';
import { opsCommandRoles, opsUsage, runOpsCommand } from './ops-commands';
import { checkDatabase, checkRedis, notMigratedMessage } from './preflight';

const usage = `usage: pnpm switchyard <command> [args] [--tenant demo] [--token TOKEN] [--json]
  migrate                                   as MIGRATE_DATABASE_URL: create the database, apply migrations, grant the app role
  seed                                      create the demo tenant and publish the demo workflows
  publish <spec.json | -> [--message TEXT]  validate and publish a spec as a new version (- reads stdin)
  start <definitionKey> [--input JSON|@file|-] [--version N] [--business-key KEY] [--wait [--timeout SECONDS]]
  send <instanceId> <EVENT> [--payload JSON|@file|-] [--reason TEXT] [--wait [--timeout SECONDS]]
  send --stdin [--reason TEXT]              many events, one JSON line each: {"instanceId","type","payload"?,"reason"?}
  show <instanceId> [--after-seq N] [--limit N]   state, context, tasks and a page of the timeline
  list [--status S] [--definition KEY]      recent instances
  cancel <instanceId> [--reason TEXT]
  cancel-task <taskId> [--reason TEXT]
  retry <taskId> [--reason TEXT]
${limitsUsage}
${opsUsage}
  worker                                    run orchestrator, task runner and sweeper until SIGTERM
exit codes: 0 done, 1 refused or failed, 2 bad input, 3 --wait: ended failed/cancelled or event ignored/rejected, 4 --wait timed out`;

const commands = [
  'migrate',
  'seed',
  'publish',
  'start',
  'send',
  'show',
  'list',
  'cancel',
  'cancel-task',
  'retry',
  'worker',
  'tenant-caps',
  ...Object.keys(limitsCommandRoles),
  ...Object.keys(opsCommandRoles),
];

const options = {
  tenant: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
  input: { type: 'string' },
  payload: { type: 'string' },
  reason: { type: 'string' },
  message: { type: 'string' },
  version: { type: 'string' },
  'business-key': { type: 'string' },
  status: { type: 'string' },
  definition: { type: 'string' },
  wait: { type: 'boolean', default: false },
  stdin: { type: 'boolean', default: false },
  timeout: { type: 'string', default: '60' },
  'after-seq': { type: 'string' },
  limit: { type: 'string' },
  task: { type: 'string' },
  orchestrator: { type: 'string' },
  reads: { type: 'string' },
  writes: { type: 'string' },
  // Operator modifications (ops-commands.ts).
  state: { type: 'string' },
  via: { type: 'string' },
  context: { type: 'string' },
  'back-to': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  where: { type: 'string' },
  event: { type: 'string' },
  'to-version': { type: 'string' },
  map: { type: 'string', multiple: true },
  tasks: { type: 'string' },
  rate: { type: 'string' },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function need(positionals: string[], index: number, what: string, command: string): string {
  return positionals[index] ?? bad(`missing ${what}; usage: ${usageOf(command)}`);
}

function usageOf(command: string): string {
  const line = usage.split('\n').find((l) => l.trimStart().startsWith(`${command} `));
  return line ? line.trim().replace(/\s{2,}.*$/, '') : `${command}; see --help`;
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    bad(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

type Print = (human: string, data: unknown) => Promise<void>;

async function runCommand(command: string, positionals: string[], flags: Flags, print: Print): Promise<number> {
  const env = readEnv();
  if (command === 'migrate') {
    const { applyMigrations, appRoleFromUrl, defaultOwnerUrl, ensureDatabase } = await import('../migrate');
    // As the owner: create the database, apply migrations, then grant the app role DATABASE_URL names.
    const ownerUrl = env.MIGRATE_DATABASE_URL ?? defaultOwnerUrl(env.DATABASE_URL);
    await ensureDatabase(ownerUrl);
    const { applied } = await applyMigrations({ databaseUrl: ownerUrl, appRole: appRoleFromUrl(env.DATABASE_URL) });
    await print(
      applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date',
      { applied },
    );
    return 0;
  }
  // One clear line when Postgres or Redis is missing or the database is not migrated, before anything connects.
  await Promise.all([
    checkDatabase(env.DATABASE_URL),
    checkRedis(env.REDIS_CLUSTER_NODES[0] ? `redis://${env.REDIS_CLUSTER_NODES[0]}` : env.REDIS_URL),
  ]);
  if (command === 'worker') {
    const [{ runWorkerProcess }, { workerConfigFromEnv }] = await Promise.all([
      import('../runtime/worker-process'),
      import('../runtime/worker-config'),
    ]);
    await runWorkerProcess({ ...workerConfigFromEnv(env) });
    return 0;
  }
  const { createEngine } = await import('../runtime/engine');
  const engine = createEngine({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisClusterNodes: env.REDIS_CLUSTER_NODES,
    queuePrefix: env.QUEUE_PREFIX,
    secretsKey: env.SECRETS_KEY,
    secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS,
    limits: inputLimitsFromEnv(env),
  });
  try {
    const ctx: TenantContext = await resolveCliContext(engine, command, {
      token: flags.token ?? env.SWITCHYARD_TOKEN,
      tenant: flags.tenant,
      user: env.USER,
    });
    switch (command) {
      case 'seed': {
        const [{ seedDemo }, { demoPeople }] = await Promise.all([import('../seed'), import('../seed-people')]);
        const result = await seedDemo(engine.deps.prisma, engine.service);
        const people = demoPeople.map(
          (p) =>
            `  ${p.email.padEnd(20)} ${p.password.padEnd(18)} ${p.memberships.map((m) => `${m.tenantId}:${m.role}`).join(', ')}`,
        );
        await print(
          [
            `tenant ${result.tenantId}: ${result.published.map((p) => `${p.key} v${p.version}${p.created ? ' (published)' : ' (unchanged)'}`).join(', ')}`,
            'development sign-ins (email, password, tenant:role):',
            ...people,
          ].join('\n'),
          result,
        );
        return 0;
      }
      case 'publish': {
        const spec = await jsonFile(need(positionals, 0, '<spec.json>', command));
        const definition = await engine.service.publishDefinition(ctx, { spec, message: flags.message });
        // Warnings never block publishing; they go to stderr so stdout stays the answer.
        for (const w of definition.warnings) await writeErr(oneLine(`warning: ${w.path} ${w.code}: ${w.message}`));
        const warned = definition.warnings.length ? ` (${definition.warnings.length} warning(s))` : '';
        await print(
          `${definition.created ? 'published' : 'unchanged:'} ${definition.key} v${definition.version}${warned}`,
          definition,
        );
        return EXIT.ok;
      }
      case 'start': {
        const definitionKey = need(positionals, 0, '<definitionKey>', command);
        const input = await jsonOption('input', flags.input);
        if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
          bad('--input must be a JSON object');
        const version = wholeNumber('version', flags.version, 1, 1_000_000);
        const timeout = wholeNumber('timeout', flags.timeout, 1, 86_400) ?? 60;
        const businessKey = flags['business-key'];
        const started = await engine.service.startInstance(ctx, {
          definitionKey,
          version,
          input: input as Record<string, unknown> | undefined,
          businessKey,
        });
        const what = started.created
          ? `started ${started.instanceId} (${definitionKey} v${started.definitionVersion})`
          : `exists ${started.instanceId} (business key ${businessKey} already started: ${definitionKey} v${started.definitionVersion}, ${started.status ?? 'running'}; nothing new was started)`;
        if (!flags.wait) {
          await print(what, started);
          return EXIT.ok;
        }
        if (!flags.json) await writeErr(what);
        const { instance, timedOut } = await waitForInstanceEnd(engine, ctx, started.instanceId, timeout);
        if (timedOut) {
          await writeErr(
            `error: timed out after ${timeout} s waiting for ${instance.id}; it is still ${instance.status} in state ${instance.stateValue}`,
          );
          if (flags.json) await print('', { ...instance, created: started.created, timedOut: true });
          return EXIT.timedOut;
        }
        await print(`${instance.id} ${instance.status} in state ${instance.stateValue}`, {
          ...instance,
          created: started.created,
        });
        return instance.status === 'completed' ? EXIT.ok : EXIT.unsuccessful;
      }
      case 'send': {
        if (flags.stdin) {
          if (positionals.length || flags.wait || flags.payload)
            bad(
              'send --stdin reads instanceId, type and payload from each line; give no <instanceId>, <EVENT>, --payload or --wait',
            );
          return await sendFromStdin(engine, ctx, {
            json: flags.json,
            reason: flags.reason,
            limits: inputLimitsFromEnv(env),
          });
        }
        const instanceId = need(positionals, 0, '<instanceId>', command);
        const type = need(positionals, 1, '<EVENT>', command);
        const timeout = wholeNumber('timeout', flags.timeout, 1, 86_400) ?? 60;
        const payload = await jsonOption('payload', flags.payload);
        // The timeline position before sending: the outcome is looked for after it.
        const before = flags.wait ? (await engine.service.getInstance(ctx, { instanceId })).lastSeq : 0;
        const sent = await engine.service.sendEvent(ctx, { instanceId, type, payload, reason: flags.reason });
        if (!flags.wait) {
          await print(`queued ${type} for ${instanceId} (message ${sent.messageId})`, sent);
          return EXIT.ok;
        }
        const result = await waitForEventOutcome(engine, ctx, instanceId, sent.messageId, before, timeout);
        if (result.outcome === 'timed out') {
          await writeErr(
            `error: timed out after ${timeout} s waiting for ${type} (message ${sent.messageId}) to be applied`,
          );
          if (flags.json) await print('', { ...sent, outcome: 'timed out' });
          return EXIT.timedOut;
        }
        const human =
          result.outcome === 'applied'
            ? `applied ${type}: ${result.from} → ${result.to}`
            : `${result.outcome} ${type}: ${result.reason}`;
        await print(oneLine(human), { ...sent, ...result });
        return result.outcome === 'applied' ? EXIT.ok : EXIT.unsuccessful;
      }
      case 'show': {
        const instanceId = need(positionals, 0, '<instanceId>', command);
        const afterSeq = wholeNumber('after-seq', flags['after-seq'], 0, 2 ** 31 - 1) ?? 0;
        const limit = wholeNumber('limit', flags.limit, 1, TIMELINE_PAGE_MAX) ?? TIMELINE_PAGE_DEFAULT;
        const {
          instance,
          timeline,
          timelinePage: page,
        } = await engine.service.getInstancePage(ctx, {
          instanceId,
          afterSeq,
          limit,
        });
        if (page.truncated && !flags.json) await writeErr(describePage(page, timeline.length));
        await print(formatInstance(instance, timeline, page), { ...instance, timeline, timelinePage: page });
        return EXIT.ok;
      }
      case 'list': {
        const page = await engine.service.listInstances(ctx, {
          status: choiceFlag('status', instanceStatuses, flags.status),
          definitionKey: flags.definition,
          limit: 50,
        });
        await print(
          page.items
            .map((i) => `${i.id}  ${i.definitionKey} v${i.definitionVersion}  ${i.status.padEnd(9)} ${i.stateValue}`)
            .join('\n') || '(no instances)',
          page,
        );
        return 0;
      }
      case 'cancel': {
        const result = await engine.service.cancelInstance(ctx, {
          instanceId: need(positionals, 0, '<instanceId>', command),
          reason: flags.reason,
        });
        await print(`cancelled (${result.cancelledTasks} pending task(s) cancelled)`, result);
        return 0;
      }
      case 'cancel-task': {
        const result = await engine.service.cancelTask(ctx, {
          taskId: need(positionals, 0, '<taskId>', command),
          reason: flags.reason,
        });
        await print(`cancelled task ${result.taskId}`, result);
        return 0;
      }
      case 'retry': {
        const result = await engine.service.retryTask(ctx, {
          taskId: need(positionals, 0, '<taskId>', command),
          reason: flags.reason,
        });
        await print(`retrying task ${result.taskId}`, result);
        return 0;
      }
      default:
        return (
          (await runLimitsCommand(engine, ctx, command, positionals, flags, print)) ??
          (await runOpsCommand(engine, ctx, command, positionals, flags, print)) ??
          bad(`unknown command "${command}"; see --help`)
        );
    }
  } finally {
    await engine.close();
  }
}

/** Node's parseArgs messages, made one short line without its advice about "--". */
function optionProblem(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^']*)'/.exec(e.message ?? '')?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}; see --help`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
    return `option ${option.split(' ')[0]} needs a value; see --help`;
  return `${(e.message ?? String(error)).split('. ')[0]}; see --help`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    await writeErr(oneLine(`error: ${optionProblem(error)}`));
    return EXIT.badInput;
  }
  const [command, ...positionals] = parsed.positionals;
  if (!command || parsed.values.help) {
    await (command ? writeOut(usage) : writeErr(usage));
    return command ? EXIT.ok : EXIT.badInput;
  }
  const json = parsed.values.json;
  if (!commands.includes(command)) {
    await writeErr(
      oneLine(
        json
          ? JSON.stringify({ error: { code: 'BAD_INPUT', message: `unknown command "${command}"` } })
          : `error: unknown command "${command}"; see --help`,
      ),
    );
    return EXIT.badInput;
  }
  const print: Print = (human, data) => writeOut(json ? JSON.stringify(data, null, 2) : human);
  try {
    return await runCommand(command, positionals, parsed.values, print);
  } catch (error) {
    if (isEngineError(error)) {
      if (json)
        await writeErr(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }));
      else await writeErr(oneLine(`error: ${error.message}`));
      return exitCodeFor(error.code);
    }
    await writeErr(
      oneLine(`error: ${notMigratedMessage(error) ?? (error instanceof Error ? error.message : String(error))}`),
    );
    return EXIT.failed;
  }
}

// Exit only after stdout and stderr are written (main awaits every write): a pipe must get the whole answer.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error: unknown) => {
    await writeErr(oneLine(`error: ${String(error)}`));
    process.exit(EXIT.failed);
  },
);

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EngineError, isEngineError } from '../errors';
import { createEngine, type Engine } from '../runtime/engine';
import { runWorkerProcess } from '../runtime/worker-process';
import type { TenantContext } from '../actor';
import { applyMigrations, appRoleFromUrl, defaultOwnerUrl, ensureDatabase } from '../migrate';
import { seedDemo } from '../seed';
import { demoPeople } from '../seed-people';
import { readEnv } from './env';
import { formatInstance } from './format';
import { workerConfigFromEnv } from './worker-config';
import { resolveCliContext } from './cli-context';
import { limitsUsage, runLimitsCommand } from './limits-commands';

const usage = `usage: pnpm switchyard <command> [args] [--tenant demo] [--token TOKEN] [--json]
  migrate                                   as MIGRATE_DATABASE_URL: create the database, apply migrations, grant the app role
  seed                                      create the demo tenant and publish the demo workflows
  publish <spec.json> [--message TEXT]      validate and publish a spec as a new version
  start <definitionKey> [--input JSON] [--version N] [--business-key KEY] [--wait] [--timeout SECONDS]
  send <instanceId> <EVENT> [--payload JSON] [--reason TEXT]
  show <instanceId>                         state, context, tasks and timeline
  list [--status S] [--definition KEY]      recent instances
  cancel <instanceId> [--reason TEXT]
  cancel-task <taskId> [--reason TEXT]
  retry <taskId> [--reason TEXT]
${limitsUsage}
  worker                                    run orchestrator, task runner and sweeper until SIGTERM`;

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
  timeout: { type: 'string', default: '60' },
  limit: { type: 'string' },
  task: { type: 'string' },
  orchestrator: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function bad(message: string): never {
  throw new EngineError('BAD_INPUT', message);
}

function parseJsonFlag(name: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    return bad(`--${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function need(positionals: string[], index: number, what: string): string {
  return positionals[index] ?? bad(`missing ${what}\n${usage}`);
}

async function waitForEnd(engine: Engine, ctx: TenantContext, instanceId: string, timeoutSeconds: number) {
  const deadline = Date.now() + timeoutSeconds * 1_000;
  for (;;) {
    const instance = await engine.service.getInstance(ctx, { instanceId });
    if (instance.status !== 'running' || Date.now() > deadline) return instance;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runCommand(command: string, positionals: string[], flags: Flags, print: (human: string, data: unknown) => void): Promise<number> {
  const env = readEnv();
  if (command === 'migrate') {
    // As the owner: create the database, apply migrations, then grant the app role DATABASE_URL names.
    const ownerUrl = env.MIGRATE_DATABASE_URL ?? defaultOwnerUrl(env.DATABASE_URL);
    await ensureDatabase(ownerUrl);
    const { applied } = await applyMigrations({ databaseUrl: ownerUrl, appRole: appRoleFromUrl(env.DATABASE_URL) });
    print(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date', { applied });
    return 0;
  }
  if (command === 'worker') {
    await runWorkerProcess({ ...workerConfigFromEnv(env) });
    return 0;
  }
  const engine = createEngine({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX, secretsKey: env.SECRETS_KEY, secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS });
  try {
    const ctx: TenantContext = await resolveCliContext(engine, command, { token: flags.token ?? env.SWITCHYARD_TOKEN, tenant: flags.tenant, user: env.USER });
    switch (command) {
      case 'seed': {
        const result = await seedDemo(engine.deps.prisma, engine.service);
        const people = demoPeople.map((p) => `  ${p.email.padEnd(20)} ${p.password.padEnd(18)} ${p.memberships.map((m) => `${m.tenantId}:${m.role}`).join(', ')}`);
        print([`tenant ${result.tenantId}: ${result.published.map((p) => `${p.key} v${p.version}${p.created ? ' (published)' : ' (unchanged)'}`).join(', ')}`, 'development sign-ins (email, password, tenant:role):', ...people].join('\n'), result);
        return 0;
      }
      case 'publish': {
        const file = need(positionals, 0, '<spec.json>');
        const text = await readFile(file, 'utf8').catch(() => bad(`cannot read ${file}`));
        const spec = parseJsonFlag(file, text);
        const definition = await engine.service.publishDefinition(ctx, { spec, message: flags.message });
        print(`${definition.created ? 'published' : 'unchanged:'} ${definition.key} v${definition.version}`, definition);
        return 0;
      }
      case 'start': {
        const definitionKey = need(positionals, 0, '<definitionKey>');
        const input = parseJsonFlag('input', flags.input);
        if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) bad('--input must be a JSON object');
        const version = flags.version === undefined ? undefined : Number(flags.version);
        if (version !== undefined && !Number.isInteger(version)) bad('--version must be an integer');
        const started = await engine.service.startInstance(ctx, { definitionKey, version, input: input as Record<string, unknown> | undefined, businessKey: flags['business-key'] });
        if (!flags.wait) {
          print(`started ${started.instanceId} (${definitionKey} v${started.definitionVersion})`, started);
          return 0;
        }
        const instance = await waitForEnd(engine, ctx, started.instanceId, Number(flags.timeout));
        print(`${instance.id} ${instance.status} in state ${instance.stateValue}`, instance);
        return instance.status === 'completed' ? 0 : 1;
      }
      case 'send': {
        const instanceId = need(positionals, 0, '<instanceId>');
        const type = need(positionals, 1, '<EVENT>');
        const sent = await engine.service.sendEvent(ctx, { instanceId, type, payload: parseJsonFlag('payload', flags.payload), reason: flags.reason });
        print(`queued ${type} for ${instanceId} (message ${sent.messageId})`, sent);
        return 0;
      }
      case 'show': {
        const instanceId = need(positionals, 0, '<instanceId>');
        const instance = await engine.service.getInstance(ctx, { instanceId });
        const timeline = await engine.service.getTimeline(ctx, { instanceId });
        print(formatInstance(instance, timeline), { ...instance, timeline });
        return 0;
      }
      case 'list': {
        const page = await engine.service.listInstances(ctx, { status: flags.status as never, definitionKey: flags.definition, limit: 50 });
        print(page.items.map((i) => `${i.id}  ${i.definitionKey} v${i.definitionVersion}  ${i.status.padEnd(9)} ${i.stateValue}`).join('\n') || '(no instances)', page);
        return 0;
      }
      case 'cancel': {
        const result = await engine.service.cancelInstance(ctx, { instanceId: need(positionals, 0, '<instanceId>'), reason: flags.reason });
        print(`cancelled (${result.cancelledTasks} pending task(s) cancelled)`, result);
        return 0;
      }
      case 'cancel-task': {
        const result = await engine.service.cancelTask(ctx, { taskId: need(positionals, 0, '<taskId>'), reason: flags.reason });
        print(`cancelled task ${result.taskId}`, result);
        return 0;
      }
      case 'retry': {
        const result = await engine.service.retryTask(ctx, { taskId: need(positionals, 0, '<taskId>'), reason: flags.reason });
        print(`retrying task ${result.taskId}`, result);
        return 0;
      }
      default:
        return (await runLimitsCommand(engine, ctx, command, positionals, flags, print)) ?? bad(`unknown command "${command}"\n${usage}`);
    }
  } finally {
    await engine.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }
  const [command, ...positionals] = parsed.positionals;
  if (!command || parsed.values.help) {
    console.log(usage);
    return command ? 0 : 2;
  }
  const json = parsed.values.json;
  const print = (human: string, data: unknown) => console.log(json ? JSON.stringify(data, null, 2) : human);
  try {
    return await runCommand(command, positionals, parsed.values, print);
  } catch (error) {
    if (isEngineError(error)) {
      if (json) console.error(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }));
      else console.error(`error: ${error.message}`);
      return error.code === 'BAD_INPUT' || error.code === 'SPEC_INVALID' ? 2 : 1;
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  console.error(`error: ${String(error)}`);
  process.exit(1);
});

import { roleAllows, type Role } from '../contracts/roles';
import type { TenantContext } from '../contracts/actor';
import { EngineError } from '../errors';
import type { Engine } from '../runtime/engine';
import { limitsCommandRoles } from './limits-commands';
import { opsCommandRoles } from './ops-commands';
import { authenticateApiToken } from '../service/api-tokens';

/** The least role each command needs when the CLI acts with an API token. */
const commandRoles: Record<string, Role> = {
  publish: 'admin',
  start: 'operator',
  send: 'operator',
  cancel: 'operator',
  'cancel-task': 'operator',
  retry: 'operator',
  show: 'viewer',
  list: 'viewer',
  ...limitsCommandRoles,
  ...opsCommandRoles,
};

/**
 * Who the CLI acts as. With an API token (`--token` or SWITCHYARD_TOKEN): the token's tenant and role, checked
 * per command, as the console would. Without one: a local operator holding the database credentials, which
 * already allow anything, recorded as `cli:<user>`.
 */
export async function resolveCliContext(
  engine: Engine,
  command: string,
  opts: { token?: string; tenant?: string; user: string },
): Promise<TenantContext> {
  if (!opts.token) {
    const tenantId = opts.tenant ?? 'demo';
    // A typo in --tenant would otherwise read as an empty tenant ("no instances"); `seed` creates the tenant.
    if (
      command !== 'seed' &&
      !(await engine.deps.prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))
    ) {
      throw new EngineError('BAD_INPUT', `no such tenant ${JSON.stringify(tenantId)}`, [
        { path: '--tenant', message: 'no tenant has this id' },
      ]);
    }
    return { tenantId, actor: { type: 'cli', id: opts.user } };
  }
  const principal = await authenticateApiToken(engine.deps, opts.token);
  if (!principal) throw new EngineError('UNAUTHORIZED', 'the API token is unknown or revoked');
  if (opts.tenant && opts.tenant !== principal.tenantId)
    throw new EngineError('NOT_FOUND', `tenant ${opts.tenant} was not found`);
  const required = commandRoles[command];
  if (!required) throw new EngineError('BAD_INPUT', `"${command}" is not available with an API token`);
  if (!roleAllows(principal.role, required))
    throw new EngineError('FORBIDDEN', `"${command}" needs the ${required} role; the token has ${principal.role}`);
  return { tenantId: principal.tenantId, actor: principal.actor };
}

// The tenant and role rules shared by every door into the console's server: tRPC procedures and the HTTP API
// both decide here, and only translate the refusal into their own error shape.
import { roleAllows, type Role, type TenantContext } from '@switchyard/engine';
import { requestedTenant, type Principal } from './context';

export type AccessRefusal = 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

export class AccessError extends Error {
  constructor(
    readonly code: AccessRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Which tenant the caller acts in and with what role. A tenant the caller does not belong to is NOT_FOUND —
 * the same answer as a tenant that does not exist — so membership never leaks.
 */
export function resolveTenant(principal: Principal, headers: Headers): { tenantId: string; role: Role } {
  const asked = requestedTenant(headers);
  if (principal.kind === 'token') {
    if (asked && asked !== principal.tenantId) throw new AccessError('NOT_FOUND', `tenant ${asked} was not found`);
    return { tenantId: principal.tenantId, role: principal.role };
  }
  const membership = asked ? principal.tenants.find((t) => t.tenantId === asked) : principal.tenants[0];
  if (!membership)
    throw new AccessError(
      'NOT_FOUND',
      asked ? `tenant ${asked} was not found` : 'you are not a member of any tenant yet: ask an admin to add you',
    );
  return { tenantId: membership.tenantId, role: membership.role };
}

/** The tenant context for work that needs `required`; FORBIDDEN names the role needed and the role held. */
export function authorize(
  principal: Principal,
  headers: Headers,
  required: Role,
): { tenant: TenantContext; role: Role } {
  const { tenantId, role } = resolveTenant(principal, headers);
  if (!roleAllows(role, required))
    throw new AccessError('FORBIDDEN', `this needs the ${required} role; you are ${role} in ${tenantId}`);
  const actor = principal.kind === 'token' ? principal.actor : { type: 'operator' as const, id: principal.email, role };
  return { tenant: { tenantId, actor }, role };
}

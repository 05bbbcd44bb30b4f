// Checks every decider starts with: who may act, in which organisation. Each throws a typed DomainError.
import type { CommandContext } from './context.js';
import { DomainError, DomainErrorCode, PermissionDeniedError } from './errors.js';
import type { OrgId } from './ids.js';
import { hasPermission, type Permission } from './permissions.js';

export const refuse = (code: DomainErrorCode, field: string, rule: string, message: string): never => {
  throw new DomainError(code, { field, rule, message });
};

export const requirePermission = (context: CommandContext, permission: Permission, action: string): void => {
  if (!hasPermission(context.actor, permission)) {
    throw new PermissionDeniedError({
      field: 'actor',
      rule: `requires:${permission}`,
      message: `${context.actor.userId} may not ${action}: the ${permission} permission is required.`,
    });
  }
};

/** An aggregate of another organisation is refused as a whole: no event, whatever the command. */
export const requireSameOrganisation = (aggregateOrgId: OrgId, context: CommandContext, field: string): void => {
  if (aggregateOrgId !== context.orgId) {
    refuse(
      DomainErrorCode.WrongOrganisation,
      field,
      'same-organisation',
      `This ${field.replace(/Id$/, '')} belongs to another organisation than the one ${context.actor.userId} acts in.`,
    );
  }
};

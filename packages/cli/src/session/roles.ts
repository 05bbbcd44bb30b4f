// The names behind `--as-user` and `--role`, apart from the permission sets (actor.ts) so the command
// line can be read without loading the domain.
export const DEFAULT_USER = 'admin';

export const ROLE_NAMES = ['admin', 'manager', 'rep', 'viewer'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

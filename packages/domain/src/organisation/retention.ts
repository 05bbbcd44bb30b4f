// The organisation's retention policy: how long the personal data of lost leads is kept before the
// retention job erases it (docs/privacy.md). Null switches the job off for the organisation.
import type { OrgId } from '../shared/ids.js';
import { invalid } from '../validation/issues.js';

/** A month is a calendar month; 100 years is the longest a policy may keep a lost lead. */
export const RETENTION_MONTHS_BOUNDS = { min: 1, max: 1200 } as const;

export interface RetentionPolicy {
  /** Lost leads are erased this many calendar months after they were lost; null: never by policy. */
  readonly lostLeadsAfterMonths: number | null;
}

/** Until an organisation sets one, no policy applies. */
export const NO_RETENTION_POLICY: RetentionPolicy = { lostLeadsAfterMonths: null };

export interface SetRetentionPolicy {
  readonly type: 'SetRetentionPolicy';
  readonly orgId: OrgId;
  readonly policy: RetentionPolicy;
}

export interface RetentionPolicySet {
  readonly type: 'RetentionPolicySet';
  readonly data: {
    readonly orgId: OrgId;
    readonly policy: RetentionPolicy;
    /** The policy it replaces, so a reader of the history sees the change without folding. */
    readonly previous: RetentionPolicy;
  };
}

/** The policy checked: a whole number of months within the bounds, or null. */
export function checkRetentionPolicy(policy: RetentionPolicy): RetentionPolicy {
  const months: unknown = policy.lostLeadsAfterMonths;
  if (months === null) return NO_RETENTION_POLICY;
  if (
    typeof months === 'number' &&
    Number.isInteger(months) &&
    months >= RETENTION_MONTHS_BOUNDS.min &&
    months <= RETENTION_MONTHS_BOUNDS.max
  ) {
    return { lostLeadsAfterMonths: months };
  }
  return invalid(
    'lostLeadsAfterMonths',
    `range:${RETENTION_MONTHS_BOUNDS.min}-${RETENTION_MONTHS_BOUNDS.max}`,
    `A retention period is a whole number of months from ${RETENTION_MONTHS_BOUNDS.min} to ${RETENTION_MONTHS_BOUNDS.max}, or null to switch retention off.`,
  );
}

/** Setting the policy in force decides nothing; any other valid policy is recorded with the one it replaces. */
export function decideRetentionPolicy(command: SetRetentionPolicy, current: RetentionPolicy): RetentionPolicySet[] {
  const policy = checkRetentionPolicy(command.policy);
  if (policy.lostLeadsAfterMonths === current.lostLeadsAfterMonths) return [];
  return [{ type: 'RetentionPolicySet', data: { orgId: command.orgId, policy, previous: current } }];
}

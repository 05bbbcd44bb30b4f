// Assignment rules: ordered; the first whose criteria match and that has a user with capacity left
// decides who owns a new lead. Checked whole before they are stored, every broken rule reported.
import { ValidationError, type CustomFieldValue, type DomainErrorDetails, type UserId } from '@leadline/domain';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const CAPACITY_PERIODS = ['hour', 'day', 'week', 'month'] as const;
export type CapacityPeriod = (typeof CAPACITY_PERIODS)[number];

export interface RuleCriteria {
  /** Any of these sources (case-insensitive). */
  readonly sources?: readonly string[];
  /** A regular expression the company must match (case-insensitive); a lead without a company never matches. */
  readonly company?: string;
  /** Each custom field must hold this value, or one of these values. */
  readonly customFields?: Readonly<Record<string, CustomFieldValue | readonly CustomFieldValue[]>>;
  /** When the lead was created: `HH:MM` to `HH:MM` (from inclusive, to exclusive; may wrap past midnight), optionally on given days. */
  readonly timeOfDay?: {
    readonly from: string;
    readonly to: string;
    readonly timeZone?: string;
    readonly days?: readonly Weekday[];
  };
}

export type RuleTarget = { readonly to: UserId } | { readonly roundRobin: readonly UserId[] };

export interface AssignmentRule {
  readonly ruleId: string;
  readonly name?: string;
  /** No criteria: every lead matches. */
  readonly when?: RuleCriteria;
  readonly assign: RuleTarget;
  /** Most leads each user gets from this rule per calendar period (UTC); a user at capacity is passed over. */
  readonly capacity?: { readonly max: number; readonly per: CapacityPeriod };
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateRules(rules: readonly AssignmentRule[]): readonly AssignmentRule[] {
  const issues: DomainErrorDetails[] = [];
  const add = (field: string, rule: string, message: string): void => void issues.push({ field, rule, message });
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const at = `rules[${index}]`;
    if (typeof rule.ruleId !== 'string' || rule.ruleId.trim() === '')
      add(`${at}.ruleId`, 'required', 'Each rule needs a ruleId.');
    else if (seen.has(rule.ruleId)) add(`${at}.ruleId`, 'unique', `ruleId "${rule.ruleId}" is used twice.`);
    seen.add(rule.ruleId);
    if ('roundRobin' in rule.assign && rule.assign.roundRobin.length === 0)
      add(`${at}.assign.roundRobin`, 'non-empty', 'A round robin needs at least one user.');
    if (rule.capacity !== undefined) {
      if (!Number.isInteger(rule.capacity.max) || rule.capacity.max < 1)
        add(`${at}.capacity.max`, 'integer>=1', 'capacity.max must be a whole number of at least 1.');
      if (!CAPACITY_PERIODS.includes(rule.capacity.per))
        add(`${at}.capacity.per`, 'period', `capacity.per must be one of ${CAPACITY_PERIODS.join(', ')}.`);
    }
    const when = rule.when ?? {};
    if (when.company !== undefined) {
      try {
        new RegExp(when.company, 'i');
      } catch {
        add(`${at}.when.company`, 'regular-expression', `"${when.company}" is not a valid regular expression.`);
      }
    }
    const time = when.timeOfDay;
    if (time !== undefined) {
      if (!HH_MM.test(time.from) || !HH_MM.test(time.to))
        add(`${at}.when.timeOfDay`, 'HH:MM', 'timeOfDay.from and .to must be times as HH:MM (24 h).');
      if (time.days?.some((day) => !WEEKDAYS.includes(day)) === true)
        add(`${at}.when.timeOfDay.days`, 'weekday', `days must be among ${WEEKDAYS.join(', ')}.`);
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: time.timeZone ?? 'UTC' });
      } catch {
        add(
          `${at}.when.timeOfDay.timeZone`,
          'iana-time-zone',
          `"${time.timeZone}" is not a time zone such as Europe/London.`,
        );
      }
    }
  });
  const [first, ...rest] = issues;
  if (first !== undefined) throw new ValidationError([first, ...rest]);
  return rules;
}

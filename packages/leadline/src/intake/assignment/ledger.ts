// The assignment ledger: one stream per organisation holding its rules and every assignment a rule
// made. Round-robin turns and capacity counts are folded from it, never kept in process memory, so
// any process (or a replay) decides exactly as the one before it; appends at the exact revision keep
// two concurrent creates from both taking the same turn.
import type { LeadId, OrgId, UserId } from '@leadline/domain';
import { matches, type LeadFacts } from './criteria.js';
import type { AssignmentRule, CapacityPeriod } from './rules.js';

export const assignmentStream = (orgId: OrgId): string => `assignment-${orgId}`;

export interface AssignmentRulesSet {
  readonly type: 'AssignmentRulesSet';
  readonly data: { readonly orgId: OrgId; readonly rules: readonly AssignmentRule[] };
}

export interface RuleAssignmentRecorded {
  readonly type: 'RuleAssignmentRecorded';
  readonly data: {
    readonly orgId: OrgId;
    readonly leadId: LeadId;
    readonly ruleId: string;
    readonly ownerId: UserId;
    readonly at: string;
  };
}

export type AssignmentEvent = AssignmentRulesSet | RuleAssignmentRecorded;
export const ASSIGNMENT_EVENT_TYPES: readonly AssignmentEvent['type'][] = [
  'AssignmentRulesSet',
  'RuleAssignmentRecorded',
];

export interface RuleAssignment {
  readonly ruleId: string;
  readonly ownerId: UserId;
}

export interface LedgerState {
  readonly rules: readonly AssignmentRule[];
  /** Per rule, the user its round robin gave the last lead to. */
  readonly lastOwner: ReadonlyMap<string, UserId>;
  /** Leads per `ruleId|userId|period`, for the current period of each rule and user only. */
  readonly counts: ReadonlyMap<string, number>;
  /** What the most recent leads were given, so a rerun soon after a crash assigns the same owner. */
  readonly recent: ReadonlyMap<LeadId, RuleAssignment>;
}

/** How many recent assignments the ledger state remembers by lead (it stays small however long the history). */
export const RECENT_ASSIGNMENTS = 1000;

export const initialLedger: LedgerState = { rules: [], lastOwner: new Map(), counts: new Map(), recent: new Map() };

/** The calendar period (UTC) an instant falls in, as a key. */
export function periodKey(at: Date, per: CapacityPeriod): string {
  const iso = at.toISOString();
  if (per === 'hour') return iso.slice(0, 13);
  if (per === 'day') return iso.slice(0, 10);
  if (per === 'month') return iso.slice(0, 7);
  const monday = new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - ((at.getUTCDay() + 6) % 7)),
  );
  return `W${monday.toISOString().slice(0, 10)}`;
}

const countKey = (rule: AssignmentRule, ownerId: UserId, at: Date): string =>
  `${rule.ruleId}|${ownerId}|${periodKey(at, rule.capacity?.per ?? 'day')}`;

type Folding = {
  rules: readonly AssignmentRule[];
  lastOwner: Map<string, UserId>;
  counts: Map<string, number>;
  recent: Map<LeadId, RuleAssignment>;
};

/** Mutates a state being folded (the fold owns its maps; callers only ever see the result). */
function record(state: Folding, data: RuleAssignmentRecorded['data']): void {
  const rule = state.rules.find((candidate) => candidate.ruleId === data.ruleId);
  state.lastOwner.set(data.ruleId, data.ownerId);
  state.recent.set(data.leadId, { ruleId: data.ruleId, ownerId: data.ownerId });
  const oldest = state.recent.keys().next();
  if (state.recent.size > RECENT_ASSIGNMENTS && oldest.done !== true) state.recent.delete(oldest.value);
  if (rule === undefined) return;
  const key = countKey(rule, data.ownerId, new Date(data.at));
  const prefix = `${rule.ruleId}|${data.ownerId}|`;
  // Counts of a period that has ended are never read again.
  for (const old of state.counts.keys()) if (old.startsWith(prefix) && old !== key) state.counts.delete(old);
  state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
}

export function evolveLedger(state: LedgerState, event: AssignmentEvent): LedgerState {
  if (event.type === 'AssignmentRulesSet') return { ...state, rules: event.data.rules };
  const next: Folding = {
    rules: state.rules,
    lastOwner: new Map(state.lastOwner),
    counts: new Map(state.counts),
    recent: new Map(state.recent),
  };
  record(next, event.data);
  return next;
}

export const ledgerFold = { evolve: evolveLedger, initialState: initialLedger };

/** Who a lead goes to under the ledger's rules: the first matching rule with a user under capacity. */
export function chooseOwner(state: LedgerState, lead: LeadFacts): RuleAssignment | null {
  for (const rule of state.rules) {
    if (!matches(rule.when, lead)) continue;
    const users =
      'to' in rule.assign ? [rule.assign.to] : rotation(rule.assign.roundRobin, state.lastOwner.get(rule.ruleId));
    const ownerId = users.find(
      (user) =>
        rule.capacity === undefined ||
        (state.counts.get(countKey(rule, user, lead.createdAt)) ?? 0) < rule.capacity.max,
    );
    if (ownerId !== undefined) return { ruleId: rule.ruleId, ownerId };
  }
  return null;
}

/** The team in turn order, starting after the last one served. */
function rotation(team: readonly UserId[], last: UserId | undefined): UserId[] {
  const start = last === undefined ? 0 : team.indexOf(last) + 1;
  return [...team.slice(start), ...team.slice(0, start)];
}

/** A whole history folded in place, for simulations over many leads (no copy per event). */
export function createLedgerReplay(rules: readonly AssignmentRule[]): {
  readonly state: LedgerState;
  record(data: RuleAssignmentRecorded['data']): void;
} {
  const state: Folding = { rules, lastOwner: new Map(), counts: new Map(), recent: new Map() };
  return { state, record: (data) => record(state, data) };
}

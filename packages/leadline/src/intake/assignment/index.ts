export { ASSIGNMENT_RULES_ACTOR } from './assign.js';
export {
  assignmentStream,
  ASSIGNMENT_EVENT_TYPES,
  chooseOwner,
  periodKey,
  type AssignmentEvent,
  type AssignmentRulesSet,
  type RuleAssignment,
  type RuleAssignmentRecorded,
  type LedgerState,
} from './ledger.js';
export {
  validateRules,
  WEEKDAYS,
  CAPACITY_PERIODS,
  type AssignmentRule,
  type RuleCriteria,
  type RuleTarget,
  type CapacityPeriod,
  type Weekday,
} from './rules.js';
export { matches, type LeadFacts } from './criteria.js';
export type { SimulatedLead, SimulationRange, SimulationReport } from './simulate.js';

// Intake and data quality: the duplicate guard, merge and unmerge, CSV import, web forms, assignment rules.
export {
  createIntake,
  type AssignmentRules,
  type GuardedLeadCommands,
  type Intake,
  type IntakeParts,
} from './intake.js';
export {
  createIntakeRuntime,
  DEFAULT_RESERVATION_GRACE_MS,
  type IntakeOptions,
  type IntakeRuntime,
} from './intake-runtime.js';
export * from './duplicates/index.js';
export * from './csv/index.js';
export * from './webform/index.js';
export * from './assignment/index.js';

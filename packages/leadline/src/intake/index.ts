// Intake and data quality: the duplicate guard, merge and unmerge, CSV import, web forms, assignment rules.
export { createIntake, type AssignmentRules, type GuardedLeadCommands, type Intake, type IntakeParts } from './intake';
export {
  createIntakeRuntime,
  DEFAULT_RESERVATION_GRACE_MS,
  type IntakeOptions,
  type IntakeRuntime,
} from './intake-runtime';
export * from './duplicates';
export * from './csv';
export * from './webform';
export * from './assignment';

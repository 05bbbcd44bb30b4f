// The day-to-day work on a lead: details, next call, notes with outcomes, custom journey steps.
import type { CommandContext } from '../shared/context.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import { CallOutcome } from '../shared/values.js';
import { issue, throwIfAny, valueOrThrow, type Issues } from '../validation/issues.js';
import { normaliseInstant } from '../validation/calendar.js';
import { isEmptyChange, validateLeadDetailsChanges } from '../validation/lead-details.js';
import { optionalText, requiredText, TEXT_LIMITS } from '../validation/text.js';
import type { LogNote, RecordJourneyStep, ScheduleNextCall, UpdateLeadDetails } from './commands.js';
import type { LeadEvent } from './events.js';
import { requireSettings } from './guards.js';
import type { ExistingLeadState } from './state.js';

export const decideUpdateDetails = (
  command: UpdateLeadDetails,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  const change = valueOrThrow(validateLeadDetailsChanges(state.details, command.fields, requireSettings(context)));
  return isEmptyChange(change) ? [] : [{ type: 'LeadDetailsUpdated', data: { leadId: state.leadId, ...change } }];
};

export const decideScheduleNextCall = (
  command: ScheduleNextCall,
  state: ExistingLeadState,
  context: CommandContext,
): LeadEvent[] => {
  const issues: Issues = [];
  const note = optionalText(issues, 'note', command.note, TEXT_LIMITS.nextCallNote);
  let at: string | null = null;
  if (command.at !== null) {
    at = normaliseInstant(command.at);
    if (at === null)
      issues.push(
        issue(
          'at',
          'iso-8601-instant',
          `"${command.at}" is not an ISO 8601 instant with a time zone, e.g. 2026-03-02T09:30:00Z.`,
        ),
      );
    else if (Date.parse(at) <= context.now.getTime())
      issues.push(
        issue('at', 'must-be-future', `The next call (${at}) must be after now (${context.now.toISOString()}).`),
      );
  }
  throwIfAny(issues);
  if (at === null && state.nextCallAt === null) return [];
  return [{ type: 'NextCallScheduled', data: { leadId: state.leadId, at, note } }];
};

const CALL_OUTCOMES: readonly string[] = Object.values(CallOutcome);

export const decideLogNote = (command: LogNote, state: ExistingLeadState, _context: CommandContext): LeadEvent[] => {
  const issues: Issues = [];
  const text = requiredText(issues, 'text', command.text, TEXT_LIMITS.noteText);
  const outcome = command.outcome ?? null;
  if (outcome !== null && !CALL_OUTCOMES.includes(outcome)) {
    issues.push(
      issue('outcome', 'known-outcome', `"${outcome}" is not a call outcome; use one of ${CALL_OUTCOMES.join(', ')}.`),
    );
  }
  throwIfAny(issues);
  return [{ type: 'NoteLogged', data: { leadId: state.leadId, noteId: command.noteId, text, outcome } }];
};

export const decideJourneyStep = (
  command: RecordJourneyStep,
  state: ExistingLeadState,
  _context: CommandContext,
): LeadEvent[] => {
  const issues: Issues = [];
  const label = requiredText(issues, 'label', command.label, TEXT_LIMITS.journeyLabel);
  const description = optionalText(issues, 'description', command.description, TEXT_LIMITS.journeyDescription);
  throwIfAny(issues);
  // A step id names one step: the same step sent again is a retry (nothing new), other content is refused.
  const recorded = Object.hasOwn(state.journeySteps, command.stepId) ? state.journeySteps[command.stepId] : undefined;
  if (recorded !== undefined) {
    if (recorded.label === label && recorded.description === description) return [];
    refuse(
      DomainErrorCode.AlreadyExists,
      'stepId',
      'unique-step-id',
      `Journey step ${command.stepId} of lead ${state.leadId} was recorded already with other content; use a new step id.`,
    );
  }
  return [{ type: 'JourneyStepRecorded', data: { leadId: state.leadId, stepId: command.stepId, label, description } }];
};

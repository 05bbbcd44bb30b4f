// What every intake feature is built on: the runtime's command machinery plus the loaders intake
// reads leads, contact reservations and the assignment ledger with. Built once by createLeadline.
import { leadDecider, type LeadEvent, type LeadState } from '@leadline/domain';
import type { CommandRuntime } from '../commands/command-handler.js';
import { backoffDelay } from '../commands/retry.js';
import { sleep } from '../runtime/clock.js';
import { createStreamStateLoader, type StreamStateLoader } from '../commands/stream-state.js';
import type { LeadCommands } from '../leads/lead-commands.js';
import type { Dispatcher } from '../runtime/dispatcher.js';
import { contactFold, type ContactEvent, type ContactState } from './duplicates/contact-streams.js';
import { ledgerFold, type AssignmentEvent, type LedgerState } from './assignment/ledger.js';

export interface IntakeRuntime {
  readonly runtime: CommandRuntime;
  readonly dispatcher: Dispatcher;
  /** The lead commands without the duplicate guard (the guard itself sends through them). */
  readonly leads: LeadCommands;
  readonly leadStates: StreamStateLoader<LeadState, LeadEvent>;
  readonly contacts: StreamStateLoader<ContactState, ContactEvent>;
  /** The assignment ledger of each organisation: rules, turns and capacity counts. */
  readonly ledgers: StreamStateLoader<LedgerState, AssignmentEvent>;
  /** How long a reservation whose lead never appeared still counts (a create in flight), in ms. */
  readonly reservationGraceMs: number;
}

export interface IntakeOptions {
  /** See IntakeRuntime.reservationGraceMs; default 5 minutes. */
  readonly reservationGraceMs?: number;
}

export const DEFAULT_RESERVATION_GRACE_MS = 5 * 60 * 1000;

export function createIntakeRuntime(
  runtime: CommandRuntime,
  dispatcher: Dispatcher,
  leads: LeadCommands,
  options: IntakeOptions = {},
): IntakeRuntime {
  return {
    runtime,
    dispatcher,
    leads,
    leadStates: createStreamStateLoader(runtime.store, leadDecider),
    contacts: createStreamStateLoader(runtime.store, contactFold),
    ledgers: createStreamStateLoader(runtime.store, ledgerFold, 100),
    reservationGraceMs: options.reservationGraceMs ?? DEFAULT_RESERVATION_GRACE_MS,
  };
}

/** Waits before deciding again after losing a race on a stream, as the command handler does (jittered backoff). */
export const backOff = (intake: IntakeRuntime, failures: number): Promise<void> =>
  sleep(intake.runtime.timers, backoffDelay(intake.runtime.retry, failures, intake.runtime.random));

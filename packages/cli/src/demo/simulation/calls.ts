// A salesperson's call on a lead and what follows from it: the note with its outcome, the stage it
// moves to, conversion or loss, and the next call.
import { CallOutcome, ClientId, DomainErrorCode, isDomainError, type Actor } from '@leadline/domain';
import type { Leadline } from 'leadline';
import type { SeededRandom } from '../random.js';
import type { SimLead, World } from './world.js';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

const OUTCOME_WEIGHTS: readonly (readonly [CallOutcome, number])[] = [
  [CallOutcome.NoAnswer, 30],
  [CallOutcome.LeftVoicemail, 15],
  [CallOutcome.Connected, 28],
  [CallOutcome.MeetingBooked, 12],
  [CallOutcome.CallbackRequested, 9],
  [CallOutcome.NotInterested, 4],
  [CallOutcome.WrongNumber, 2],
];

const CALL_NOTES: Readonly<Record<CallOutcome, readonly string[]>> = {
  NO_ANSWER: ['No answer', 'Rang out', 'Line busy'],
  LEFT_VOICEMAIL: ['Left a voicemail', 'Voicemail with my direct line'],
  CONNECTED: ['Good first conversation', 'Walked through the product', 'Discussed their current supplier'],
  MEETING_BOOKED: ['Meeting booked with their team', 'Demo booked for next week'],
  CALLBACK_REQUESTED: ['Asked us to call back next week', 'Busy, call back on Thursday'],
  NOT_INTERESTED: ['Not interested right now'],
  WRONG_NUMBER: ['Wrong number on file'],
};

const LOSS_REASONS = [
  'Went with a competitor',
  'No budget this year',
  'Project cancelled',
  'No response after repeated calls',
  'Too small for our offer',
];

export const isConnected = (outcome: CallOutcome): boolean =>
  outcome === CallOutcome.Connected ||
  outcome === CallOutcome.MeetingBooked ||
  outcome === CallOutcome.CallbackRequested;

function pickOutcome(random: SeededRandom): CallOutcome {
  let roll = random.next() * OUTCOME_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [outcome, weight] of OUTCOME_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return outcome;
  }
  return CallOutcome.NoAnswer;
}

export interface CallContext {
  readonly leadline: Leadline;
  readonly world: World;
  readonly random: SeededRandom;
  /** Lets simulated time pass (the claim expiry worker acts on what falls due). */
  tick(ms: number): Promise<void>;
}

/** Calls the lead, logs the outcome and, if the lead is the caller's to work, moves it on. */
export async function callLead(context: CallContext, lead: SimLead, rep: Actor, moveOn: boolean): Promise<CallOutcome> {
  const { leadline, random } = context;
  const acting = { actor: rep };
  const outcome = pickOutcome(random);
  await leadline.leads.logNote({ leadId: lead.leadId, text: random.pick(CALL_NOTES[outcome]), outcome }, acting);
  lead.attempts += 1;
  if (!moveOn) return outcome;
  const stages = context.world.workflows.get(lead.workflowId);
  if (stages === undefined) return outcome;
  if (outcome === CallOutcome.NotInterested || (lead.attempts >= 8 && !isConnected(outcome))) {
    await lose(
      context,
      lead,
      rep,
      outcome === CallOutcome.NotInterested ? 'Not interested' : 'No response after repeated calls',
    );
    return outcome;
  }
  if (isConnected(outcome)) {
    const qualifies = outcome === CallOutcome.MeetingBooked ? 0.7 : 0.4;
    if (lead.stage === 0 || (lead.stage < stages.open.length - 1 && random.chance(qualifies))) {
      lead.stage += 1;
      const stageId = stages.open[lead.stage] ?? stages.open[0];
      if (stageId === undefined) throw new Error('The demo workflow has no open stage.');
      await leadline.leads.changeStage({ leadId: lead.leadId, stageId, reason: null }, acting);
    } else if (lead.stage === stages.open.length - 1) {
      if (random.chance(0.5 + lead.rating * 0.05)) {
        await leadline.leads.convert(
          { leadId: lead.leadId, clientId: ClientId(`client-${random.uuid().slice(0, 8)}`), mode: 'new' },
          acting,
        );
        lead.status = 'converted';
        lead.nextCallAt = null;
        return outcome;
      }
      if (random.chance(0.12)) {
        await lose(context, lead, rep, random.pick(LOSS_REASONS));
        return outcome;
      }
    }
  }
  const inDays = outcome === CallOutcome.CallbackRequested ? random.int(3, 6) : random.int(1, 4);
  const at = dayStart(context.world.now) + inDays * DAY + random.int(9, 16) * HOUR;
  await leadline.leads.scheduleNextCall(
    {
      leadId: lead.leadId,
      at: new Date(at).toISOString(),
      note: outcome === CallOutcome.MeetingBooked ? 'Meeting' : 'Follow-up call',
    },
    acting,
  );
  lead.nextCallAt = at;
  return outcome;
}

async function lose(context: CallContext, lead: SimLead, rep: Actor, reason: string): Promise<void> {
  await context.leadline.leads.markLost({ leadId: lead.leadId, reason }, { actor: rep });
  lead.status = 'lost';
  lead.lostOnDay = context.world.day;
  lead.nextCallAt = null;
}

export const dayStart = (now: number): number => now - (now % DAY);

/** True when the domain refused because another person's claim still holds (a race people lose). */
export const isClaimHeld = (error: unknown): boolean =>
  isDomainError(error) && error.code === DomainErrorCode.ClaimHeld;

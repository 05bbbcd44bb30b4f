// What a lead command prints: the events it wrote (or that it changed nothing).
import type { LeadCommandResult } from 'leadline';
import type { Session } from '../../session/session';

export function printLeadResult(session: Session, verb: string, result: LeadCommandResult): void {
  const events = result.events.map((event) => ({ type: event.type, revision: event.revision, data: event.data }));
  session.print({ leadId: result.leadId, position: result.position, replayed: result.replayed, events }, () =>
    events.length === 0
      ? `lead ${result.leadId}: nothing to ${verb} (already so)`
      : `lead ${result.leadId}: ${events.map((event) => event.type).join(', ')} (position ${String(result.position)})`,
  );
}

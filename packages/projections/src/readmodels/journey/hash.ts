// The journey's tamper evidence: each step's hash covers its content and the previous step's hash.
import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface StepContent {
  readonly leadId: string;
  readonly seq: number;
  readonly eventId: string;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly kind: string;
  readonly summary: string;
}

/** SHA-256 (hex) of the previous hash and the step's fields in a fixed order, as JSON. */
export function stepHash(prevHash: string, step: StepContent): string {
  const content = JSON.stringify([step.leadId, step.seq, step.eventId, step.occurredAt, step.actorId, step.kind, step.summary]);
  // One-shot hashing of the same bytes: half the cost of a createHash object per step.
  return hash('sha256', `${prevHash}\n${content}`, 'hex');
}

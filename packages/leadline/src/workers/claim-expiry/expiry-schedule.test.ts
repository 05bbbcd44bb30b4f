import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ExpirySchedule, type OpenClaim } from './expiry-schedule.js';

const claim = (leadId: string, claimId: string, expiresAt: number): OpenClaim => ({
  orgId: 'org',
  leadId,
  claimId,
  expiresAt,
  claimedEventId: `evt-${claimId}`,
  correlationId: 'corr',
});

describe('ExpirySchedule', () => {
  it('hands out lapsed claims earliest first and keeps the rest', () => {
    const schedule = new ExpirySchedule();
    schedule.open(claim('a', 'a1', 30));
    schedule.open(claim('b', 'b1', 10));
    schedule.open(claim('c', 'c1', 20));
    expect(schedule.nextExpiry()).toBe(10);
    expect(schedule.takeLapsed(20).map((c) => c.leadId)).toEqual(['b', 'c']);
    expect(schedule.nextExpiry()).toBe(30);
    expect(schedule.size).toBe(1);
  });

  it('forgets a claim that ended, and a claim replaced by a newer one on the same lead', () => {
    const schedule = new ExpirySchedule();
    schedule.open(claim('a', 'a1', 10));
    schedule.open(claim('a', 'a2', 50));
    schedule.open(claim('b', 'b1', 20));
    schedule.close('b', 'other-claim');
    expect(schedule.nextExpiry()).toBe(20);
    schedule.close('b', 'b1');
    expect(schedule.nextExpiry()).toBe(50);
    expect(schedule.takeLapsed(100).map((c) => c.claimId)).toEqual(['a2']);
    expect(schedule.nextExpiry()).toBeNull();
  });

  it('retries a failed claim later, unless the lead was claimed again meanwhile', () => {
    const schedule = new ExpirySchedule();
    schedule.open(claim('a', 'a1', 10));
    schedule.open(claim('b', 'b1', 10));
    const [first, second] = schedule.takeLapsed(10);
    schedule.open(claim('b', 'b2', 90));
    schedule.retry(first as OpenClaim, 15);
    schedule.retry(second as OpenClaim, 15);
    expect(schedule.takeLapsed(100).map((c) => [c.claimId, c.expiresAt])).toEqual([
      ['a1', 15],
      ['b2', 90],
    ]);
  });

  it('returns exactly the open claims due, in order, for any sequence of opens and closes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lead: fc.integer({ min: 0, max: 9 }),
            at: fc.integer({ min: 0, max: 100 }),
            close: fc.boolean(),
          }),
        ),
        fc.integer({ min: 0, max: 100 }),
        (operations, now) => {
          const schedule = new ExpirySchedule();
          const model = new Map<string, OpenClaim>();
          operations.forEach((operation, index) => {
            const leadId = `lead-${operation.lead}`;
            if (operation.close) {
              schedule.close(leadId);
              model.delete(leadId);
            } else {
              const opened = claim(leadId, `c${index}`, operation.at);
              schedule.open(opened);
              model.set(leadId, opened);
            }
          });
          const due = [...model.values()]
            .filter((c) => c.expiresAt <= now)
            .map((c) => c.expiresAt)
            .sort((a, b) => a - b);
          expect(schedule.takeLapsed(now).map((c) => c.expiresAt)).toEqual(due);
          expect(schedule.size).toBe(model.size - due.length);
        },
      ),
    );
  });
});

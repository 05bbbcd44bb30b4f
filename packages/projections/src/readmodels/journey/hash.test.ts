import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stepJson } from './hash.js';

// Any UTF-16 text, lone surrogates, quotes and control characters included.
const anyText = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));

describe('stepJson', () => {
  it('is exactly the JSON.stringify of the step fields in order, whatever the text', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.oneof(fc.nat(), fc.double()),
        anyText,
        anyText,
        anyText,
        (text, seq, eventId, actorId, summary) => {
          const step = {
            leadId: text,
            seq,
            eventId,
            occurredAt: '2026-01-05T08:05:00.000Z',
            actorId,
            kind: 'StageChanged',
            summary,
          };
          expect(stepJson(step)).toBe(
            JSON.stringify([
              step.leadId,
              step.seq,
              step.eventId,
              step.occurredAt,
              step.actorId,
              step.kind,
              step.summary,
            ]),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

// The retention policy: a whole number of months within bounds, or null; set by an administrator; the
// policy in force decides nothing the second time.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainErrorCode } from '../shared/errors.js';
import { aContext, aManager, anActor, ORG, OTHER_ORG, organisationSpec } from '../testing/index.js';
import { decideOrganisation, foldOrganisation } from './decide.js';
import { defaultOrganisationSettings } from './defaults.js';
import type { OrganisationEvent } from './events.js';
import { RETENTION_MONTHS_BOUNDS, type RetentionPolicy } from './retention.js';

const { given } = organisationSpec;
const admin = aContext({ actor: aManager(), organisation: null });
const created: OrganisationEvent = {
  type: 'OrganisationCreated',
  data: { orgId: ORG, name: 'Acme', settings: defaultOrganisationSettings },
};
const set = (lostLeadsAfterMonths: number | null) =>
  ({ type: 'SetRetentionPolicy', orgId: ORG, policy: { lostLeadsAfterMonths } }) as const;
const policySet = (months: number | null, previous: number | null): OrganisationEvent => ({
  type: 'RetentionPolicySet',
  data: { orgId: ORG, policy: { lostLeadsAfterMonths: months }, previous: { lostLeadsAfterMonths: previous } },
});

describe('the retention policy', () => {
  it('is recorded with the policy it replaces', () => {
    given([created])
      .when(set(24), admin)
      .then([policySet(24, null)]);
    given([created, policySet(24, null)])
      .when(set(36), admin)
      .then([policySet(36, 24)]);
  });

  it('is switched off with null, and switching it off again decides nothing', () => {
    given([created, policySet(24, null)])
      .when(set(null), admin)
      .then([policySet(null, 24)]);
    given([created]).when(set(null), admin).then([]);
  });

  it('setting the policy in force decides nothing', () => {
    given([created, policySet(24, null)])
      .when(set(24), admin)
      .then([]);
  });

  it.each([0, -3, 1.5, RETENTION_MONTHS_BOUNDS.max + 1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p months naming the field and the rule',
    (months) => {
      given([created])
        .when(set(months), admin)
        .thenThrows(DomainErrorCode.Validation, 'lostLeadsAfterMonths', 'range:1-1200');
    },
  );

  it('refuses text where months belong (a JSON caller past the schemas)', () => {
    const command = { type: 'SetRetentionPolicy', orgId: ORG, policy: { lostLeadsAfterMonths: '24' } } as unknown;
    given([created])
      .when(command as ReturnType<typeof set>, admin)
      .thenThrows(DomainErrorCode.Validation, 'lostLeadsAfterMonths', 'range:1-1200');
  });

  it('needs Admin Organisation, an existing organisation and the actor’s own', () => {
    given([created])
      .when(set(24), aContext({ actor: anActor(), organisation: null }))
      .thenThrows(DomainErrorCode.PermissionDenied);
    given([]).when(set(24), admin).thenThrows(DomainErrorCode.NotFound, 'orgId', 'must-exist');
    given([created])
      .when({ ...set(24), orgId: OTHER_ORG }, admin)
      .thenThrows(DomainErrorCode.WrongOrganisation, 'orgId', 'same-organisation');
  });

  it('holds the last policy set, whatever sequence of valid and invalid settings came before', () => {
    const months = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -5, max: RETENTION_MONTHS_BOUNDS.max + 5 }),
      fc.double({ noNaN: false }),
    );
    fc.assert(
      fc.property(fc.array(months, { maxLength: 12 }), (attempts) => {
        let events: OrganisationEvent[] = [created];
        let expected: RetentionPolicy = { lostLeadsAfterMonths: null };
        for (const attempt of attempts) {
          const state = foldOrganisation(events);
          const valid =
            attempt === null ||
            (Number.isInteger(attempt) &&
              attempt >= RETENTION_MONTHS_BOUNDS.min &&
              attempt <= RETENTION_MONTHS_BOUNDS.max);
          let decided: OrganisationEvent[];
          try {
            decided = decideOrganisation(set(attempt), state, admin);
          } catch (error) {
            expect(valid).toBe(false);
            expect(error).toMatchObject({ field: 'lostLeadsAfterMonths' });
            continue;
          }
          expect(valid).toBe(true);
          // An event exactly when the policy changes, and it names the policy it replaced.
          expect(decided.length).toBe(attempt === expected.lostLeadsAfterMonths ? 0 : 1);
          for (const event of decided) expect(event).toEqual(policySet(attempt, expected.lostLeadsAfterMonths));
          events = [...events, ...decided];
          expected = { lostLeadsAfterMonths: attempt };
        }
        const final = foldOrganisation(events);
        expect(final.exists && final.retention).toEqual(expected);
      }),
    );
  });
});

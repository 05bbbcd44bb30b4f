// The lead detail (`leads.get`): one lead as its page shows it, read from the lead-detail read model
// with the viewer's visibility; another organisation's lead, or one the viewer may not see, is null.
import type { Actor, LeadId, OrganisationView, OrgId } from '@leadline/domain';
import { leadDetail, type LeadDetail, type ReadModelReader } from '@leadline/projections';
import { RuntimeError, RuntimeErrorCode } from '../commands/errors.js';
import type { Clock } from '../runtime/clock.js';
import { laidOut, type LaidOutSection } from './field-layout.js';

export interface LeadDetailRequest {
  readonly viewer: Actor;
  readonly leadId: LeadId;
  /** How many of the latest notes to include: 0 to 500, default 5. */
  readonly notes?: number;
  /** The instant claims are judged at; the clock's now unless given. */
  readonly now?: Date;
}

/** The lead, and its fields as the organisation's layout shows them (sections in order, hidden ones left out). */
export interface LeadPage extends LeadDetail {
  readonly sections: readonly LaidOutSection[];
}

export interface LeadReading {
  /** The lead with every field, or null when there is none the viewer may see. Does not mark it read. */
  get(request: LeadDetailRequest): Promise<LeadPage | null>;
}

export function createLeadReading(
  readModels: ReadModelReader | null,
  clock: Clock,
  organisation: (orgId: OrgId) => Promise<OrganisationView | null>,
): LeadReading {
  return {
    async get(request) {
      if (readModels === null) {
        throw new RuntimeError(
          RuntimeErrorCode.InvalidOption,
          'readModels',
          'required-for-queries',
          'This Leadline has no read-model store; pass `readModels` to createLeadline to read a lead.',
        );
      }
      const detail = await leadDetail(readModels, {
        orgId: request.viewer.orgId,
        leadId: request.leadId,
        viewer: request.viewer,
        now: request.now ?? clock.now(),
        ...(request.notes === undefined ? {} : { notes: request.notes }),
      });
      return detail === null ? null : { ...detail, sections: laidOut(detail, await organisation(detail.orgId)) };
    },
  };
}

// What a live update tells of a recorded event: which lead or workflow changed, how (the stage move,
// the new owner) and when. Ids only, never details: names, emails, notes and reasons stay behind the
// queries, which check who may see them. A viewer without View All Leads learns only that something
// changed (type and position) and refetches what they may see.
import { canViewOrganisationWide, StreamCategory, type Actor } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';

/** Data fields that are ids or categories, never personal text. */
const ID_FIELDS = ['workflowId', 'stageId', 'from', 'to', 'toCategory', 'ownerId', 'previousOwnerId', 'by', 'clientId'];

export interface ChangeNotice {
  readonly type: string;
  readonly position: string;
  readonly occurredAt: string;
  readonly leadId?: string;
  readonly workflowId?: string;
  readonly revision?: string;
  readonly actorId?: string;
  readonly [field: string]: string | undefined;
}

export function changeNotice(event: RecordedEvent, viewer: Actor): ChangeNotice {
  const base = { type: event.type, position: String(event.position), occurredAt: event.metadata.occurredAt };
  if (!canViewOrganisationWide(viewer)) return base;
  const data = typeof event.data === 'object' && event.data !== null ? event.data : {};
  const ids = Object.fromEntries(
    ID_FIELDS.map((field) => [field, Reflect.get(data, field)] as const).filter(
      (entry): entry is readonly [string, string] => typeof entry[1] === 'string',
    ),
  );
  const [category, ...rest] = event.streamName.split('-');
  const subject = rest.join('-');
  return {
    ...base,
    ...ids,
    ...(category === StreamCategory.Lead ? { leadId: subject } : {}),
    ...(category === StreamCategory.Workflow ? { workflowId: subject } : {}),
    revision: String(event.revision),
    actorId: event.metadata.actorId,
  };
}

/** The streams live updates follow. */
export const FOLLOWED_STREAMS = [StreamCategory.Lead, StreamCategory.Workflow, StreamCategory.Organisation].map(
  (category) => `${category}-`,
);

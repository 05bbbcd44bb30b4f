import { describe, expect, it } from '@jest/globals';
import type { ClientEvent } from './client/events.js';
import { evolveClient } from './client/evolve.js';
import { initialClientState } from './client/state.js';
import { EVENT_SCHEMA_VERSIONS, LEADLINE_EVENT_TYPES, type LeadlineEvent } from './events.js';
import type { LeadEvent } from './lead/events.js';
import { evolveLead } from './lead/evolve.js';
import { initialLeadState } from './lead/state.js';
import type { OrganisationEvent } from './organisation/events.js';
import { evolveOrganisation } from './organisation/evolve.js';
import { initialOrganisationState } from './organisation/state.js';
import { aLeadCreated, ALL_SAMPLE_EVENTS, SAMPLE_EVENTS } from './testing/index.js';
import type { WorkflowEvent } from './workflow/events.js';
import type { ListViewEvent } from './list-view/events.js';
import { evolveListViews, initialListViewsState } from './list-view/state.js';
import { evolveWorkflow } from './workflow/evolve.js';
import { initialWorkflowState } from './workflow/state.js';

const LEAD_TYPES = new Set(
  Object.keys(SAMPLE_EVENTS).filter(
    (type) =>
      !/^(Workflow|Organisation|DefaultWorkflow|Client|ListView|CustomField|FieldLayout|RetentionPolicy)/.test(type),
  ),
);
const isLeadEvent = (event: LeadlineEvent): event is LeadEvent => LEAD_TYPES.has(event.type);
const isWorkflowEvent = (event: LeadlineEvent): event is WorkflowEvent => event.type.startsWith('Workflow');
const isClientEvent = (event: LeadlineEvent): event is ClientEvent => event.type.startsWith('Client');
const isListViewEvent = (event: LeadlineEvent): event is ListViewEvent => event.type.startsWith('ListView');

describe('the event catalogue', () => {
  it('has a schema version for every type, and a sample of each', () => {
    expect([...LEADLINE_EVENT_TYPES].sort()).toEqual(Object.keys(SAMPLE_EVENTS).sort());
    for (const type of LEADLINE_EVENT_TYPES) expect(EVENT_SCHEMA_VERSIONS[type]).toBeGreaterThanOrEqual(1);
  });

  it.each(ALL_SAMPLE_EVENTS.map((event) => [event.type, event] as const))(
    '%s survives a JSON round trip unchanged',
    (_type, event) => {
      expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
    },
  );

  it('is handled by evolve, type by type, and the states survive a JSON round trip too', () => {
    const created = evolveLead(initialLeadState, aLeadCreated());
    let workflow = initialWorkflowState;
    let organisation = initialOrganisationState;
    let views = initialListViewsState;
    let client = initialClientState;
    for (const event of ALL_SAMPLE_EVENTS) {
      if (isLeadEvent(event)) {
        const next = evolveLead(created, event);
        expect(JSON.parse(JSON.stringify(next))).toStrictEqual(next);
        expect(next.exists).toBe(true);
      } else if (isWorkflowEvent(event)) {
        workflow = evolveWorkflow(workflow, event);
      } else if (isListViewEvent(event)) {
        views = evolveListViews(views, event);
        expect(JSON.parse(JSON.stringify(views))).toStrictEqual(views);
      } else if (isClientEvent(event)) {
        client = evolveClient(client, event);
      } else {
        organisation = evolveOrganisation(organisation, event satisfies OrganisationEvent);
      }
    }
    expect(workflow.exists && workflow.name).toBe('Inbound');
    expect(organisation.exists && organisation.settings.claimWindowMs).toBe(3_600_000);
    expect(views).toEqual({ views: {}, deletedIds: ['view-hot'] });
    // The catalogue ends with the client's erasure: its personal details read as the placeholder.
    expect(client.exists && client.details).toEqual({
      name: '[erased]',
      email: null,
      phone: '[erased]',
      company: 'Engines plc',
    });
  });

  it('ignores lead events before a lead exists, rather than inventing one', () => {
    for (const event of ALL_SAMPLE_EVENTS.filter(isLeadEvent).filter((e) => e.type !== 'LeadCreated')) {
      expect(evolveLead(initialLeadState, event)).toBe(initialLeadState);
    }
  });
});

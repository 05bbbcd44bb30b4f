// A scripted history for given/then tests: the standard organisations and workflows, then commands a
// test names, all decided by the domain's deciders.
import type { Actor, ClientCommand, LeadCommand, LeadId, OrgId, WorkflowCommand } from '@leadline/domain';
import { LeadId as leadId } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import { HISTORY_START, setUpWorld } from './history/interpreter.js';
import type { WorldLead } from './history/world.js';
import { managerActor, World, WORLD_ORGS } from './history/world.js';

export class Scenario {
  readonly world = new World(HISTORY_START);
  private readonly byId = new Map<string, WorldLead>();

  constructor() {
    setUpWorld(this.world);
    this.world.strict = true;
  }

  get events(): readonly RecordedEvent[] {
    return this.world.events;
  }

  /** Moves the clock on. */
  after(minutes: number): this {
    this.world.now = new Date(this.world.now.getTime() + minutes * 60_000);
    return this;
  }

  /** Runs a lead command; throws when the domain refuses it (a scenario means every step). */
  on(
    id: string,
    command: (leadId: LeadId) => LeadCommand,
    actor: Actor = managerActor,
    orgId: OrgId = WORLD_ORGS[0],
  ): this {
    let lead = this.byId.get(id);
    if (lead === undefined) {
      lead = this.world.newLead(leadId(id), orgId);
      this.byId.set(id, lead);
      this.world.leads.push(lead);
    }
    if (!this.world.lead(lead, command(lead.leadId), actor)) throw new Error(`Scenario step on ${id} decided nothing.`);
    return this;
  }

  /** Runs a workflow command in the organisation; throws when the domain refuses it. */
  onWorkflow(command: WorkflowCommand, actor: Actor = managerActor, orgId: OrgId = WORLD_ORGS[0]): this {
    if (!this.world.workflow(orgId, command, actor))
      throw new Error(`Scenario step on ${command.workflowId} decided nothing.`);
    return this;
  }

  /** Runs a client command in the organisation; throws when the domain refuses it. */
  onClient(command: ClientCommand, actor: Actor = managerActor, orgId: OrgId = WORLD_ORGS[0]): this {
    if (!this.world.client(orgId, command, actor))
      throw new Error(`Scenario step on ${command.clientId} decided nothing.`);
    return this;
  }
}

// Builds the CommandContext a decision needs: the organisation and the workflows the command can touch,
// each folded from its own stream and cached; every use reads the stream past the cached revision
// first, so a change written by another process is seen before the next decision.
import type { Actor, CommandContext, OrganisationView, OrgId, WorkflowId, WorkflowView } from '@leadline/domain';
import { organisationStream, workflowStream } from '@leadline/domain';
import type { DomainEvent } from '../commands/decider';
import type { StreamStateLoader } from '../commands/stream-state';

export interface ViewSource<State, Event extends DomainEvent, View> {
  readonly loader: StreamStateLoader<State, Event>;
  readonly toView: (state: State) => View | null;
}

export interface ContextLoader {
  organisation(orgId: OrgId): Promise<OrganisationView | null>;
  workflow(workflowId: WorkflowId): Promise<WorkflowView | null>;
  /** The context for a command by `actor` in `orgId` at `now`, with the named workflows (and the org's default). */
  build(orgId: OrgId, actor: Actor, now: Date, workflowIds: readonly (WorkflowId | null | undefined)[]): Promise<CommandContext>;
}

export function createContextLoader<OrgState, OrgEvent extends DomainEvent, WfState, WfEvent extends DomainEvent>(
  organisations: ViewSource<OrgState, OrgEvent, OrganisationView>,
  workflows: ViewSource<WfState, WfEvent, WorkflowView>,
): ContextLoader {
  const organisation = async (orgId: OrgId): Promise<OrganisationView | null> =>
    organisations.toView((await organisations.loader.load(organisationStream(orgId))).state);
  const workflow = async (workflowId: WorkflowId): Promise<WorkflowView | null> =>
    workflows.toView((await workflows.loader.load(workflowStream(workflowId))).state);

  return {
    organisation,
    workflow,
    async build(orgId, actor, now, workflowIds) {
      const view = await organisation(orgId);
      const wanted: WorkflowId[] = [];
      for (const id of workflowIds) if (id !== null && id !== undefined && !wanted.includes(id)) wanted.push(id);
      const fallback = view?.defaultWorkflowId;
      if (fallback !== null && fallback !== undefined && !wanted.includes(fallback)) wanted.push(fallback);
      // Nearly every command needs one workflow (the lead's, usually the default): no Promise.all for it.
      const only = wanted.length === 1 ? wanted[0] : undefined;
      const loaded = only === undefined ? await Promise.all(wanted.map(workflow)) : [await workflow(only)];
      const map = new Map<WorkflowId, WorkflowView>();
      // Another organisation's workflow is left out, so the decider refuses it as unknown.
      for (const found of loaded) if (found !== null && found.orgId === orgId) map.set(found.workflowId, found);
      return { now, actor, orgId, organisation: view, workflows: map };
    },
  };
}

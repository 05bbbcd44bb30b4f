// Builds the CommandContext a decision needs: the organisation and the workflows the command can touch,
// each folded from its own stream and cached; every use reads the stream past the cached revision
// first, so a change written by another process is seen before the next decision. The organisation
// and the workflows are loaded at the same time (on a database, their revision checks overlap instead
// of taking turns), and a command may start them before its own stream is loaded.
import type { Actor, CommandContext, OrganisationView, OrgId, WorkflowId, WorkflowView } from '@leadline/domain';
import { organisationStream, workflowStream } from '@leadline/domain';
import type { DomainEvent } from '../commands/decider.js';
import type { StreamStateLoader } from '../commands/stream-state.js';

export interface ViewSource<State, Event extends DomainEvent, View> {
  readonly loader: StreamStateLoader<State, Event>;
  readonly toView: (state: State) => View | null;
}

/** The loads of a context under way: started early, completed when the decision is about to be taken. */
export interface PendingContext {
  /** The context at `now`, with these workflows (and the organisation's default) besides those started. */
  complete(now: Date, workflowIds: readonly (WorkflowId | null | undefined)[]): Promise<CommandContext>;
}

export interface ContextLoader {
  organisation(orgId: OrgId): Promise<OrganisationView | null>;
  workflow(workflowId: WorkflowId): Promise<WorkflowView | null>;
  /** Starts loading the organisation, these workflows and the organisation's default workflow as last seen. */
  start(orgId: OrgId, actor: Actor, workflowIds: readonly (WorkflowId | null | undefined)[]): PendingContext;
  /** The context for a command by `actor` in `orgId` at `now`, with the named workflows (and the org's default). */
  build(
    orgId: OrgId,
    actor: Actor,
    now: Date,
    workflowIds: readonly (WorkflowId | null | undefined)[],
  ): Promise<CommandContext>;
}

const settleQuietly = (): undefined => undefined;

interface ViewLoaders {
  readonly organisation: (orgId: OrgId) => Promise<OrganisationView | null>;
  readonly workflow: (workflowId: WorkflowId) => Promise<WorkflowView | null>;
}

/** One command's context loads: the organisation and the workflows asked for so far. */
class StartedContext implements PendingContext {
  private readonly organisationLoad: Promise<OrganisationView | null>;
  /** The workflows asked for so far and their loads, side by side (one or two, nearly always). */
  private readonly ids: WorkflowId[] = [];
  private readonly loads: Promise<WorkflowView | null>[] = [];

  constructor(
    private readonly loaders: ViewLoaders,
    private readonly orgId: OrgId,
    private readonly actor: Actor,
    private readonly initiallyNamed: readonly (WorkflowId | null | undefined)[],
    expectedDefault: WorkflowId | undefined,
  ) {
    this.organisationLoad = loaders.organisation(orgId);
    this.organisationLoad.catch(settleQuietly);
    for (const id of initiallyNamed) if (id !== null && id !== undefined) this.load(id);
    if (expectedDefault !== undefined) this.load(expectedDefault);
  }

  async complete(now: Date, wanted: readonly (WorkflowId | null | undefined)[]): Promise<CommandContext> {
    const view = await this.organisationLoad;
    for (const id of wanted) if (id !== null && id !== undefined) this.load(id);
    const fallback = view?.defaultWorkflowId;
    if (fallback !== null && fallback !== undefined) this.load(fallback);
    const workflows = new Map<WorkflowId, WorkflowView>();
    for (let index = 0; index < this.ids.length; index++) {
      const id = this.ids[index] as WorkflowId;
      // Only what was named or is the actual default: a speculative load of a former default stays out.
      if (id !== fallback && !this.named(id, wanted)) continue;
      const found = await this.loads[index];
      // Another organisation's workflow is left out, so the decider refuses it as unknown.
      if (found !== null && found !== undefined && found.orgId === this.orgId) workflows.set(found.workflowId, found);
    }
    return { now, actor: this.actor, orgId: this.orgId, organisation: view, workflows };
  }

  private named(id: WorkflowId, wanted: readonly (WorkflowId | null | undefined)[]): boolean {
    return this.initiallyNamed.includes(id) || wanted.includes(id);
  }

  private load(id: WorkflowId): void {
    if (this.ids.includes(id)) return;
    const loading = this.loaders.workflow(id);
    // A speculative load the decision ends up not needing must not surface as an unhandled rejection.
    loading.catch(settleQuietly);
    this.ids.push(id);
    this.loads.push(loading);
  }
}

export function createContextLoader<OrgState, OrgEvent extends DomainEvent, WfState, WfEvent extends DomainEvent>(
  organisations: ViewSource<OrgState, OrgEvent, OrganisationView>,
  workflows: ViewSource<WfState, WfEvent, WorkflowView>,
): ContextLoader {
  /** Each organisation's default workflow as last loaded: loaded with the organisation, speculatively. */
  const lastDefault = new Map<OrgId, WorkflowId>();
  const loaders: ViewLoaders = {
    async organisation(orgId) {
      const view = organisations.toView((await organisations.loader.load(organisationStream(orgId))).state);
      const fallback = view?.defaultWorkflowId;
      if (fallback !== null && fallback !== undefined && lastDefault.get(orgId) !== fallback)
        lastDefault.set(orgId, fallback);
      return view;
    },
    async workflow(workflowId) {
      return workflows.toView((await workflows.loader.load(workflowStream(workflowId))).state);
    },
  };
  const start = (orgId: OrgId, actor: Actor, workflowIds: readonly (WorkflowId | null | undefined)[]): PendingContext =>
    new StartedContext(loaders, orgId, actor, workflowIds, lastDefault.get(orgId));

  return {
    organisation: loaders.organisation,
    workflow: loaders.workflow,
    start,
    build: (orgId, actor, now, workflowIds) => start(orgId, actor, workflowIds).complete(now, []),
  };
}

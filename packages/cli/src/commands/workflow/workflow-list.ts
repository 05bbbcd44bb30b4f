// The organisation's workflows, found from their creation events and read back through the facade.
import { WorkflowId, type WorkflowView } from '@leadline/domain';
import type { Session } from '../../session/session.js';

export async function listWorkflows(session: Session): Promise<(WorkflowView & { readonly isDefault: boolean })[]> {
  const acting = await session.acting();
  const organisation = await session.leadline.organisations.get(acting.actor);
  const ids: WorkflowId[] = [];
  for await (const event of session.leadline.store.readAll({ filter: { eventTypes: ['WorkflowCreated'] } })) {
    if (event.metadata.orgId === acting.actor.orgId)
      ids.push(WorkflowId((event.data as { workflowId: string }).workflowId));
  }
  const workflows = [];
  for (const workflowId of ids) {
    const workflow = await session.leadline.workflows.get(workflowId, acting.actor);
    if (workflow !== null) workflows.push({ ...workflow, isDefault: organisation?.defaultWorkflowId === workflowId });
  }
  return workflows;
}

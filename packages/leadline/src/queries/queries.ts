// The read models' queries bound to this instance's read-model store and clock. Every query takes the
// viewer, so leads the viewer may not see (View All Leads) are filtered out by the read model.
import { pipelineBoard, pipelineBoardProjector, type PipelineBoard, type PipelineBoardQuery, type Projector, type ReadModelStore } from '@leadline/projections';
import { RuntimeError, RuntimeErrorCode } from '../commands/errors';
import type { Clock } from '../runtime/clock';

/** The read models Leadline keeps by default. */
export const LEADLINE_PROJECTORS: readonly Projector[] = [pipelineBoardProjector];

/** A query's input without `now`: claims are judged at the instance clock's now unless given. */
type Bound<Q> = Omit<Q, 'now'> & { readonly now?: Date };

export interface LeadlineQueries {
  pipelineBoard(query: Bound<PipelineBoardQuery>): Promise<PipelineBoard | null>;
}

export function bindQueries(readModels: ReadModelStore | null, clock: Clock): LeadlineQueries {
  const reader = (): ReadModelStore => {
    if (readModels === null) {
      throw new RuntimeError(RuntimeErrorCode.InvalidOption, 'readModels', 'required-for-queries', 'This Leadline has no read-model store; pass `readModels` to createLeadline to query.');
    }
    return readModels;
  };
  const at = <Q>(query: Bound<Q>): Q => ({ ...query, now: query.now ?? clock.now() }) as Q;
  return {
    pipelineBoard: async (query) => pipelineBoard(reader(), at(query)),
  };
}

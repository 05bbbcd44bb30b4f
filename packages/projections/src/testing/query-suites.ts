// Every query's specification and the runner's, registered at once for one kind of store: each SQL store
// runs the same expectations, so SQLite (file and :memory:) and PostgreSQL answer alike.
import { describeClaimsQueries } from '../readmodels/claims/claims.suite.js';
import { describeClientsQueries } from '../readmodels/clients/clients.suite.js';
import { describeJourneyQueries } from '../readmodels/journey/journey.suite.js';
import { describeLeadListQueries } from '../readmodels/lead-list/lead-list.suite.js';
import { describeLeadDetailQueries } from '../readmodels/lead-details/lead-details.suite.js';
import { describePipelineBoardQueries } from '../readmodels/pipeline-board/pipeline-board.suite.js';
import { describeRepBoardTotals } from '../readmodels/pipeline-board/rep-board.suite.js';
import { describeSearchQueries } from '../readmodels/search/search.suite.js';
import { describeSourceAnalyticsQueries } from '../readmodels/source-analytics/source-analytics.suite.js';
import { describeStageTransitionsQueries } from '../readmodels/stage-transitions/stage-transitions.suite.js';
import { describeProjectionRunner } from '../runner/runner.suite.js';
import type { ReadModelStoreFactory } from './factory.js';
import { describeKeysetPaging } from './paging.suite.js';
import { describeVisibilityInSql } from './visibility.suite.js';

export function describeReadModelQueries(factory: ReadModelStoreFactory): void {
  describeProjectionRunner(factory);
  describePipelineBoardQueries(factory);
  describeRepBoardTotals(factory);
  describeClaimsQueries(factory);
  describeClientsQueries(factory);
  describeSearchQueries(factory);
  describeJourneyQueries(factory);
  describeLeadDetailQueries(factory);
  describeSourceAnalyticsQueries(factory);
  describeStageTransitionsQueries(factory);
  describeLeadListQueries(factory);
  describeKeysetPaging(factory);
  describeVisibilityInSql(factory);
}

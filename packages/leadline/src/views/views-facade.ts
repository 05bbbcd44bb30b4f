// The views part of the facade: list views, a view's export, and the lead list they drive.
import type { ReadModelReader } from '@leadline/projections';
import { createViewExport, type ExportViewInput } from '../export/view-csv.js';
import type { Clock, IdGenerator } from '../runtime/clock.js';
import type { Dispatcher } from '../runtime/dispatcher.js';
import type { LeadId } from '@leadline/domain';
import { createLeadList, pagesOf, resolveList, type LeadListInput, type LeadListPage } from './lead-list.js';
import { createListViews, type ListViews } from './list-views.js';

export interface ViewsFacade extends ListViews {
  /**
   * The view as CSV, streamed: the header line, then one chunk per page of up to 500 leads. Email and
   * phone are added unless `contact: false`; formula-like cells are neutralised.
   */
  exportCsv(input: ExportViewInput): AsyncIterable<string>;
  /** `leadline.leads.list`. */
  readonly leadList: (input: LeadListInput) => Promise<LeadListPage>;
  /** The ids of every lead in a view the viewer sees, page by page (mass email to a view). */
  readonly leadIdsOf: (input: Omit<LeadListInput, 'cursor' | 'limit'>) => AsyncIterable<readonly LeadId[]>;
}

export function createViewsFacade(
  reader: () => ReadModelReader,
  clock: Clock,
  dispatcher: Dispatcher,
  ids: IdGenerator,
): ViewsFacade {
  return {
    ...createListViews(dispatcher, ids),
    exportCsv: createViewExport(reader, clock, dispatcher),
    leadList: createLeadList(reader, clock, dispatcher),
    async *leadIdsOf(input) {
      const list = await resolveList(dispatcher, { ...input, adHoc: { ...input.adHoc, columns: ['name'] } });
      for await (const items of pagesOf(reader(), list, input.viewer, input.now ?? clock.now()))
        yield items.map((item) => item.leadId);
    },
  };
}

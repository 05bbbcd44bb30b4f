// `leadline views` (list, show, create, delete the organisation's list views) and `leadline leads` (a
// page of a view, or of columns, sort and filters given here), both through the facade.
import type { ListField } from '@leadline/domain';
import type { LeadListPage, ListView } from 'leadline';
import { withSession, type Registrar } from '../../cli/program.js';
import { formatInstant, formatMoney } from '../../output/format.js';
import { renderPairs, renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { adHocOf, collect, type ViewOptions } from './view-options.js';

type ListValue = LeadListPage['items'][number]['values'][string];

/** A list value as a table cell: money with its currency, instants to the minute, yes / no. */
export function cellOf(field: ListField, value: ListValue): string {
  if (value === null) return '-';
  if (typeof value === 'object') return formatMoney([value]);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field.type === 'instant' && typeof value === 'string') return formatInstant(value);
  return String(value);
}

const describeFilters = (view: ListView): string =>
  view.filters.length === 0
    ? '-'
    : view.filters
        .map((filter) =>
          [filter.field, filter.op, ...(filter.value === undefined ? [] : [JSON.stringify(filter.value)])].join(' '),
        )
        .join('; ');

const describeSort = (view: ListView): string =>
  view.sort.length === 0 ? '-' : view.sort.map((key) => `${key.field}:${key.direction}`).join(', ');

async function fieldsOf(session: Session) {
  const { actor } = await session.acting();
  return session.leadline.views.fields({ viewer: actor });
}

export const registerViewsCommands: Registrar = (program, io) => {
  const views = program
    .command('views')
    .description('list views: the system views and saved ones (columns, sort, filters)');
  views
    .command('list')
    .description('the views you can use: the system views, then shared ones and your own')
    .action(
      withSession(io, async (session) => {
        const { actor } = await session.acting();
        const list = await session.leadline.views.list({ viewer: actor });
        session.print(list, () =>
          renderTable(
            ['view', 'id', 'kind', 'sort', 'filters'],
            list.map((view) => [
              view.name,
              view.viewId,
              view.system ? 'system' : view.visibility,
              describeSort(view),
              describeFilters(view),
            ]),
          ),
        );
      }),
    );
  views
    .command('show')
    .description('one view: its columns, sort and filters')
    .argument('<view>', 'view name or id')
    .action(
      withSession(io, async (session, [reference]) => {
        const { actor } = await session.acting();
        const view = await session.leadline.views.get({ viewer: actor, view: reference ?? '' });
        session.print(view, () =>
          renderPairs([
            ['view', view.name],
            ['id', view.viewId],
            ['kind', view.system ? 'system' : view.visibility],
            ['columns', view.columns.join(', ')],
            ['sort', describeSort(view)],
            ['filters', describeFilters(view)],
          ]),
        );
      }),
    );
  views
    .command('create')
    .description('save a view: --columns, --sort, --filter (repeatable), --shared')
    .argument('<name>', 'its name')
    .option('--columns <fields>', 'comma-separated fields (leadline views fields lists them)')
    .option('--sort <keys>', 'FIELD[:asc|desc],…')
    .option('--filter <condition>', '"FIELD OPERATOR [VALUE]", repeatable', collect)
    .option('--shared', 'share it with the organisation (organisation admins)')
    .action(
      withSession<ViewOptions & { shared?: boolean }>(io, async (session, [name], options) => {
        const adHoc = adHocOf(options, await fieldsOf(session));
        const result = await session.leadline.views.create(
          { name: name ?? '', ...adHoc, ...(options.shared === true ? { visibility: 'shared' as const } : {}) },
          await session.acting(),
        );
        session.print({ viewId: result.viewId }, () => `saved view ${name ?? ''} (${result.viewId})`);
      }),
    );
  views
    .command('delete')
    .description('delete a saved view (system views stay)')
    .argument('<view>', 'view name or id')
    .action(
      withSession(io, async (session, [reference]) => {
        const acting = await session.acting();
        const view = await session.leadline.views.get({ viewer: acting.actor, view: reference ?? '' });
        await session.leadline.views.delete({ viewId: view.viewId }, acting);
        session.print({ viewId: view.viewId, deleted: true }, () => `deleted view ${view.name}`);
      }),
    );
  views
    .command('fields')
    .description('the fields a view can show, sort and filter by, with their types')
    .action(
      withSession(io, async (session) => {
        const fields = await fieldsOf(session);
        session.print(fields, () =>
          renderTable(
            ['field', 'label', 'type'],
            fields.map((f) => [f.key, f.label, f.type]),
          ),
        );
      }),
    );

  program
    .command('leads')
    .description('a page of leads: a view (default All leads), or columns, sort and filters given here')
    .option('--view <view>', 'view name or id')
    .option('--columns <fields>', 'comma-separated fields')
    .option('--sort <keys>', 'FIELD[:asc|desc],…')
    .option('--filter <condition>', '"FIELD OPERATOR [VALUE]", repeatable', collect)
    .option('--limit <n>', 'leads per page (1-500, default 50)', Number)
    .option('--cursor <cursor>', 'the next-page cursor a previous page printed')
    .action(
      withSession<ViewOptions & { view?: string; limit?: number; cursor?: string }>(
        io,
        async (session, _args, options) => {
          await session.catchUp();
          const { actor } = await session.acting();
          const adHoc = adHocOf(options, await fieldsOf(session));
          const page = await session.leadline.leads.list({
            viewer: actor,
            now: session.now(),
            ...(options.view === undefined ? {} : { view: options.view }),
            ...(adHoc === undefined ? {} : { adHoc }),
            ...(options.limit === undefined ? {} : { limit: options.limit }),
            ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
          });
          session.print(page, () =>
            [
              `${page.view.name}: ${String(page.items.length)} lead(s)`,
              renderTable(
                ['id', ...page.columns.map((column) => column.label)],
                page.items.map((item) => [
                  item.leadId,
                  ...page.columns.map((column) => cellOf(column, item.values[column.key] ?? null)),
                ]),
              ),
              ...(page.nextCursor === null ? [] : [`next page: --cursor ${page.nextCursor}`]),
            ].join('\n'),
          );
        },
      ),
    );
};

// The page's one door to the server: Leadline's HTTP API under /api (createHttpHandler) and the app's
// own /app/config (the login picker's people, the lead form's sources). Every answer that is not 2xx
// becomes an ApiError carrying the API's code, field and rule, which the page shows as they are. The
// answers are typed with the library's own types (type imports only: nothing of it is bundled).
import type { WorkflowView } from '@leadline/domain';
import type {
  AdHocView,
  BulkOutcome,
  FunnelStage,
  ImportReport,
  JourneyStep,
  LeadListPage,
  LeadPage,
  ListView,
  PipelineBoard,
  SourcePeriodStats,
} from 'leadline';

export type { AdHocView, FunnelStage, JourneyStep, LeadListPage, LeadPage, ListView, PipelineBoard, SourcePeriodStats };
export type ListedLead = LeadListPage['items'][number];
export type ListColumn = LeadListPage['columns'][number];

/** What the Leads list asks of `POST /lead-lists`: a view, the page's own sort and filters, a cursor. */
export interface LeadListRequest {
  readonly view?: string;
  readonly adHoc?: AdHocView;
  readonly cursor?: string;
  readonly limit?: number;
}
export type BoardStage = PipelineBoard['stages'][number];
export type BoardLead = BoardStage['leads'][number];

export interface BoardFilters {
  readonly ownerId?: string;
  readonly source?: string;
  readonly stageId?: string;
  readonly text?: string;
}

export interface BoardOptions extends BoardFilters {
  readonly workflowId?: string;
  /** Leads listed per stage (counts and values always cover all). */
  readonly leadsPerStage?: number;
}

export interface AppConfig {
  readonly organisation: string;
  readonly sources: readonly string[];
  readonly people: readonly Person[];
}

/** A lead's page (`GET /leads/{id}`) with its ETag (the lead's revision, for If-Match). */
export interface LeadWithRevision {
  readonly lead: LeadPage;
  readonly etag: string | null;
}

export interface Person {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly viewsAll: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly field?: string;
    readonly rule?: string;
  };
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return (await callWithHeaders<T>(method, path, body, headers)).body;
}

// The answer's type is the caller's word for what the API documents; the page trusts its own server.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function callWithHeaders<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ readonly body: T; readonly headers: Headers }> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    // A string is a document of its own type (CSV), named by the caller's content-type header.
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.field,
      error?.rule,
    );
  }
  return { body: parsed as T, headers: response.headers };
}

const query = (parameters: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

const leadPath = (leadId: string): string => `/api/leads/${encodeURIComponent(leadId)}`;

const readSide = (asOf: string | undefined): string =>
  asOf === undefined ? '/api' : `/api/as-of/${encodeURIComponent(asOf)}`;

/** A key per user action: a double click or a retried request does the thing once. */
const once = (): Record<string, string> => ({ 'idempotency-key': crypto.randomUUID() });

export const api = {
  config: () => call<AppConfig>('GET', '/app/config'),
  board: ({ workflowId, leadsPerStage = 100, ...filters }: BoardOptions = {}) =>
    call<PipelineBoard>(
      'GET',
      `/api/board${query({
        workflowId,
        leadsPerStage,
        // Nested fields of the query go as dotted keys: filters.ownerId=ana.
        ...Object.fromEntries(Object.entries(filters).map(([name, value]) => [`filters.${name}`, value])),
      })}`,
    ),
  /** The lead resource: every field, its stage and workflow, owner, claim (404 when not the viewer's to see). */
  lead: async (leadId: string): Promise<LeadWithRevision> => {
    const answer = await callWithHeaders<LeadPage>('GET', leadPath(leadId));
    return { lead: answer.body, etag: answer.headers.get('etag') };
  },
  /** A workflow and its stages, in order: where a lead may be moved. */
  workflow: (workflowId: string) => call<WorkflowView>('GET', `/api/workflows/${encodeURIComponent(workflowId)}`),
  /** The system views and the saved views the viewer may use. */
  views: () => call<ListView[]>('GET', '/api/views'),
  /** One page of a view (or of the page's own sort and filters on top of it). */
  leadList: (request: LeadListRequest) => call<LeadListPage>('POST', '/api/lead-lists', request),
  journey: (leadId: string) => call<JourneyStep[]>('GET', `${leadPath(leadId)}/journey`),
  createLead: (details: Record<string, unknown>) =>
    call<{ leadId: string }>('POST', '/api/leads', { fields: details }, once()),
  changeStage: (leadId: string, stageId: string) =>
    call<unknown>('POST', `${leadPath(leadId)}/stage`, { stageId }, once()),
  claim: (leadId: string) => call<unknown>('POST', `${leadPath(leadId)}/claim`, {}, once()),
  release: (leadId: string) => call<unknown>('DELETE', `${leadPath(leadId)}/claim`, undefined, once()),
  convert: (leadId: string) =>
    call<unknown>('POST', `${leadPath(leadId)}/conversion`, { clientId: `client-${leadId}`, mode: 'new' }, once()),
  transfer: (leadIds: readonly string[], userId: string) =>
    call<BulkOutcome>('POST', '/api/bulk/transfer', { leadIds, target: { to: 'user', userId } }, once()),
  deleteMany: (leadIds: readonly string[]) => call<BulkOutcome>('POST', '/api/bulk/delete', { leadIds }, once()),
  importCsv: (csv: string) =>
    call<ImportReport>('POST', '/api/imports', csv, { ...once(), 'content-type': 'text/csv' }),
  /** Figures now, or as they stood at an instant (the server replays the read models to it). */
  sources: (asOf?: string) =>
    call<SourcePeriodStats[]>('GET', `${readSide(asOf)}/analytics/sources${query({ period: 'month' })}`),
  funnel: (workflowId: string, asOf?: string) =>
    call<FunnelStage[]>('GET', `${readSide(asOf)}/analytics/funnel${query({ workflowId })}`),
};

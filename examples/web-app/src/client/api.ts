// The page's one door to the server: Leadline's HTTP API under /api (createHttpHandler) and the app's
// own /app/config (the login picker's people, the lead form's sources). Every answer that is not 2xx
// becomes an ApiError carrying the API's code, field and rule, which the page shows as they are. The
// answers are typed with the library's own types (type imports only: nothing of it is bundled).
import type { BulkOutcome, FunnelStage, ImportReport, JourneyStep, PipelineBoard, SourcePeriodStats } from 'leadline';

export type { FunnelStage, JourneyStep, PipelineBoard, SourcePeriodStats };
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

export interface LeadDetails extends BoardLead {
  readonly stageId: string;
  readonly stageName: string;
  readonly category: BoardStage['category'];
  /** The stages of the lead's workflow, in order: where it may be moved. */
  readonly stages: readonly { readonly stageId: string; readonly name: string }[];
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
  return parsed as T;
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
  /** One lead as the viewer's board shows it (until the API has a lead resource of its own). */
  lead: async (leadId: string): Promise<LeadDetails> => {
    const board = await api.board({ leadsPerStage: 500 });
    for (const stage of board.stages) {
      const lead = stage.leads.find((candidate) => candidate.leadId === leadId);
      if (lead !== undefined) {
        const stages = board.stages.map(({ stageId, name }) => ({ stageId, name }));
        return { ...lead, stageId: stage.stageId, stageName: stage.name, category: stage.category, stages };
      }
    }
    throw new ApiError(404, 'NOT_FOUND', 'No lead here for you: it does not exist or is not yours to see.', 'lead');
  },
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

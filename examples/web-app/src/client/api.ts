// The page's one door to the server: Leadline's HTTP API under /api (createHttpHandler) and the app's
// own /app/people for the login picker. Every answer that is not 2xx becomes an ApiError carrying the
// API's code, field and rule, which the page shows as they are.

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export interface BoardLead {
  readonly leadId: string;
  readonly name: string;
  readonly company: string | null;
  readonly source: string;
  readonly ownerId: string | null;
  readonly estimatedValue: Money | null;
  readonly nextCallAt: string | null;
  readonly claimState: string;
  readonly claimedBy: string | null;
  readonly claimExpiresAt: string | null;
}

export interface BoardStage {
  readonly stageId: string;
  readonly name: string;
  readonly category: 'open' | 'won' | 'lost';
  readonly count: number;
  readonly value: readonly Money[];
  readonly leads: readonly BoardLead[];
  readonly nextCursor: string | null;
}

export interface PipelineBoard {
  readonly workflowId: string;
  readonly workflowName: string;
  readonly stages: readonly BoardStage[];
  readonly count: number;
}

export interface BoardFilters {
  readonly ownerId?: string;
  readonly source?: string;
  readonly stageId?: string;
  readonly text?: string;
}

export interface SearchHit {
  readonly leadId: string;
  readonly name: string;
  readonly company: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly ownerId: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface JourneyStep {
  readonly seq: number;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly kind: string;
  readonly summary: string;
}

export interface SourceStats {
  readonly source: string;
  readonly period: string;
  readonly created: number;
  readonly contacted: number;
  readonly qualified: number;
  readonly converted: number;
  readonly lost: number;
  readonly conversionRate: number | null;
}

export interface FunnelStage {
  readonly stageId: string;
  readonly name: string;
  readonly category: string;
  readonly leads: number;
  readonly current: number;
  readonly progressed: number;
  readonly meanTimeInStageMs: number | null;
  readonly medianTimeInStageMs: number | null;
}

/** A lead with the stage it is in. */
export interface AppConfig {
  readonly organisation: string;
  readonly sources: readonly string[];
  readonly people: readonly Person[];
}

export interface LeadDetails extends BoardLead {
  readonly stageId: string;
  readonly stageName: string;
  readonly category: BoardStage['category'];
}

export interface Person {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly viewsAll: boolean;
}

export interface ImportReport {
  readonly rows: number;
  readonly created: number;
  readonly failed: number;
  /** `row` as a spreadsheet numbers it: the header is row 1. */
  readonly errors: readonly { readonly row: number; readonly field: string; readonly message: string }[];
}

export interface BulkOutcome {
  readonly done: number;
  readonly refused: number;
  readonly notFound: number;
  readonly failed: number;
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
  board: (options: BoardFilters & { readonly workflowId?: string; readonly leadsPerStage?: number } = {}) =>
    call<PipelineBoard>('GET', `/api/board${query({ leadsPerStage: 100, ...options })}`),
  search: (text: string, after?: string) => call<Page<SearchHit>>('GET', `/api/search${query({ text, after })}`),
  /** One lead as the viewer's board shows it (until the API has a lead resource of its own). */
  lead: async (leadId: string): Promise<LeadDetails> => {
    const board = await api.board({ leadsPerStage: 500 });
    for (const stage of board.stages) {
      const lead = stage.leads.find((candidate) => candidate.leadId === leadId);
      if (lead !== undefined)
        return { ...lead, stageId: stage.stageId, stageName: stage.name, category: stage.category };
    }
    throw new ApiError(404, 'NOT_FOUND', 'No lead here for you: it does not exist or is not yours to see.', 'lead');
  },
  journey: (leadId: string) => call<JourneyStep[]>('GET', `${leadPath(leadId)}/journey`),
  createLead: (details: Record<string, unknown>) => call<{ leadId: string }>('POST', '/api/leads', { details }, once()),
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
    call<SourceStats[]>('GET', `${readSide(asOf)}/analytics/sources${query({ period: 'month' })}`),
  funnel: (workflowId: string, asOf?: string) =>
    call<FunnelStage[]>('GET', `${readSide(asOf)}/analytics/funnel${query({ workflowId })}`),
};

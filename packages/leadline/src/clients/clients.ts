// The client roster of the facade: client records (create, update, CSV import) written to their own
// streams, and the reads of the clients read model: the roster, one client, and "Client → Leads".
import {
  ClientId,
  requireClientRoster,
  type ClientEvent,
  type CreateClient,
  type UpdateClient,
  type Actor,
} from '@leadline/domain';
import {
  clientById,
  clientLeads,
  listClients,
  type BoardLead,
  type ClientSummary,
  type Page,
  type ReadModelReader,
} from '@leadline/projections';
import type { CommandOutcome } from '../commands/command-handler.js';
import { derivedId } from '../commands/idempotency.js';
import type { CsvSource } from '../intake/csv/csv-source.js';
import type { CommandInput } from '../leads/lead-commands.js';
import type { Clock, IdGenerator } from '../runtime/clock.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';
import { importClients, type ClientImportOptions, type ClientImportReport } from './client-import.js';

export interface ClientCommandResult extends CommandOutcome<ClientEvent> {
  readonly clientId: ClientId;
}

interface Viewed {
  readonly viewer: Actor;
}
interface Paged {
  /** 1 to 500, default 50. */
  readonly limit?: number;
  /** The nextCursor of the page before. */
  readonly after?: string;
}

export interface Clients {
  /** A client record; its id is generated unless given (derived from the idempotency key when there is one). */
  create(
    input: CommandInput<CreateClient, 'clientId' | 'origin' | 'fromLeadId'>,
    acting: Acting,
  ): Promise<ClientCommandResult>;
  update(input: CommandInput<UpdateClient>, acting: Acting): Promise<ClientCommandResult>;
  /** One client per CSV row (name, email, phone, company, optional client id); bad rows are reported, not written. */
  import(source: CsvSource, options: ClientImportOptions): Promise<ClientImportReport>;
  /** The organisation's clients by name (implicit ones by id), or those whose name, email or company holds `text`. */
  list(query: Viewed & Paged & { readonly text?: string }): Promise<Page<ClientSummary>>;
  /** One client of the viewer's organisation, or null. */
  get(query: Viewed & { readonly clientId: ClientId }): Promise<ClientSummary | null>;
  /** "Client → Leads": the live leads converted into or linked to the client that the viewer may see, by name. */
  leads(query: Viewed & Paged & { readonly clientId: ClientId; readonly now?: Date }): Promise<Page<BoardLead>>;
}

export function createClients(
  dispatcher: Dispatcher,
  ids: IdGenerator,
  clock: Clock,
  reader: () => ReadModelReader,
): Clients {
  const newClientId = (acting: Acting): ClientId =>
    ClientId(
      acting.idempotencyKey === undefined
        ? ids.newId()
        : derivedId(acting.actor.orgId, acting.idempotencyKey, 'client'),
    );
  const run = async (command: CreateClient | UpdateClient, acting: Acting): Promise<ClientCommandResult> => ({
    ...(await dispatcher.client(command, acting)),
    clientId: command.clientId,
  });
  const paging = (query: Paged) => ({
    ...(query.limit === undefined ? {} : { limit: query.limit }),
    ...(query.after === undefined ? {} : { after: query.after }),
  });
  return {
    create: (input, acting) =>
      run({ ...input, type: 'CreateClient', clientId: input.clientId ?? newClientId(acting) }, acting),
    update: (input, acting) => run({ ...input, type: 'UpdateClient' }, acting),
    import: (source, options) => importClients(dispatcher, source, options),
    async list(query) {
      requireClientRoster(query.viewer);
      return listClients(reader(), {
        orgId: query.viewer.orgId,
        ...paging(query),
        ...(query.text === undefined ? {} : { text: query.text }),
      });
    },
    async get(query) {
      requireClientRoster(query.viewer);
      return clientById(reader(), { orgId: query.viewer.orgId, clientId: query.clientId });
    },
    async leads(query) {
      requireClientRoster(query.viewer);
      return clientLeads(reader(), {
        orgId: query.viewer.orgId,
        clientId: query.clientId,
        viewer: query.viewer,
        now: query.now ?? clock.now(),
        ...paging(query),
      });
    },
  };
}

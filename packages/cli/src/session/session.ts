// A command's session: the Leadline opened from the global options, the organisation it works in, the
// actor it acts as, and how it prints. Opened per command and always closed.
import { OrgId, type OrganisationView } from '@leadline/domain';
import { ALL_PROJECTORS, systemClock, type Acting, type Leadline } from 'leadline';
import { CliError, CliErrorCode } from '../cli/cli-error.js';
import type { CliIo } from '../output/io.js';
import { startProgress, type Progress } from '../output/progress.js';
import { toJson } from '../output/io.js';
import { terminalSafe } from '../output/terminal-text.js';
import { actorOf, type CliUser } from './actor.js';
import { checkGlobalOptions } from './global-options.js';
import type { RoleName } from './roles.js';
import { openLeadlineAt, type OpenOptions } from './open-stores.js';

/** The options every command takes (see `leadline --help`). */
export interface GlobalOptions {
  readonly store: string;
  readonly readModels?: string;
  readonly org?: string;
  readonly asUser: string;
  readonly role: RoleName;
  readonly permissions?: string;
  readonly json: boolean;
  readonly debug: boolean;
}

/** The organisation a store with none yet gets on its first write. */
export const DEFAULT_ORG = 'default';

export interface Session {
  readonly leadline: Leadline;
  /** Who acts, before the organisation is known; `acting()` gives the Actor in it. */
  readonly actor: CliUser;
  readonly io: CliIo;
  readonly json: boolean;
  /** Now by the Leadline's clock (the demo's simulated one, else the system's). */
  now(): Date;
  /** The organisation and actor every command and query uses. */
  acting(): Promise<Acting>;
  /** The organisation, created with its default workflow on the first write to an empty store. */
  organisation(options?: { readonly create?: boolean }): Promise<OrganisationView>;
  /** Brings the read models up to the store's head (a running `leadline worker` keeps them there). */
  catchUp(): Promise<void>;
  progress(label: string, total: number, unit: string): Progress;
  /** Prints the result: JSON with --json, else what `human` renders. */
  print(result: unknown, human: () => string): void;
  close(): Promise<void>;
}

export async function openSession(globals: GlobalOptions, io: CliIo, options: OpenOptions = {}): Promise<Session> {
  checkGlobalOptions(globals);
  const actor = actorOf(globals.asUser, globals.role, globals.permissions);
  const leadline = await openLeadlineAt(globals.store, globals.readModels, {
    projectors: ALL_PROJECTORS,
    onWorkerError: (error) => io.stderr(`worker: ${terminalSafe(String(error))}\n`),
    ...options,
  });
  let orgId: OrgId | null = globals.org === undefined ? null : OrgId(globals.org);

  const resolveOrg = async (): Promise<OrgId> => {
    orgId ??= await onlyOrganisation(leadline);
    return orgId;
  };
  const session: Session = {
    leadline,
    actor,
    io,
    json: globals.json,
    now: () => (options.clock ?? systemClock).now(),
    acting: async () => ({ actor: { ...actor, orgId: await resolveOrg() } }),
    async organisation({ create = false } = {}) {
      const id = await resolveOrg();
      const inOrg = { ...actor, orgId: id };
      const existing = await leadline.organisations.get(inOrg);
      if (existing !== null) return existing;
      if (!create) {
        throw new CliError(
          CliErrorCode.NotFound,
          '--org',
          'existing-organisation',
          `The store has no organisation "${id}".`,
          'Create leads first (`leadline lead create` or `leadline import`), or run `leadline demo`.',
        );
      }
      await leadline.organisations.create({ name: id }, { actor: inOrg, idempotencyKey: `cli-organisation-${id}` });
      const created = await leadline.organisations.get(inOrg);
      if (created === null) throw new Error(`Organisation ${id} was created but cannot be read back.`);
      return created;
    },
    async catchUp() {
      await leadline.workers.projections?.catchUp();
    },
    progress: (label, total, unit) => startProgress(io, label, total, unit, globals.json),
    print(result, human) {
      io.stdout(`${globals.json ? toJson(result) : terminalSafe(human(), { multiline: true })}\n`);
    },
    close: () => leadline.close(),
  };
  return session;
}

/** With no --org: the store's only organisation, or `default` when it has none yet. */
async function onlyOrganisation(leadline: Leadline): Promise<OrgId> {
  const found = new Set<string>();
  for await (const event of leadline.store.readAll({ filter: { eventTypes: ['OrganisationCreated'] } })) {
    found.add(event.metadata.orgId);
    if (found.size > 1) break;
  }
  if (found.size > 1) {
    throw new CliError(
      CliErrorCode.BadInput,
      '--org',
      'required-with-several-organisations',
      'This store holds several organisations.',
      'Name one with --org ID (or LEADLINE_ORG).',
    );
  }
  return OrgId([...found][0] ?? DEFAULT_ORG);
}

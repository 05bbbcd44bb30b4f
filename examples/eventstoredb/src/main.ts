// Leadline on an EventStoreDB cluster: open the adapter, run a few lead commands through the facade,
// then read the lead's events back from the cluster and the pipeline board from the read model.
//   docker compose up -d   (three insecure nodes, see docker-compose.yml)
//   LEADLINE_ESDB_URL='esdb://127.0.0.1:2111,127.0.0.1:2112,127.0.0.1:2113?tls=false' npm start
import { ALL_PERMISSIONS, LeadId, OrgId, StageId, UserId, type Actor } from '@leadline/domain';
import { openEventStoreDbEventStore } from '@leadline/eventstoredb';
import { createLeadline, openReadModelStore } from 'leadline';

export const DEFAULT_CLUSTER_URL = 'esdb://127.0.0.1:2111,127.0.0.1:2112,127.0.0.1:2113?tls=false';

export interface ExampleRun {
  /** The event types of the lead's stream, as stored in EventStoreDB. */
  readonly leadEvents: readonly string[];
  /** Stage id → lead ids on the pipeline board. */
  readonly board: Readonly<Record<string, readonly string[]>>;
}

const manager: Actor = {
  userId: UserId('mia-manager'),
  orgId: OrgId('acme'),
  kind: 'user',
  permissions: ALL_PERMISSIONS,
};

/** `namespace` keeps one run's streams apart from another's on a shared cluster. */
export async function runExample(
  connectionString: string,
  namespace: string,
  print: (line: string) => void = console.log,
): Promise<ExampleRun> {
  const store = openEventStoreDbEventStore({ connectionString, namespace });
  const leadline = createLeadline({ store, readModels: await openReadModelStore('memory:') });
  try {
    const orgId = OrgId('acme');
    const acting = { actor: manager };
    await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: manager, idempotencyKey: 'example-setup' });
    await leadline.workers.start();

    const leadId = LeadId('globex');
    await leadline.leads.create(
      { leadId, fields: { name: 'Globex', email: 'buyer@globex.example', source: 'Website' } },
      acting,
    );
    await leadline.leads.claim({ leadId }, acting);
    await leadline.leads.changeStage({ leadId, stageId: StageId('CONTACTED') }, acting);

    const leadEvents: string[] = [];
    for await (const event of store.readStream(`lead-${leadId}`)) {
      leadEvents.push(event.type);
      print(`${event.position}  ${event.streamName}@${event.revision}  ${event.type}`);
    }
    await leadline.workers.settled();
    const pipeline = await leadline.queries.pipelineBoard({ viewer: manager });
    const board = Object.fromEntries(
      (pipeline?.stages ?? []).map((stage) => [stage.stageId, stage.leads.map((lead) => String(lead.leadId))]),
    );
    print(`pipeline board: ${JSON.stringify(board)}`);
    return { leadEvents, board };
  } finally {
    await leadline.close();
  }
}

if (require.main === module) {
  runExample(process.env['LEADLINE_ESDB_URL'] ?? DEFAULT_CLUSTER_URL, `example-${Date.now()}`).catch(
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}

// The EventStoreDB protocol stand-in: a gRPC server built from the client package's own generated
// service definitions, serving the real @eventstore/db-client in tests and benchmarks. It is not a
// server: one process, memory only, no cluster, no projections, no persistent subscriptions.
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import gossipGrpcPb from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import GossipService = gossipGrpcPb.GossipService;
import serverfeaturesGrpcPb from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import ServerFeaturesService = serverfeaturesGrpcPb.ServerFeaturesService;
import streamsGrpcPb from '@eventstore/db-client/generated/streams_grpc_pb.js';
import StreamsService = streamsGrpcPb.StreamsService;
import { appendService } from './append-service.js';
import { deleteService } from './delete-service.js';
import { gossipService } from './gossip-service.js';
import { StandInLog } from './log.js';
import { readService } from './read-service.js';
import { serverFeaturesService } from './server-features-service.js';

export interface StandInOptions {
  /** Advertise Streams.BatchAppend in ServerFeatures, so the client appends through it. Default true. */
  readonly batchAppend?: boolean;
  /** Default: a free port chosen by the system. */
  readonly port?: number;
  /** Play a follower of this leader: every append is refused with NotLeader naming it. */
  readonly followerOf?: { readonly host: string; readonly port: number };
}

const HOST = '127.0.0.1';

export class ProtocolStandIn {
  /** The stand-in's data; it survives `drop()` and `restart()` like a server's disk does. */
  readonly log = new StandInLog();
  /** How many calls each gRPC method received (`Streams.BatchAppend`, `Streams.Append`, ...). */
  readonly calls = new Map<string, number>();
  private server: Server | null = null;
  private boundPort = 0;
  private readonly instanceId = globalThis.crypto.randomUUID();

  private constructor(private readonly options: StandInOptions) {}

  static async start(options: StandInOptions = {}): Promise<ProtocolStandIn> {
    const standIn = new ProtocolStandIn(options);
    await standIn.listen(options.port ?? 0);
    return standIn;
  }

  get port(): number {
    return this.boundPort;
  }

  /** A connection string for the real client: `esdb://127.0.0.1:PORT?tls=false`. */
  get connectionString(): string {
    return `esdb://${HOST}:${this.boundPort}?tls=false`;
  }

  /** Cuts every connection and stops listening, like a crashed server; the data stays. */
  async drop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.forceShutdown();
    this.log.wakeAll();
  }

  /** Listens again on the same port after `drop()`. */
  async restart(): Promise<void> {
    if (this.server) return;
    await this.listen(this.boundPort);
  }

  async stop(): Promise<void> {
    await this.drop();
  }

  private counted<Service extends UntypedServiceImplementation>(serviceName: string, service: Service): Service {
    const counted: UntypedServiceImplementation = {};
    for (const [method, handler] of Object.entries(service)) {
      const name = `${serviceName}.${method.charAt(0).toUpperCase()}${method.slice(1)}`;
      const countAndHandle = (...args: unknown[]): void => {
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        Reflect.apply(handler, undefined, args);
      };
      counted[method] = countAndHandle as typeof handler;
    }
    return { ...service, ...counted };
  }

  private async listen(port: number): Promise<void> {
    const server = new Server();
    const features = serverFeaturesService({ batchAppend: this.options.batchAppend ?? true });
    const streams = {
      ...appendService(this.log, this.options.followerOf),
      ...readService(this.log),
      ...deleteService(this.log),
    };
    const gossip = gossipService(() => ({ address: HOST, port: this.boundPort }), this.instanceId);
    server.addService(ServerFeaturesService, this.counted('ServerFeatures', features));
    server.addService(StreamsService, this.counted('Streams', streams));
    server.addService(GossipService, this.counted('Gossip', gossip));
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.server = server;
  }
}

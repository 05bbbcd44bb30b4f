// Maps the port's stream names to the server's, under an optional namespace that isolates one store
// (a test run, a tenant) from everything else on a shared cluster.
export interface StreamNames {
  toServer(streamName: string): string;
  /** The port's name of a server stream, or null when it is a system stream or outside the namespace. */
  fromServer(serverStreamName: string): string | null;
  /** The server-side prefix every stream of this store starts with ('' without a namespace). */
  readonly prefix: string;
}

export function streamNames(namespace: string | undefined): StreamNames {
  const prefix = namespace === undefined || namespace === '' ? '' : `${namespace}.`;
  return {
    prefix,
    toServer: (streamName) => `${prefix}${streamName}`,
    fromServer(serverStreamName) {
      if (!serverStreamName.startsWith(prefix)) return null;
      const streamName = serverStreamName.slice(prefix.length);
      return streamName.startsWith('$') ? null : streamName;
    },
  };
}

// A catch-up subscription to `$all` as the server runs it: confirmation, the filtered history after the
// start position with checkpoints every `multiplier x window` records considered, caught-up, then live.
import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from './generated.js';
import { callWriter } from './call-writer.js';
import type { StandInLog } from './log.js';
import { eventResponse, recordFilter } from './record-messages.js';

/** EventStoreDB's default filter search window when the client asks for `count`. */
const DEFAULT_SEARCH_WINDOW = 32;
const AFTER_THE_END = -1n;

export async function pumpSubscription(
  log: StandInLog,
  options: ReadReq.Options,
  call: ServerWritableStream<ReadReq, ReadResp>,
): Promise<void> {
  const { send, isClosed, closing } = callWriter(call);

  const matches = recordFilter(options);
  const filter = options.hasFilter() ? options.getFilter() : undefined;
  const window = filter?.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const checkpointEvery = filter ? Math.max(1, filter.getCheckpointintervalmultiplier()) * window : Infinity;
  let cursor = startAfter(log, options.getAll());
  let considered = 0;
  let caughtUp = false;

  await send(
    new ReadResp().setConfirmation(
      new ReadResp.SubscriptionConfirmation().setSubscriptionId(globalThis.crypto.randomUUID()),
    ),
  );
  while (!isClosed()) {
    const pending = log.recordsFrom(cursor + 1n);
    if (pending.length === 0) {
      if (!caughtUp) await send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      caughtUp = true;
      await Promise.race([log.nextWrite(), closing]);
      continue;
    }
    for (const record of pending) {
      if (isClosed()) break;
      cursor = record.position;
      considered += 1;
      if (matches(record)) await send(eventResponse(record));
      if (considered % checkpointEvery === 0) {
        const checkpoint = new ReadResp.Checkpoint()
          .setCommitPosition(cursor.toString())
          .setPreparePosition(cursor.toString());
        await send(new ReadResp().setCheckpoint(checkpoint));
      }
    }
  }
}

/** Subscriptions start after a position (exclusive), at the start, or at the end (live only). */
function startAfter(log: StandInLog, all: ReadReq.Options.AllOptions | undefined): bigint {
  if (all?.hasPosition()) return BigInt(all.getPosition()?.getCommitPosition() ?? '0');
  if (all?.hasEnd()) return log.allRecords().at(-1)?.position ?? AFTER_THE_END;
  return AFTER_THE_END;
}

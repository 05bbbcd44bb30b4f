// How a log record goes on the wire (ReadResp.ReadEvent) and the server-side filter of `$all` reads.
import { ReadReq, ReadResp } from './generated.js';
import type { LogRecord } from './log.js';
import { streamIdentifier, uuidMessage } from './protocol.js';

/** EventStoreDB's server-side filter: a regex or a prefix list, on the stream name or the event type. */
export function recordFilter(options: ReadReq.Options): (record: LogRecord) => boolean {
  const filter = options.hasFilter() ? options.getFilter() : undefined;
  if (!filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : null;
  return (record) => {
    const value = onStream ? record.streamName : record.type;
    if (regex) return regex.test(value);
    return prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix));
  };
}

export function eventResponse(record: LogRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.id))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', record.contentType);
  recorded.getMetadataMap().set('created', record.createdTicks.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
  return new ReadResp().setEvent(event);
}

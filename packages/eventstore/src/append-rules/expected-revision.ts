// The optimistic-concurrency rule every store applies inside its write.
import { WrongExpectedRevisionError } from '../port/errors.js';
import { ExpectedRevision, type ActualRevision } from '../port/revision.js';

/** Throws WrongExpectedRevisionError unless a stream at `actual` satisfies `expected`. */
export function checkExpectedRevision(streamName: string, expected: ExpectedRevision, actual: ActualRevision): void {
  const satisfied =
    expected === ExpectedRevision.Any ||
    (expected === ExpectedRevision.NoStream && actual === ExpectedRevision.NoStream) ||
    (expected === ExpectedRevision.StreamExists && actual !== ExpectedRevision.NoStream) ||
    expected === actual;
  if (!satisfied) throw new WrongExpectedRevisionError(streamName, expected, actual);
}

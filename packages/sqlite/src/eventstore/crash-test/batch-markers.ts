// What the crash-test writer puts in each event, so a reader can tell a whole batch from a torn one.

export interface BatchMarker {
  readonly writer: string;
  readonly batch: number;
  readonly index: number;
  readonly size: number;
}

/** Batches of 1 to 5 events over 7 streams, so a kill can land inside any batch shape. */
export const batchSize = (batch: number): number => 1 + (batch % 5);

export const batchStream = (writer: string, batch: number): string => `crash-${writer}-${batch % 7}`;

// Jest workers report results to the parent process as JSON, and JSON has no bigint: a failing
// assertion on a revision or position would crash the report instead of printing the values.
// Printing bigints as "123n" keeps those failures readable. Loaded through jest.config.ts setupFiles.
declare global {
  interface BigInt {
    toJSON(): string;
  }
}

if (!Object.prototype.hasOwnProperty.call(BigInt.prototype, 'toJSON')) {
  Object.defineProperty(BigInt.prototype, 'toJSON', {
    value(this: bigint): string {
      return `${this.toString()}n`;
    },
    configurable: true,
    writable: true,
  });
}

export {};

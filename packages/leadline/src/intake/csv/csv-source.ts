// Where a CSV comes from, and what is known of it before parsing: an id stable across reruns (the
// content's hash), its size, its number of records, and its separator.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { needsDecoding, textDecoding } from './encoding.js';

export type CsvSource =
  /** A file: read once ahead to hash it and count its rows (cheap next to importing them). */
  | { readonly path: string }
  /** Text already in memory. */
  | { readonly text: string | Buffer }
  /** Anything streamed (stdin, an upload); name the import so a rerun of the same data reuses its ids. */
  | { readonly stream: AsyncIterable<Buffer | string>; readonly importId: string; readonly bytesTotal?: number };

export interface OpenedSource {
  /** The content's sha-256 (or the caller's name for a stream): lead ids and keys derive from it. */
  readonly importId: string;
  readonly bytesTotal: number | null;
  /** Data rows (records after the header), when the content was seen ahead. */
  readonly rowsTotal: number | null;
  readonly delimiter: string;
  /** The bytes, from the start. */
  open(): Readable;
}

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** Counts what a whole file says before parsing: records (newlines outside quotes) and the header's separator. */
class Survey {
  private inQuotes = false;
  private lineHasContent = false;
  private header = '';
  private headerDone = false;
  records = 0;

  feed(text: string): void {
    for (let index = 0; index < text.length; index += 1) {
      const char = text.charAt(index);
      if (!this.headerDone && this.header.length < 64_000) this.header += char;
      if (char === '"') this.inQuotes = !this.inQuotes;
      if (!this.inQuotes && (char === '\n' || char === '\r')) {
        if (this.lineHasContent) this.records += 1;
        this.lineHasContent = false;
        this.headerDone = true;
      } else if (char !== '\uFEFF') this.lineHasContent = true;
    }
  }

  finish(): { records: number; header: string } {
    return { records: this.records + (this.lineHasContent ? 1 : 0), header: this.header };
  }
}

/** The separator the header line uses most, outside quotes: `;` files come from European spreadsheets. */
export function detectDelimiter(header: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let inQuotes = false;
  for (const char of header) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === '\n' || char === '\r') break;
    else if (!inQuotes && counts.has(char as Delimiter))
      counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
  }
  return [...counts.entries()].reduce<[Delimiter, number]>(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    [',', 0],
  )[0];
}

/**
 * Opens the source. Its bytes are UTF-8 (checked) unless `encoding` names another (decoded): a file or
 * text is checked whole before anything is imported; a stream as it is read, so rows before a bad byte
 * of a stream are imported and the import then fails.
 */
export async function openSource(source: CsvSource, delimiter?: Delimiter, encoding?: string): Promise<OpenedSource> {
  const decoding = textDecoding(encoding);
  if ('stream' in source) {
    // Seen once only: the separator is read from the first chunk, the rows are not known ahead.
    const iterator = source.stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    const text = (chunk: Buffer | string): string => (typeof chunk === 'string' ? chunk : decoding.decode(chunk));
    const head = first.done === true ? '' : text(first.value);
    async function* replay(): AsyncGenerator<Buffer | string> {
      if (first.done !== true) yield head;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield text(next.value);
      const rest = decoding.end();
      if (rest !== '') yield rest;
    }
    return opened(source.importId, source.bytesTotal ?? null, null, delimiter ?? detectDelimiter(head), () =>
      Readable.from(replay()),
    );
  }
  const survey = new Survey();
  const hash = createHash('sha256');
  let bytes = 0;
  const chunks =
    'path' in source
      ? createReadStream(source.path)
      : [typeof source.text === 'string' ? Buffer.from(source.text) : source.text];
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    hash.update(buffer);
    bytes += buffer.length;
    survey.feed(decoding.decode(buffer));
  }
  survey.feed(decoding.end());
  const { records, header } = survey.finish();
  const rawBytes = (): Readable =>
    'path' in source
      ? createReadStream(source.path)
      : Readable.from([typeof source.text === 'string' ? Buffer.from(source.text) : source.text]);
  // Checked whole above: UTF-8 goes to the parser as bytes, another encoding through iconv-lite's decoder.
  const make = (): Readable => {
    const raw = rawBytes();
    if (encoding === undefined || !needsDecoding(encoding)) return raw;
    const decoded = raw.pipe(iconv.decodeStream(encoding));
    raw.on('error', (error) => decoded.emit('error', error));
    return Readable.from(decoded);
  };
  return opened(hash.digest('hex'), bytes, Math.max(0, records - 1), delimiter ?? detectDelimiter(header), make);
}

function opened(
  importId: string,
  bytesTotal: number | null,
  rowsTotal: number | null,
  delimiter: Delimiter,
  make: () => Readable,
): OpenedSource {
  return {
    importId,
    bytesTotal,
    rowsTotal,
    delimiter,
    open: make,
  };
}

// The text encoding of an imported CSV. UTF-8 (with or without a byte order mark) is read as it is and
// checked: a file that is not valid UTF-8 (a Latin-1 or Windows-1252 export, UTF-16) is refused before a
// row is written, instead of imported with its accents mangled. Any other encoding must be named, and
// is decoded with iconv-lite.
import iconv from 'iconv-lite';
import { CsvEncodingError } from './errors.js';

const NAME_IT = 'Name its encoding to import it (e.g. --encoding latin1, windows-1252 or utf-16le).';

/** Turns the file's bytes into text chunk by chunk: checked UTF-8 unless an encoding is named. */
export interface TextDecoding {
  /** The text of this chunk (a character split across chunks comes with the next one). */
  decode(chunk: Buffer): string;
  /** What is left at the end. */
  end(): string;
}

/** The decoding for a named encoding (refused when iconv-lite does not know it), else checked UTF-8. */
export function textDecoding(encoding: string | undefined): TextDecoding {
  if (encoding === undefined || isUtf8Name(encoding)) return checkedUtf8();
  const unknown = `"${encoding}" is not an encoding this import knows.`;
  if (!iconv.encodingExists(encoding)) throw new CsvEncodingError('known-encoding', unknown);
  const decoder = iconv.getDecoder(encoding);
  return { decode: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

const isUtf8Name = (encoding: string): boolean => /^utf-?8$/i.test(encoding.trim());

/** True when the bytes must go through `textDecoding` (csv-parse reads UTF-8 itself). */
export const needsDecoding = (encoding: string | undefined): boolean => encoding !== undefined && !isUtf8Name(encoding);

function checkedUtf8(): TextDecoding {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let offset = 0;
  let first = true;
  return {
    decode(chunk) {
      if (first && chunk.length > 0) {
        first = false;
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
          throw new CsvEncodingError('utf-8', `The file starts with a UTF-16 byte order mark, not UTF-8. ${NAME_IT}`);
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new CsvEncodingError(
          'utf-8',
          `The file is not valid UTF-8 (an invalid byte after byte ${offset}). ${NAME_IT}`,
        );
      }
      // UTF-16 without a byte order mark decodes as UTF-8 full of NULs; no CSV holds one.
      const nul = text.indexOf('\u0000');
      if (nul >= 0)
        throw new CsvEncodingError('no-nul', `The file holds a NUL character, so it is not UTF-8 text. ${NAME_IT}`);
      offset += chunk.length;
      return text;
    },
    end() {
      try {
        return decoder.decode();
      } catch {
        throw new CsvEncodingError('utf-8', `The file ends inside a UTF-8 character. ${NAME_IT}`);
      }
    },
  };
}

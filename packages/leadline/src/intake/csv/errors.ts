// The errors of a CSV import as a whole (a bad row is reported, not thrown).
/** The file cannot be imported as a whole: no header, not valid CSV, or no organisation to import into. */
export class CsvFormatError extends Error {
  override readonly name: string = 'CsvFormatError';
  readonly code: string = 'INVALID_CSV';
  readonly field: string = 'file';
  constructor(
    readonly rule: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }

  toJSON(): { code: string; field: string; rule: string; message: string } {
    return { code: this.code, field: this.field, rule: this.rule, message: this.message };
  }
}

/** The file is not in the encoding it is read in (UTF-8 unless named), or the named one is unknown. */
export class CsvEncodingError extends CsvFormatError {
  override readonly name = 'CsvEncodingError';
  override readonly code = 'INVALID_ENCODING';
  override readonly field = 'encoding';
}

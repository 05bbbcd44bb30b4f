export { importCsv, type ImportOptions, type ImportReport, type ImportDuplicate } from './import-csv.js';
export { CsvEncodingError, CsvFormatError } from './errors.js';
export { detectDelimiter, openSource, type CsvSource, type Delimiter, type OpenedSource } from './csv-source.js';
export {
  detectMapping,
  headerKey,
  HeaderMappingError,
  IMPORT_FIELDS,
  type HeaderMapping,
  type HeaderMappingOverrides,
  type ImportField,
} from './header-mapping.js';
export { errorReportCsv, writeErrorReport, ERROR_REPORT_HEADER, type ImportRowError } from './error-report.js';
export type { ImportProgress } from './progress.js';
export type { DuplicatePolicy, RowOutcome } from './row-import.js';
export type { RowOptions } from './row-input.js';

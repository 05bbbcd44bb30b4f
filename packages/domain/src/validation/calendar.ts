// Calendar dates (`YYYY-MM-DD`) and instants (ISO 8601), checked without reading the clock.
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isCalendarDate = (value: string): boolean => {
  const parts = CALENDAR_DATE.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a time zone, re-written in UTC (`…Z`), or null when it is not one. */
export const normaliseInstant = (value: string): string | null => {
  if (!ISO_INSTANT.test(value.trim())) return null;
  const millis = Date.parse(value.trim());
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
};

// Whether a lead meets a rule's criteria. Pure: the instant is the lead's creation time.
import type { CustomFields } from '@leadline/domain';
import { WEEKDAYS, type RuleCriteria } from './rules.js';

/** What a rule may look at: the lead as created, and when. */
export interface LeadFacts {
  readonly source: string;
  readonly company: string | null;
  readonly customFields: CustomFields;
  readonly createdAt: Date;
}

export function matches(criteria: RuleCriteria | undefined, lead: LeadFacts): boolean {
  if (criteria === undefined) return true;
  if (
    criteria.sources !== undefined &&
    !criteria.sources.some((source) => source.toLowerCase() === lead.source.toLowerCase())
  )
    return false;
  if (
    criteria.company !== undefined &&
    (lead.company === null || !new RegExp(criteria.company, 'i').test(lead.company))
  )
    return false;
  for (const [key, wanted] of Object.entries(criteria.customFields ?? {})) {
    const value = lead.customFields[key];
    const allowed = Array.isArray(wanted) ? wanted : [wanted];
    if (value === undefined || !allowed.includes(value)) return false;
  }
  const time = criteria.timeOfDay;
  if (time === undefined) return true;
  const { weekday, minutes } = localTime(lead.createdAt, time.timeZone ?? 'UTC');
  if (time.days !== undefined && !time.days.includes(weekday)) return false;
  const from = toMinutes(time.from);
  const to = toMinutes(time.to);
  return from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function localTime(instant: Date, timeZone: string): { weekday: (typeof WEEKDAYS)[number]; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string): string => parts.find((found) => found.type === type)?.value ?? '';
  const short = part('weekday').toLowerCase().slice(0, 3);
  const weekday = WEEKDAYS.find((day) => day === short) ?? 'mon';
  return { weekday, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

// Older stored shapes of lead events read in the current one. Pure functions: the event stores run them
// on every read (the leadline facade registers them), so old histories fold and project as new ones.
import { Rating } from '../shared/values.js';

/** One step of an event type's schema: reads `fromVersion`, gives fromVersion + 1 (the store's Upcaster). */
export interface LeadEventUpcaster {
  readonly eventType: string;
  readonly fromVersion: number;
  upcast(data: unknown): { readonly data: unknown };
}

/**
 * A rating as schema version 1 held it (a whole number, 1 cold to 5 hot) in today's words:
 * 5 and 4 are hot, 3 is warm, 2 and 1 are cold; anything else (never written) reads as no rating.
 */
export function ratingOfScore(score: unknown): Rating | null {
  if (score === 5 || score === 4) return Rating.Hot;
  if (score === 3) return Rating.Warm;
  if (score === 2 || score === 1) return Rating.Cold;
  return null;
}

type Data = Readonly<Record<string, unknown>>;

const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The details with their rating in words; details without a rating key stay as they are. */
const withRatingInWords = (details: unknown): unknown =>
  isData(details) && 'rating' in details ? { ...details, rating: ratingOfScore(details['rating']) } : details;

/** Upcasts the LeadDetails held under `keys` of a survivor's data (merges carry the survivor's details). */
const survivorDetails =
  (keys: readonly string[]) =>
  (data: unknown): { readonly data: unknown } => {
    if (!isData(data) || data['side'] !== 'survivor') return { data };
    return { data: { ...data, ...Object.fromEntries(keys.map((key) => [key, withRatingInWords(data[key])])) } };
  };

/** Version 1 → 2 of every lead event that carries a rating: 1–5 became hot / warm / cold. */
export const LEAD_EVENT_UPCASTERS: readonly LeadEventUpcaster[] = [
  { eventType: 'LeadCreated', fromVersion: 1, upcast: (data) => ({ data: withRatingInWords(data) }) },
  {
    eventType: 'LeadDetailsUpdated',
    fromVersion: 1,
    upcast: (data) => ({
      data: isData(data) ? { ...data, changes: withRatingInWords(data['changes']) } : data,
    }),
  },
  { eventType: 'LeadMerged', fromVersion: 1, upcast: survivorDetails(['before', 'after']) },
  { eventType: 'LeadUnmerged', fromVersion: 1, upcast: survivorDetails(['restored']) },
];

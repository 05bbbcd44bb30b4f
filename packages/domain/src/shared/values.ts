// Value types shared by the lead, workflow and organisation events.
import type { StageId } from './ids.js';

/** Money in minor units (cents) with an ISO 4217 currency code, so sums never drift. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Lead > Prospect > Client: a role only ever moves forward. */
export const Role = { Lead: 'Lead', Prospect: 'Prospect', Client: 'Client' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLE_ORDER: readonly Role[] = [Role.Lead, Role.Prospect, Role.Client];

/** How warm a lead is, as sales people say it. */
export const Rating = { Hot: 'hot', Warm: 'warm', Cold: 'cold' } as const;
export type Rating = (typeof Rating)[keyof typeof Rating];
/** Hottest first: the order a list sorted by rating descending shows. */
export const RATING_ORDER: readonly Rating[] = [Rating.Hot, Rating.Warm, Rating.Cold];

/** What a stage means for the pipeline: still open, won (converted) or lost. */
export const StageCategory = { Open: 'open', Won: 'won', Lost: 'lost' } as const;
export type StageCategory = (typeof StageCategory)[keyof typeof StageCategory];

export interface Stage {
  readonly stageId: StageId;
  readonly name: string;
  readonly category: StageCategory;
}

/** The outcome of a call or contact attempt, logged with a note. */
export const CallOutcome = {
  NoAnswer: 'NO_ANSWER',
  LeftVoicemail: 'LEFT_VOICEMAIL',
  Connected: 'CONNECTED',
  MeetingBooked: 'MEETING_BOOKED',
  CallbackRequested: 'CALLBACK_REQUESTED',
  NotInterested: 'NOT_INTERESTED',
  WrongNumber: 'WRONG_NUMBER',
} as const;
export type CallOutcome = (typeof CallOutcome)[keyof typeof CallOutcome];

/** Organisation-defined custom fields, validated by type: `select` is single choice, `multiselect` multiple. */
export type CustomFieldType = 'text' | 'number' | 'boolean' | 'date' | 'select' | 'multiselect';
export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = [
  'text',
  'number',
  'boolean',
  'date',
  'select',
  'multiselect',
];
export interface CustomFieldDefinition {
  readonly key: string;
  readonly label: string;
  readonly type: CustomFieldType;
  /** Allowed values of a `select` or `multiselect` field. */
  readonly options?: readonly string[];
  readonly required?: boolean;
  /** A retired field takes no new values and is required no more; leads keep the values they had. */
  readonly retired?: boolean;
}
/** A `multiselect` value is the options chosen, in the order the field lists them. */
export type CustomFieldValue = string | number | boolean | readonly string[];
export type CustomFields = Readonly<Record<string, CustomFieldValue>>;

/** The default sources of a new organisation; an organisation may replace the list. */
export const DEFAULT_SOURCES = ['Website', 'Referral', 'LinkedIn', 'Cold Call', 'Email', 'Event', 'Other'] as const;

/** The claim window of a new organisation: 24 hours. */
export const DEFAULT_CLAIM_WINDOW_MS = 24 * 60 * 60 * 1000;

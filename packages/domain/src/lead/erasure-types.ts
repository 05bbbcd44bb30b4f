// The words of erasure shared by the lead's commands and events: the command, the event, its trigger and
// the placeholder a personal value reads as once erased (decided in erasure.ts).
import type { LeadId } from '../shared/ids.js';

/** What a personal value reads as once erased: the same text the event store shows in its place. */
export const ERASED_VALUE = '[erased]';

export const ErasureTrigger = {
  /** Someone asked (the person, through an administrator). */
  Request: 'request',
  /** The organisation's retention policy came due. */
  Retention: 'retention',
} as const;
export type ErasureTrigger = (typeof ErasureTrigger)[keyof typeof ErasureTrigger];

export interface EraseContact {
  readonly type: 'EraseContact';
  readonly leadId: LeadId;
  /** Why, for the record; it is stored plain, so it must name no one. */
  readonly reason: string;
  readonly trigger?: ErasureTrigger;
}

/** The person behind the lead was erased: holds no personal data, only who (metadata), when and why. */
export interface ContactErased {
  readonly type: 'ContactErased';
  readonly data: {
    readonly leadId: LeadId;
    readonly reason: string;
    readonly trigger: ErasureTrigger;
  };
}

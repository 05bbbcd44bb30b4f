// What the app processes of the multi-process test race on (shared by the test and its children).
import { LeadId } from '@leadline/domain';

export const RACING_EMAIL = 'race@example.com';
export const CONTENDED_LEAD = LeadId('contended');
export const CREATES_PER_INSTANCE = 3;

// The settings a new organisation starts with.
import { DEFAULT_CLAIM_WINDOW_MS, DEFAULT_SOURCES } from '../shared/values.js';
import type { OrganisationSettings } from './events.js';

export const defaultOrganisationSettings: OrganisationSettings = {
  claimWindowMs: DEFAULT_CLAIM_WINDOW_MS,
  sources: [...DEFAULT_SOURCES],
  customFields: [],
  defaultCurrency: 'EUR',
  defaultCountryCallingCode: null,
};

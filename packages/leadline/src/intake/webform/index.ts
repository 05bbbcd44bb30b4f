export { createWebFormHandler, type WebFormHandler } from './web-form-handler.js';
export { DEFAULT_MAX_BODY_BYTES, type FormTarget, type WebForm, type WebFormErrorReport } from './web-form.js';
export type { FieldError } from './responses.js';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';
export { DEFAULT_REPEAT_WINDOW_MS } from './repeat-submission.js';
export { readLimitedBody } from './read-body.js';

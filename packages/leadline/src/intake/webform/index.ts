export { createWebFormHandler, type WebFormHandler } from './web-form-handler.js';
export { DEFAULT_MAX_BODY_BYTES, type FormTarget, type WebForm } from './web-form.js';
export type { FieldError } from './responses.js';

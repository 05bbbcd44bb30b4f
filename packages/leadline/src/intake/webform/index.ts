export { createWebFormHandler, type WebFormHandler } from './web-form-handler';
export { DEFAULT_MAX_BODY_BYTES, type FormTarget, type WebForm } from './web-form';
export type { FieldError } from './responses';

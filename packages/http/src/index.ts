// @leadline/http: the Leadline facade over HTTP. createHttpHandler(leadline, { authenticate }) gives a
// web-standard Request → Response handler: JSON resources for every command and query, typed errors as
// statuses, live updates over server-sent events, OpenAPI at /openapi.json, logs, metrics and health.
export { createHttpHandler, type HttpHandler, type HttpHandlerOptions, type HttpLimits } from './handler.js';
export { STATUS_BY_CODE, type StatusRule } from './errors/status.js';
export { HttpError, HttpErrorCode } from './errors/http-error.js';
export { apiRoutes } from './routes/index.js';
export type { Route, RouteCall, Answer, Method } from './routes/route.js';
export { openApiDocument } from './openapi/openapi.js';
export type { ChangeNotice } from './live/change-notice.js';
export type { RequestLogLine } from './operations/request-log.js';
export type { ReadinessOptions } from './operations/health-routes.js';

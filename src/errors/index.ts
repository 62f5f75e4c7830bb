// The error hierarchy: one small module per family, one factory that maps a status to its class.
export { ConfigurationError, ImmutaError, isImmutaError, type RequestTarget } from './base.js';
export {
  type ApiErrorDetails,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createApiError,
  ImmutaApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  UnprocessableEntityError,
} from './api.js';
export { ConnectionError, RequestAbortedError, ResponseTooLargeError, TimeoutError } from './transport.js';
export { PayloadValidationError, ResponseValidationError } from './validation.js';
export { IntegrationFailedError, WaitTimeoutError } from './waiting.js';
export { PlanError, type PlanProblem, PlanStaleError, ScriptRunError } from './config.js';
export { ManualRunError, type ManualRunStage } from './manual.js';
export { OptionalPackageMissingError } from './optional-package.js';
export {
  QueryFailedError,
  RedshiftAbortedError,
  RedshiftConnectionError,
  type RedshiftConnectionFailure,
  ScriptSyntaxError,
  StatementFailedError,
  type StatementPosition,
  StatementTimeoutError,
} from './redshift.js';

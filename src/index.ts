/**
 * `immuta-redshift`: a typed client for Immuta's `/integrations` API, for the Amazon Redshift integration.
 *
 * @module immuta-redshift
 * @packageDocumentation
 */

export { RedshiftIntegrationClient } from './client.js';
export type { IntegrationScripts } from './scripts.js';
export type { IntegrationId } from './internal/paths.js';
export type { WaitOptions } from './wait.js';
export type { ManualDelete, ManualSetup, ManualUpdate, WorkflowWaitOptions } from './manual-setup.js';
export type {
  Logger,
  LogFields,
  ApiKeySource,
  BodyFormat,
  RedshiftIntegrationClientOptions,
  RequestOptions,
  RetryOptions,
} from './options.js';

export {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ImmutaApiError,
  ImmutaError,
  IntegrationFailedError,
  NotFoundError,
  PayloadValidationError,
  PermissionDeniedError,
  PlanError,
  PlanStaleError,
  RateLimitError,
  RedirectError,
  RequestAbortedError,
  ResponseTooLargeError,
  ResponseValidationError,
  ScriptRunError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
  WaitTimeoutError,
} from './errors/index.js';
export type { ApiErrorDetails, PlanProblem, RequestTarget } from './errors/index.js';
export type { DesiredState } from './config/state.js';
export type { FieldChange, Plan, PlanAction, PlanData, PlanItem, PlanOptions } from './config/plan.js';
export type {
  ApplyEndEvent,
  ApplyEvent,
  ApplyScriptEvent,
  ApplyStartEvent,
  ApplyStatusEvent,
  ApplyItemResult,
  ApplyOptions,
  ApplyOutcome,
  ApplyResult,
  RunScriptRequest,
  ScriptStep,
  ScriptToRun,
} from './config/apply.js';

export { validateDeleteCredentials, validateRedshiftPayload } from './payload.js';
export type { PayloadCheckOptions } from './payload.js';
export { deleteCredentialsOf } from './model/payload.js';
export type {
  DeleteCredentials,
  ImpersonationConfig,
  OktaCredentials,
  RedshiftConfig,
  RedshiftIntegrationPayload,
} from './model/payload.js';

export { isRedshiftIntegration, KNOWN_INTEGRATION_STATUSES } from './model/integration.js';
export type {
  ImmutaErrorBody,
  Integration,
  IntegrationOperation,
  IntegrationStatus,
  IntegrationStatusInfo,
  KnownIntegrationStatus,
  OtherIntegration,
  RedshiftIntegration,
  RedshiftIntegrationConfig,
  RegenerateResult,
  ValidationResults,
  ValidationTest,
} from './model/integration.js';
export { isRedacted, redactPayload } from './model/redaction.js';
export { redactSecrets } from './secrets.js';
export type { RedactedValue } from './model/redaction.js';
export type { ValidationIssue } from './model/issues.js';

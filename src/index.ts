/**
 * `immuta-redshift`: a typed client for Immuta's `/integrations` API, for the Amazon Redshift integration.
 *
 * Start with {@link RedshiftIntegrationClient}. Configuration as code (plan, apply, export) is in
 * `immuta-redshift/config`, YAML files in `immuta-redshift/yaml`, a fake Immuta for tests in
 * `immuta-redshift/testing`.
 *
 * @module immuta-redshift
 * @packageDocumentation
 */

export { RedshiftIntegrationClient } from './client.js';
export type {
  ApiKeySource,
  BodyFormat,
  ClientOverrides,
  Clock,
  Logger,
  LogFields,
  PayloadCheckOptions,
  RedshiftIntegrationClientOptions,
  RequestOptions,
  RetryOptions,
} from './options.js';
export type { IntegrationScripts } from './scripts.js';
export type { AwsClientSettings, AwsCredentials } from './aws.js';
export type { WaitOptions } from './wait.js';
export type { ManualDelete, ManualSetup, ManualUpdate, WorkflowWaitOptions } from './manual-setup.js';
export type { ManualRunEvent, ManualRunOptions, ScriptRunner } from './manual-run.js';

export { validateDeleteCredentials, validateRedshiftPayload } from './validate.js';
export { deleteCredentialsOf } from './model/payload.js';
export type {
  DeleteCredentials,
  ImpersonationConfig,
  OktaCredentials,
  RedshiftConfig,
  RedshiftIntegrationPayload,
} from './model/payload.js';
export { isRedshiftIntegration } from './model/integration.js';
export type {
  ImmutaErrorBody,
  Integration,
  IntegrationId,
  IntegrationOperation,
  IntegrationStatus,
  IntegrationStatusInfo,
  OtherIntegration,
  RedshiftIntegration,
  RedshiftIntegrationConfig,
  RegenerateResult,
  ValidationResults,
  ValidationTest,
} from './model/integration.js';
export { KNOWN_INTEGRATION_STATUSES } from './model/statuses.js';
export type { KnownIntegrationStatus } from './model/statuses.js';
export { databaseFor, SCRIPT_STEPS } from './model/script-steps.js';
export type { ScriptDatabases, ScriptStep } from './model/script-steps.js';
export { isRedacted } from './model/redaction.js';
export type { RedactedValue } from './model/integration.js';
export { redactPayload, redactSecrets } from './redact.js';
export type { ValidationIssue } from './model/issues.js';

export {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ImmutaApiError,
  ImmutaError,
  IntegrationFailedError,
  isImmutaError,
  ManualRunError,
  NotFoundError,
  OptionalPackageMissingError,
  PayloadValidationError,
  PermissionDeniedError,
  PlanError,
  PlanStaleError,
  QueryFailedError,
  RateLimitError,
  RedirectError,
  RedshiftAbortedError,
  RedshiftConnectionError,
  RequestAbortedError,
  ResponseTooLargeError,
  ResponseValidationError,
  ScriptRunError,
  ScriptSyntaxError,
  ServerError,
  StatementFailedError,
  StatementTimeoutError,
  TimeoutError,
  UnprocessableEntityError,
  WaitTimeoutError,
} from './errors/index.js';
export type {
  ApiErrorDetails,
  ManualRunStage,
  PlanProblem,
  RedshiftConnectionFailure,
  RequestTarget,
  StatementPosition,
} from './errors/index.js';

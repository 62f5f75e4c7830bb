/**
 * `immuta-redshift`: a typed client for Immuta's `/integrations` API, for the Amazon Redshift integration.
 *
 * Start with {@link RedshiftIntegrationClient}. The other entries:
 * - {@linkcode "immuta-redshift/config"! | immuta-redshift/config}: configuration as code (plan, apply, export);
 * - {@linkcode "immuta-redshift/redshift"! | immuta-redshift/redshift}: the cluster side (running Immuta's scripts,
 *   preflight, verify);
 * - {@linkcode "immuta-redshift/yaml"! | immuta-redshift/yaml}: YAML payload files and request bodies;
 * - {@linkcode "immuta-redshift/testing"! | immuta-redshift/testing}: a fake Immuta for your tests.
 *
 * New here? [Getting started](../docs/getting-started.md) runs the whole lifecycle with no tenant, then connects
 * to yours. Then set Redshift up [automatically](../docs/automatic-setup.md) or
 * [manually](../docs/manual-setup.md); every error is in the [error catalogue](../docs/errors.md).
 *
 * @groupDescription Client
 * The client — one method per endpoint, plus waiting and the manual workflows — and its options. Start here.
 *
 * @groupDescription Payloads
 * What you send: the payload of a create, update or script request, and the credentials of a delete.
 *
 * @groupDescription Integrations
 * What Immuta answers: integrations, their statuses and validation results.
 *
 * @groupDescription Waiting
 * How long and how often the `…AndWait` methods and `waitForStatus` poll.
 *
 * @groupDescription Manual setup
 * The scripts Immuta hands out, and the workflows that send one payload to every step.
 *
 * @groupDescription Redaction
 * Masked values in Immuta's answers, and hiding secrets in what you print.
 *
 * @groupDescription AWS
 * Credentials and settings for the AWS clients the optional features use (Secrets Manager, the Redshift Data API).
 *
 * @groupDescription Errors
 * Every failure is an {@link ImmutaError}; catch the subclass that matters to you.
 *
 * @showGroups
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

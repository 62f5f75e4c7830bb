/**
 * `immuta-redshift/config`: configuration as code, built on the public client. Describe the Redshift
 * integrations you want in one file, read it with {@link loadDesiredState}, see what would change with
 * {@link plan} and {@link formatPlan}, converge with {@link apply}, and adopt what a tenant already has with
 * {@link exportDesiredState} and {@link toDesiredStateYaml}. Each takes the client to work through, as Terraform's
 * core takes a provider. A separate entry, so the YAML parser is not part of the main entry.
 *
 * The guide: [configuration as code](../../docs/config-as-code.md), from an existing tenant to a CI job that fails
 * on drift.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { RedshiftIntegrationClient } from 'immuta-redshift';
 * import { apply, formatPlan, loadDesiredState, plan } from 'immuta-redshift/config';
 *
 * const client = new RedshiftIntegrationClient();
 * const desired = await loadDesiredState(await readFile('desired.yaml', 'utf8'));
 * const changes = await plan(client, desired);
 * console.log(formatPlan(changes));
 * if (changes.hasChanges) {
 *   const result = await apply(client, changes);
 *   for (const item of result.items) console.log(item.name, item.outcome, item.error?.message ?? '');
 * }
 * ```
 *
 * @groupDescription References
 * Exported here too for convenience; documented in the main entry.
 *
 * @showGroups
 * @module immuta-redshift/config
 * @packageDocumentation
 */

export { checkDesiredState } from './check-file.js';
export { loadDesiredState } from './load.js';
export type { LoadDesiredStateOptions } from './load.js';
export type { AwsClientSettings, AwsCredentials } from '../aws.js';
export { DesiredState } from './state.js';
export type { DesiredIntegration, DesiredStateDocument } from './file-schema.js';
export { plan, Plan } from './plan.js';
export { apply } from './apply.js';
export { exportDesiredState } from './export.js';
export { formatPlan } from './format.js';
export { toDesiredStateJson, toDesiredStateYaml } from './file-writers.js';
export type { DesiredStateYamlOptions } from './file-writers.js';
export { desiredStateJsonSchema, payloadJsonSchema } from './json-schema.js';
export type { JsonSchema } from './json-schema.js';
export type {
  ApplyEndEvent,
  ApplyEvent,
  ApplyItemResult,
  ApplyOptions,
  ApplyOutcome,
  ApplyResult,
  ApplyScriptEvent,
  ApplyStartEvent,
  ApplyStatusEvent,
  ExportOptions,
  FieldChange,
  PlanAction,
  PlanBasisData,
  PlanData,
  PlanItem,
  PlanOptions,
  RunScriptRequest,
  ScriptStep,
  ScriptToRun,
  UnresolvedCredential,
} from './types.js';
export { PlanError, PlanStaleError, ScriptRunError } from '../index.js';
export type { PlanProblem } from '../index.js';

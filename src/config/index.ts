/**
 * `immuta-redshift/config`: configuration as code. Describe the Redshift integrations you want in one file,
 * read it with {@link loadDesiredState}, see what would change with `client.plan` and {@link formatPlan},
 * converge with `client.apply`, and adopt what a tenant already has with `client.exportDesiredState` and
 * {@link toDesiredStateYaml}. A separate entry, so the YAML parser is not part of the main entry.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { RedshiftIntegrationClient } from 'immuta-redshift';
 * import { formatPlan, loadDesiredState } from 'immuta-redshift/config';
 *
 * const client = new RedshiftIntegrationClient();
 * const desired = await loadDesiredState(await readFile('desired.yaml', 'utf8'));
 * const plan = await client.plan(desired);
 * console.log(formatPlan(plan));
 * if (plan.hasChanges) {
 *   const result = await client.apply(plan);
 *   for (const item of result.items) console.log(item.name, item.outcome, item.error?.message ?? '');
 * }
 * ```
 *
 * @module immuta-redshift/config
 * @packageDocumentation
 */

export { loadDesiredState } from './load.js';
export type { LoadDesiredStateOptions } from './load.js';
export { DesiredState } from './state.js';
export type { DesiredIntegration, DesiredStateDocument } from './document.js';
export { formatPlan } from './format.js';
export { toDesiredStateYaml } from './yaml-file.js';
export type { DesiredStateYamlOptions } from './yaml-file.js';
export { desiredStateJsonSchema, payloadJsonSchema } from './json-schema.js';
export type { JsonSchema } from './json-schema.js';
export type { FieldChange, Plan, PlanAction, PlanData, PlanItem, PlanOptions } from './plan.js';
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
} from './apply.js';
export { PlanError, PlanStaleError, ScriptRunError } from '../errors/index.js';
export type { PlanProblem } from '../errors/index.js';

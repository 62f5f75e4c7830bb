/** How a fake integration moves through its statuses, and how it is shown: Immuta's documented lifecycle. */
import type { ValidationResults } from '../model/integration.js';
import { redact } from './answers.js';
import { passedValidation } from './guide-integrations.js';
import type { FakeIntegration, FakeState } from './types.js';

/** The validation results of a failed setup: the connection works, the named tests failed. */
export function failedValidation(names: readonly string[]): ValidationResults {
  return {
    status: 'failed',
    validationTests: [
      { name: 'Initial Validation: Basic Connection Test', result: [null], status: 'passed' },
      ...names.map((name) => ({
        name,
        result: [],
        status: 'failed',
        message: `${name} did not pass: check the Redshift account's permissions and that the database does not exist yet.`,
      })),
    ],
  };
}

/**
 * Puts an integration in a transient status that settles into `final` (with `finalValidation`) after the
 * fake's `settle` rule. An integration that reaches `enabled` reports passing validation, whatever it reported
 * before: a repaired integration's results agree with its status.
 */
export function schedule(
  state: FakeState,
  record: FakeIntegration,
  transient: string,
  final: string,
  finalValidation: ValidationResults = final === 'enabled' ? passedValidation() : record.validationResults,
): void {
  const { settle } = state;
  record.status = transient;
  state.schedules.set(
    record.id,
    'ms' in settle
      ? { steps: [], at: state.now() + settle.ms, final, finalValidation }
      : { steps: Array<string>(settle.reads).fill(transient), final, finalValidation },
  );
}

/** A read moves the integration along its schedule. */
function advance(state: FakeState, record: FakeIntegration): void {
  const schedule = state.schedules.get(record.id);
  if (!schedule) return;
  if (schedule.at !== undefined ? state.now() < schedule.at : schedule.steps.length > 0) {
    if (schedule.at === undefined) record.status = schedule.steps.shift() ?? record.status;
    return;
  }
  record.status = schedule.final;
  if (schedule.finalValidation) record.validationResults = schedule.finalValidation;
  state.schedules.delete(record.id);
}

/** A read of one integration: counted, moved along its schedule, and forgotten once its deletion has been seen. */
export function read(state: FakeState, record: FakeIntegration): FakeIntegration {
  record.reads += 1;
  advance(state, record);
  if (record.status === 'deleted') state.store.delete(record.id);
  return record;
}

/**
 * An integration as the API shows it: credentials `<REDACTED>`, and — as the guide's GET example shows — a
 * Redshift config always says whether impersonation is on.
 */
export function view(record: FakeIntegration): Record<string, unknown> {
  const config =
    record.type === 'Redshift' ? { impersonation: { enabled: false }, ...redact(record.config) } : record.config;
  return {
    id: record.id,
    status: record.status,
    validationResults: record.validationResults,
    type: record.type,
    autoBootstrap: record.autoBootstrap,
    config,
  };
}

/** What a write answers at once. */
export function operation(record: FakeIntegration): Response {
  return Response.json({ id: record.id, status: record.status, validationResults: record.validationResults });
}

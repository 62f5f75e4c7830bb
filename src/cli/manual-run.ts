/**
 * The manual workflows run from the CLI (`setup --run`, `update --run`, `delete --run`): progress on stderr, the
 * integration it ends with on stdout — or where it stopped and the next command to run, with exit code 1.
 */
import {
  type Integration,
  IntegrationFailedError,
  isImmutaError,
  ManualRunError,
  type ManualRunOptions,
  type ManualRunStage,
} from '../index.js';
import { leftByEarlierRun, tookNoEffect } from '../manual-run.js';
import type { RedshiftRunner } from '../redshift/index.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { tables } from './output.js';
import { reportJson, reportText } from './report-error.js';
import type { Context } from './types.js';

/** A manual run from the CLI: which command, on which integration, and the payload file it came from. */
export interface ManualCommand {
  readonly command: 'setup' | 'update' | 'delete';
  /** The integration's id; undefined for a setup until Immuta answers. */
  readonly id: string | undefined;
  /** The payload file as given (`-f`), for the commands it prints. */
  readonly file: string;
  /** The initial database, where the cleanup script runs. */
  readonly initialDatabase?: string;
}

/** What to run next, in the CLI's own commands, after the run stopped at `stage`. */
function nextCommand(run: ManualCommand, stage: ManualRunStage, id: string | undefined, cause: unknown): string {
  const { command, file } = run;
  const known = id ?? run.id ?? '<id>';
  const cleanup = `run the cleanup script (immuta-redshift script cleanup -f ${file}${run.initialDatabase ? `, in database ${run.initialDatabase}` : ''})`;
  if (stage === 'wait' && !(cause instanceof IntegrationFailedError)) {
    return `it may still get there: immuta-redshift wait ${known}${command === 'delete' ? ' --until deleted' : ''}`;
  }
  switch (command) {
    case 'setup':
      if (stage === 'initial-create' && tookNoEffect(cause) && leftByEarlierRun(cause)) {
        return `what the script creates is there already, left by an earlier run: ${cleanup} to remove it, then immuta-redshift setup -f ${file} --run again`;
      }
      if (stage === 'initial-create' && tookNoEffect(cause)) {
        return `nothing took effect in Redshift, so there is nothing to clean up: fix the cause (immuta-redshift preflight -f ${file} checks the account), then immuta-redshift setup -f ${file} --run again`;
      }
      if (stage === 'initial-create' || stage === 'create') {
        return `${cleanup} to remove what the scripts made, fix the cause, then immuta-redshift setup -f ${file} --run again`;
      }
      if (stage === 'configure') {
        return `the scripts ran but Immuta created no integration: fix the cause, then immuta-redshift create -f ${file} --wait (or ${cleanup} to undo them)`;
      }
      return `as the guide says: ${cleanup}, delete the integration with no body (immuta-redshift delete ${known} --wait), fix the cause, then immuta-redshift setup -f ${file} --run again`;
    case 'update':
      return stage === 'edit'
        ? `${tookNoEffect(cause) ? 'nothing took effect in Redshift' : 'the edit script stopped partway'} and nothing was sent to Immuta: fix the cause, then immuta-redshift update ${known} -f ${file} --run again`
        : `fix the cause, then immuta-redshift update ${known} -f ${file} --run again`;
    case 'delete':
      return stage === 'delete'
        ? `${tookNoEffect(cause) ? 'nothing took effect in Redshift' : 'the delete script stopped partway'} and the integration is still in Immuta: fix the cause, then immuta-redshift delete ${known} --run again`
        : `the delete script ran: remove the integration from Immuta with immuta-redshift delete ${known} --wait`;
  }
}

/** Runs `start` with `runner`, printing each stage as it starts; closes the runner whatever happens. */
export async function runManualCommand(
  context: Context,
  run: ManualCommand,
  runner: RedshiftRunner,
  start: (options: ManualRunOptions) => Promise<Integration>,
): Promise<ExitCode> {
  try {
    const integration = await start({
      redshift: runner,
      ...context.waitOptions(run.id ?? '(new)'),
      onStage: ({ stage, database }) =>
        context.io.stderr.write(
          `${run.command}: ${stage}${database === undefined ? '' : ` (in database ${database})`}\n`,
        ),
    });
    await context.print(integration, () => tables.integration(integration));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ManualRunError)) throw error;
    context.endProgress();
    const next = nextCommand(run, error.stoppedAt, error.integrationId, error.cause);
    // The failure itself: the cause, in the CLI's words (the ManualRunError's own message speaks the SDK's).
    const cause = error.cause instanceof Error ? error.cause : error;
    // Where it stopped and what to run next, on stdout as a result (-o json: the object), and the cause on stderr.
    const result = {
      ok: false,
      stoppedAt: error.stoppedAt,
      ...(error.integrationId !== undefined && { integrationId: error.integrationId }),
      next,
      error: isImmutaError(cause) ? cause.toJSON() : { name: cause.name },
    };
    await context.print(result, () => `${run.command} stopped at ${error.stoppedAt}\nnext: ${next}\n`);
    const failure = { error: cause, context, interrupted: false };
    context.io.stderr.write(context.format === 'json' ? reportJson(failure) : reportText(failure, false));
    return EXIT.apiError;
  } finally {
    await runner.close();
  }
}

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
import { type OptionName, REDSHIFT_OPTIONS, type Values } from './argv.js';
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

/**
 * The flags that say where the commands connect: repeated in each command printed, so it goes where this one
 * went. A file's path is printed as given: it was read, so it is a path, not a key typed in its place (and
 * the output is scrubbed of the key whatever happens).
 */
const IMMUTA_FLAGS: readonly OptionName[] = ['url', 'api-key-file', 'profile', 'bearer-token', 'allow-insecure-http'];

/** A value as a shell word: as it is when plain, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function flagsOf(values: Values, names: readonly OptionName[]): string {
  return names
    .map((name) => {
      const value = values[name];
      return value === true ? ` --${name}` : typeof value === 'string' ? ` --${name} ${shellWord(value)}` : '';
    })
    .join('');
}

/** What to run next, in the CLI's own commands, after the run stopped at `stage`. */
function nextCommand(
  run: ManualCommand,
  stage: ManualRunStage,
  id: string | undefined,
  cause: unknown,
  values: Values,
): string {
  const { command, file } = run;
  const known = id ?? run.id ?? '<id>';
  /** A command to type: with this one's Immuta connection flags, and its Redshift ones where it connects there. */
  const cli = (args: string, redshift = false) =>
    `immuta-redshift ${args}${flagsOf(values, IMMUTA_FLAGS)}${redshift ? flagsOf(values, REDSHIFT_OPTIONS) : ''}`;
  const cleanup = `run the cleanup script (${cli(`script cleanup -f ${file}`)}${run.initialDatabase ? `, in database ${run.initialDatabase}` : ''})`;
  if (stage === 'wait' && !(cause instanceof IntegrationFailedError)) {
    return `it may still get there: ${cli(`wait ${known}${command === 'delete' ? ' --until deleted' : ''}`)}`;
  }
  switch (command) {
    case 'setup': {
      const again = `${cli(`setup -f ${file} --run`, true)} again`;
      if (stage === 'initial-create' && tookNoEffect(cause) && leftByEarlierRun(cause)) {
        return `what the script creates is there already, left by an earlier run: ${cleanup} to remove it, then ${again}`;
      }
      if (stage === 'initial-create' && tookNoEffect(cause)) {
        return `nothing took effect in Redshift, so there is nothing to clean up: fix the cause (${cli(`preflight -f ${file}`, true)} checks the account), then ${again}`;
      }
      if (stage === 'initial-create' || stage === 'create') {
        return `${cleanup} to remove what the scripts made, fix the cause, then ${again}`;
      }
      if (stage === 'configure') {
        return `the scripts ran but Immuta created no integration: fix the cause, then ${cli(`create -f ${file} --wait`)} (or ${cleanup} to undo them)`;
      }
      return `as the guide says: ${cleanup}, delete the integration with no body (${cli(`delete ${known} --wait`)}), fix the cause, then ${again}`;
    }
    case 'update': {
      const again = `${cli(`update ${known} -f ${file} --run`, true)} again`;
      return stage === 'edit'
        ? `${tookNoEffect(cause) ? 'nothing took effect in Redshift' : 'the edit script stopped partway'} and nothing was sent to Immuta: fix the cause, then ${again}`
        : `fix the cause, then ${again}`;
    }
    case 'delete':
      return stage === 'delete'
        ? `${tookNoEffect(cause) ? 'nothing took effect in Redshift' : 'the delete script stopped partway'} and the integration is still in Immuta: fix the cause, then ${cli(`delete ${known} --run`, true)} again`
        : `the delete script ran: remove the integration from Immuta with ${cli(`delete ${known} --wait`)}`;
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
    const next = nextCommand(run, error.stoppedAt, error.integrationId, error.cause, context.values);
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
    const debug = context.values.debug === true;
    context.io.stderr.write(context.format === 'json' ? reportJson(failure, debug) : reportText(failure, debug));
    return EXIT.apiError;
  } finally {
    await runner.close();
  }
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apply, type ApplyResult, formatPlan, plan } from '../../config/index.js';
import { isImmutaError, ScriptRunError } from '../../index.js';
import { printable } from '../../internal/printable.js';
import { redshiftRunner } from '../redshift-runner.js';
import { applyProgress } from '../apply-progress.js';
import type { Context } from '../types.js';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.js';
import { noArguments } from '../positionals.js';

function concurrencyOf(context: Context): number | undefined {
  const given = context.values.concurrency;
  if (given === undefined) return undefined;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1 || value > 64)
    throw new UsageError('--concurrency must be a whole number from 1 to 64');
  return value;
}

/** Why an item was skipped, in the CLI's words: a manual entry's scripts are finished with --scripts-ran. */
function reasonOf(item: ApplyResult['items'][number], scriptsDir: string | undefined): string | undefined {
  if (!item.scripts?.length || item.outcome !== 'skipped') return item.reason;
  const where = item.scripts.map((script) => `${script.step} in ${script.database}`).join(', ');
  const written =
    scriptsDir === undefined ? ' (pass --scripts-dir <dir> to get them as files)' : ` (written to ${scriptsDir})`;
  return `run its scripts — ${where}${written} — then apply again with --scripts-ran ${item.name}`;
}

/** An item's error; a failed script also says why, from its cause (the SDK's own errors are scrubbed). */
function errorText(error: Error): string {
  if (!(error instanceof ScriptRunError) || !isImmutaError(error.cause)) return error.message;
  return `${error.entry}: the ${error.step} script failed: ${error.cause.message}`;
}

function resultTable(result: ApplyResult, scriptsDir: string | undefined): string {
  const lines = result.items.map((item) => {
    const status = item.integration?.status;
    const reason = reasonOf(item, scriptsDir);
    // An item cut short says so, and what to do, rather than which request was aborted.
    const interrupted = item.reason?.startsWith('interrupted');
    const detail = item.error && !interrupted ? ` — ${errorText(item.error)}` : reason ? ` — ${reason}` : '';
    return `  ${printable(`${item.name}: ${item.action} ${item.outcome}${item.id === undefined ? '' : ` [id ${item.id}${status ? `, ${status}` : ''}]`}${detail}`)}`;
  });
  const failed = result.items.filter((item) => item.outcome === 'failed').length;
  const skipped = result.items.filter((item) => item.outcome === 'skipped').length;
  const summary = result.changed
    ? `Applied: ${result.items.length - failed - skipped} done, ${failed} failed, ${skipped} skipped`
    : failed + skipped === 0
      ? `No changes: the tenant already matches the file (${result.items.length} ${result.items.length === 1 ? 'entry' : 'entries'})`
      : `Nothing changed: ${failed} failed, ${skipped} skipped`;
  return `${[summary, ...lines].join('\n')}\n`;
}

/** Writes each skipped item's scripts to `dir` (owner-only: SQL can be sensitive) and says where. */
async function writeScripts(context: Context, dir: string, result: ApplyResult): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const item of result.items) {
    for (const script of item.scripts ?? []) {
      const path = join(dir, `${item.name}.${script.step}.sql`);
      await writeFile(path, script.sql.endsWith('\n') ? script.sql : `${script.sql}\n`, { mode: 0o600 });
      context.io.stderr.write(`${item.name}: wrote ${path} (run it in database ${script.database})\n`);
    }
  }
}

export async function run(context: Context, args: readonly string[]): Promise<ExitCode> {
  noArguments(context, args);
  const concurrency = concurrencyOf(context);
  const scriptsRan = String(context.values['scripts-ran'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const desired = await context.desiredState();
  for (const name of scriptsRan) {
    const shown = /^[\w.-]{1,100}$/.test(name) ? name : '…';
    const entry = Object.hasOwn(desired.document.integrations, name) ? desired.document.integrations[name] : undefined;
    if (!entry) throw new UsageError(`--scripts-ran names ${shown}, which is no entry of the file`);
    if (entry.autoBootstrap) {
      throw new UsageError(
        `--scripts-ran names ${shown}, an automatic entry (autoBootstrap: true): it has no scripts to run`,
      );
    }
  }
  const client = await context.client();
  const { signal } = context.io;
  const changes = await plan(client, desired, {
    rotateCredentials: context.values['rotate-credentials'] === true,
    signal,
  });
  context.io.stderr.write(formatPlan(changes));
  if (changes.hasChanges && context.values.yes !== true) {
    if (!context.io.stdin.isTTY) {
      throw new UsageError(
        'apply changes the tenant: pass --yes to apply when not on a terminal (nothing was changed)',
      );
    }
    const answer = await context.ask('Apply these changes? Type yes to go on: ');
    if (answer.toLowerCase() !== 'yes') {
      context.io.stderr.write('Nothing was applied.\n');
      return EXIT.changesPending;
    }
  }
  const timeout = context.values.timeout === undefined ? undefined : Number(context.values.timeout) * 1000;
  // --run-scripts: each manual entry's scripts run in its own cluster, as the flags, PG* variables or its payload say.
  const scripts =
    context.values['run-scripts'] === true
      ? (await import('../../redshift/index.js')).runScriptsWith(({ payload }) =>
          redshiftRunner(context.values, context.io, payload, context.secret),
        )
      : undefined;
  let result: ApplyResult;
  try {
    result = await apply(client, changes, {
      signal,
      onEvent: applyProgress(context.io.stderr),
      scriptsRan,
      ...(scripts && { runScript: scripts.runScript }),
      ...(concurrency !== undefined && { concurrency }),
      ...(timeout !== undefined && { wait: { timeoutMs: timeout } }),
    });
  } finally {
    await scripts?.close();
  }
  const dir = context.values['scripts-dir'];
  if (typeof dir === 'string') await writeScripts(context, dir, result);
  else if (result.items.some((item) => item.scripts?.length)) {
    context.io.stderr.write('Manual entries have scripts to run: pass --scripts-dir <dir> to write them to files.\n');
  }
  // The scripts' SQL goes to files, never to stdout (it may hold passwords): the output names each script only.
  await context.print(
    {
      ok: result.ok,
      changed: result.changed,
      items: result.items.map((item) => {
        const reason = reasonOf(item, typeof dir === 'string' ? dir : undefined);
        const scripts = item.scripts?.map(({ step, database }) => ({
          step,
          database,
          ...(typeof dir === 'string' && { file: join(dir, `${item.name}.${step}.sql`) }),
        }));
        return {
          ...item,
          ...(scripts && { scripts }),
          ...(reason !== undefined && { reason }),
          ...(item.error && { error: item.error.toJSON() }),
        };
      }),
    },
    () => resultTable(result, typeof dir === 'string' ? dir : undefined),
  );
  if (signal.aborted) return EXIT.interrupted;
  if (!result.ok) return EXIT.apiError;
  return result.items.some((item) => item.outcome === 'skipped') ? EXIT.changesPending : EXIT.ok;
}

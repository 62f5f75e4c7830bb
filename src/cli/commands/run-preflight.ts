import type { CheckResults } from '../../redshift/index.js';
import { checksInCliWords } from '../cli-words.js';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.js';
import { noArguments } from '../positionals.js';
import { redshiftRunner } from '../redshift-runner.js';
import { checksTable } from '../output.js';
import type { Context } from '../types.js';

/** `--mode automatic|manual`: whose account is checked; default from the payload's `autoBootstrap`. */
function modeOf(context: Context): 'automatic' | 'manual' | undefined {
  const mode = context.values.mode;
  if (mode === undefined) return undefined;
  if (mode !== 'automatic' && mode !== 'manual') throw new UsageError('--mode takes automatic or manual');
  return mode;
}

export async function run(context: Context, args: readonly string[]): Promise<ExitCode> {
  noArguments(context, args);
  const payload = await context.payload();
  const mode = modeOf(context);
  const runner = await redshiftRunner(context.values, context.io, payload, context.secret);
  let results: CheckResults;
  try {
    const { preflight } = await import('../../redshift/index.js');
    const { env } = context.io;
    // The node type needs AWS's management API: asked only when AWS credentials are at hand.
    const aws = env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE ? { aws: {} } : {};
    results = checksInCliWords(
      await preflight(payload, runner, {
        ...(mode !== undefined && { mode }),
        ...(context.values['existing-database'] === true && { existingDatabase: true }),
        ...aws,
        signal: context.io.signal,
      }),
    );
  } finally {
    await runner.close();
  }
  // Immuta's own shape: { status, validationTests: [{ name, status, message }] }.
  await context.print(results, () => checksTable(results));
  return results.status === 'failed' ? EXIT.apiError : EXIT.ok;
}

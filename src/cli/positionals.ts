import type { Context } from './types.js';
import { UsageError } from './exit-codes.js';

const FILE_LIKE = /\.(ya?ml|json)$/i;

/** The `-f` file as a command the CLI prints should name it: `<file>` for stdin or none. */
export function fileName(context: Pick<Context, 'values'>): string {
  const file = context.values.file;
  return typeof file === 'string' && file !== '-' ? file : '<file>';
}

/** The command as typed, without its placeholders: `script create`, `get`. */
function nameOf(context: Context): string {
  const words = context.command.brief.split(' ');
  const end = words.findIndex((word) => /^[<[-]/.test(word));
  return words.slice(0, end === -1 ? undefined : end).join(' ');
}

/** The command takes no positional arguments: one that looks like a file gets the `-f` it was missing. */
export function noArguments(context: Context, args: readonly string[]): void {
  const [first] = args;
  if (first === undefined) return;
  const name = nameOf(context);
  if (context.command.options.includes('file') && FILE_LIKE.test(first) && context.values.file === undefined) {
    throw new UsageError(`${name} takes its file with -f: immuta-redshift ${name} -f ${first}`);
  }
  throw new UsageError(`${name} takes no arguments here (see immuta-redshift ${name} --help)`);
}

/** Exactly one integration id. */
export function oneId(context: Context, args: readonly string[]): string {
  const name = nameOf(context);
  if (args.length === 0 || args[0] === '') {
    throw new UsageError(`${name} needs an integration id: immuta-redshift ${context.command.usage[0] ?? name}`);
  }
  if (args.length > 1) {
    const extra = args[1] ?? '';
    if (FILE_LIKE.test(extra) && context.command.options.includes('file')) {
      throw new UsageError(`${name} takes its file with -f: immuta-redshift ${name} ${args[0] ?? ''} -f ${extra}`);
    }
    throw new UsageError(`${name} takes one integration id (see immuta-redshift ${name} --help)`);
  }
  return args[0] as string;
}

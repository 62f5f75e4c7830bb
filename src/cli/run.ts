import { nearest } from '../internal/suggest.js';
import { redactSecrets } from '../redact.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './command-table.js';
import { EXIT, exitCodeFor, UsageError } from './exit-codes.js';
import { commandHelp, globalHelp } from './help.js';
import { GLOBAL_OPTIONS, parseCommandLine, type Values } from './argv.js';
import type { OutputFormat } from './output.js';
import { reportJson, reportText } from './report-error.js';
import type { CliIo, Command, Context, OutputKind } from './types.js';

/** Whether errors are to be JSON: `-o json`, read from the words as typed (the parse itself may have failed). */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (arg, i) =>
      arg === '--output=json' || arg === '-ojson' || ((arg === '-o' || arg === '--output') && argv[i + 1] === 'json'),
  );
}

function outputFormat(values: Values, io: CliIo, command: Command, name: string): OutputFormat {
  const kind: OutputKind = command.output;
  const given = values.output;
  if (given !== undefined && given !== 'table' && given !== 'json' && given !== 'yaml') {
    throw new UsageError('--output must be table, json or yaml');
  }
  if (kind === 'none' && given !== undefined)
    throw new UsageError(`${name} prints only ${command.prints ?? 'one form of output'}: --output does not apply`);
  if (kind === 'file' && given === 'table') throw new UsageError(`${name} prints a file: --output takes yaml or json`);
  if (kind === 'file') return (given as OutputFormat | undefined) ?? command.defaultFormat ?? 'yaml';
  if (kind === 'sql' && given === 'table')
    throw new UsageError(`${name} prints SQL: --output takes json or yaml ({ "script": … })`);
  return (given as OutputFormat | undefined) ?? (io.stdout.isTTY ? 'table' : 'json');
}

/** Runs one command line; resolves with the exit code. Never throws. */
export async function run(argv: readonly string[], given: CliIo): Promise<number> {
  // Everything the CLI prints passes the SDK's scrubber: a hostile server's echo of the key or a password
  // (in a status, a config, an error) never reaches the terminal. The key from the environment is known from
  // the start, so not even a usage error can print it.
  const secrets: string[] = given.env.IMMUTA_API_KEY ? [given.env.IMMUTA_API_KEY] : [];
  const scrubbed = (stream: CliIo['stdout']): CliIo['stdout'] => ({
    // The secrets' values only: what a server said was scrubbed (fields included) before it became a message,
    // and field-masking here would blank the CLI's own words (`config.password: is required`).
    write: (text: string) => stream.write(redactSecrets(text, secrets, { credentialFields: false })),
    isTTY: stream.isTTY,
  });
  const io: CliIo = {
    ...given,
    stdout: scrubbed(given.stdout),
    stderr: scrubbed(given.stderr),
    control: (sequence) => given.stderr.write(sequence),
  };
  let debug = false;
  let context: Context | undefined;
  try {
    const { values, positionals, given: options } = parseCommandLine(argv);
    debug = values.debug === true;
    if (values.version) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const [name, ...args] = positionals;
    const command = name === undefined ? undefined : COMMANDS[name];
    if (name === undefined) {
      io.stdout.write(globalHelp());
      return values.help ? EXIT.ok : EXIT.usage;
    }
    if (!command) {
      const suggestion = nearest(name, Object.keys(COMMANDS));
      const shown = /^[\w-]{1,40}$/.test(name) ? name : '…';
      throw new UsageError(
        `unknown command ${shown}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; see immuta-redshift --help`,
      );
    }
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    for (const option of options) {
      if (!GLOBAL_OPTIONS.includes(option) && !command.options.includes(option)) {
        throw new UsageError(`${name} does not take --${option} (see immuta-redshift ${name} --help)`);
      }
    }
    const format = outputFormat(values, io, command, name);
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 2_147_483)) {
      throw new UsageError('--timeout must be a positive number of seconds');
    }
    // Only now is the code of the command loaded: `--help` and usage errors never load the SDK.
    const [{ createContext }, { run: runCommand }] = await Promise.all([import('./context.js'), command.load()]);
    context = await createContext(io, values, command, COMMANDS, format, (value) => secrets.push(value), timeout);
    const code = await runCommand(context, args);
    context.endProgress();
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (error) {
    context?.endProgress();
    const failure = { error, context, interrupted: io.signal.aborted };
    io.stderr.write(wantsJson(argv) ? reportJson(failure, debug) : reportText(failure, debug));
    return failure.interrupted ? EXIT.interrupted : exitCodeFor(error);
  }
}

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  ImmutaError,
  type Integration,
  IntegrationFailedError,
  type IntegrationOperation,
  PayloadValidationError,
  redactPayload,
  redactSecrets,
  type RedshiftIntegrationPayload,
  RedshiftIntegrationClient,
  type WaitOptions,
  WaitTimeoutError,
} from '../index.js';
import { VERSION } from '../version.js';
import { EXIT, exitCodeFor, UsageError } from './exit-codes.js';
import { type OutputFormat, render, tables } from './output.js';

/** What the CLI touches of the outside world, so tests can run it in process too. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborts when the user interrupts (Ctrl-C). */
  readonly signal: AbortSignal;
}

const OPTIONS = {
  url: { type: 'string' },
  'api-key-file': { type: 'string' },
  output: { type: 'string', short: 'o' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  file: { type: 'string', short: 'f' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  until: { type: 'string' },
  port: { type: 'string' },
  'require-api-key': { type: 'string' },
  'settle-ms': { type: 'string' },
  'token-ttl-ms': { type: 'string' },
  'base-path': { type: 'string' },
  'fail-next-creation': { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = Partial<Record<OptionName, string | boolean>>;
const GLOBAL: readonly OptionName[] = ['url', 'api-key-file', 'output', 'debug', 'help', 'version'];

interface Command {
  /** The short form for the command list, e.g. `get <id>`. */
  readonly brief: string;
  /** The full usage line for the command's own help. */
  readonly usage: string;
  readonly summary: string;
  readonly options: readonly OptionName[];
  readonly example: string;
  run(context: Context, args: readonly string[]): Promise<void>;
}

interface Context {
  readonly io: CliIo;
  readonly values: Values;
  readonly format: OutputFormat;
  client(): Promise<RedshiftIntegrationClient>;
  print(value: unknown, asTable: () => string): void;
  readText(path: string): Promise<string>;
  /** Adds a secret to hide in everything the CLI prints (a password read from a file, the API key). */
  secret(value: string): void;
  waitOptions(id: string): WaitOptions;
  /** Prints a write's answer; with `--wait`, waits with `wait` and prints the integration it ends with. */
  afterWrite(operation: IntegrationOperation, wait: (options: WaitOptions) => Promise<Integration>): Promise<void>;
}

const CONNECTION_HELP = `Connection: IMMUTA_URL and IMMUTA_API_KEY, or --url <url> and --api-key-file <path>.
The API key is never accepted as a flag value: it would land in shell history and process lists.`;

const EXIT_HELP = `Exit codes:
  0    success
  1    API or network error (the message is the server's)
  2    usage error or invalid payload (nothing was sent)
  3    the integration reached an error status while waiting (failed validation tests listed)
  4    the wait timed out
  130  interrupted (Ctrl-C)`;

function one(args: readonly string[], name: string): string {
  if (args.length !== 1 || !args[0]) throw new UsageError(`expected one ${name}`);
  return args[0];
}

function none(args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`unexpected argument: ${args[0]}`);
}

function file(context: Context): string {
  const path = context.values.file;
  if (typeof path !== 'string') throw new UsageError('-f <file> is required (YAML or JSON; - reads stdin)');
  return path;
}

async function payloadFrom(context: Context) {
  const { parseRedshiftPayload } = await import('../yaml/index.js');
  const payload = await parseRedshiftPayload(await context.readText(file(context)));
  context.secret(passwordOf(payload.config));
  return payload;
}

function passwordOf(credentials: RedshiftIntegrationPayload['config'] | { authenticationType: string }): string {
  const value = credentials as { password?: unknown; okta?: { password?: unknown } };
  return String(value.okta?.password ?? value.password ?? '');
}

const SCRIPT_STEPS = ['initial-create', 'create', 'cleanup', 'edit', 'delete'] as const;

const COMMANDS: Record<string, Command> = {
  list: {
    brief: 'list',
    usage: 'list',
    summary: 'List every integration on the tenant (all types).',
    options: [],
    example: 'immuta-redshift list --output json',
    async run(context, args) {
      none(args);
      const integrations = await (await context.client()).list({ signal: context.io.signal });
      context.print(integrations, () => tables.integrations(integrations));
    },
  },
  get: {
    brief: 'get <id>',
    usage: 'get <id>',
    summary: 'Show one integration (credentials come back redacted).',
    options: [],
    example: 'immuta-redshift get 123456789',
    async run(context, args) {
      const integration = await (
        await context.client()
      ).get(one(args, 'integration id'), { signal: context.io.signal });
      context.print(integration, () => tables.integration(integration));
    },
  },
  status: {
    brief: 'status <id>',
    usage: 'status <id>',
    summary: "Show an integration's status.",
    options: [],
    example: 'immuta-redshift status 123456789',
    async run(context, args) {
      const status = await (
        await context.client()
      ).getStatus(one(args, 'integration id'), { signal: context.io.signal });
      context.print(status, () => tables.status(status));
    },
  },
  create: {
    brief: 'create -f <file>',
    usage: 'create -f <file> [--wait] [--timeout <seconds>]',
    summary: 'Create an integration from a payload file.',
    options: ['file', 'wait', 'timeout'],
    example: 'immuta-redshift create -f redshift.yaml --wait --timeout 900',
    async run(context, args) {
      none(args);
      const payload = await payloadFrom(context);
      const client = await context.client();
      const operation = await client.create(payload, { signal: context.io.signal });
      await context.afterWrite(operation, (options) => client.waitUntilEnabled(operation.id, options));
    },
  },
  update: {
    brief: 'update <id> -f <file>',
    usage: 'update <id> -f <file> [--wait] [--timeout <seconds>]',
    summary: "Update an integration's config from a payload file.",
    options: ['file', 'wait', 'timeout'],
    example: 'immuta-redshift update 123456789 -f redshift.yaml --wait',
    async run(context, args) {
      const id = one(args, 'integration id');
      const payload = await payloadFrom(context);
      const client = await context.client();
      const operation = await client.update(id, payload, { signal: context.io.signal });
      await context.afterWrite(operation, (options) => client.waitUntilEnabled(id, options));
    },
  },
  delete: {
    brief: 'delete <id> [-f <file>]',
    usage: 'delete <id> [-f <credentials-file>] [--wait] [--timeout <seconds>]',
    summary: 'Delete an integration (credentials file for an automatic one).',
    options: ['file', 'wait', 'timeout'],
    example: 'immuta-redshift delete 123456789 -f credentials.yaml --wait',
    async run(context, args) {
      const id = one(args, 'integration id');
      const path = context.values.file;
      const { parseDeleteCredentials } = await import('../yaml/index.js');
      const credentials =
        typeof path === 'string' ? await parseDeleteCredentials(await context.readText(path)) : undefined;
      if (credentials) context.secret(passwordOf(credentials));
      const client = await context.client();
      const operation = await client.delete(id, credentials, { signal: context.io.signal });
      await context.afterWrite(operation, (options) => client.waitForStatus(id, { ...options, until: 'deleted' }));
    },
  },
  wait: {
    brief: 'wait <id>',
    usage: 'wait <id> [--until <status>] [--timeout <seconds>]',
    summary: 'Wait until an integration reaches a status (default: enabled).',
    options: ['until', 'timeout'],
    example: 'immuta-redshift wait 123456789 --until enabled --timeout 600',
    async run(context, args) {
      const id = one(args, 'integration id');
      const until = typeof context.values.until === 'string' ? context.values.until.split(',') : ['enabled'];
      const integration = await (await context.client()).waitForStatus(id, { ...context.waitOptions(id), until });
      context.print(integration, () => tables.integration(integration));
    },
  },
  script: {
    brief: 'script <step> [<id>]',
    usage: 'script initial-create|create|cleanup -f <file>\nscript edit <id> -f <file>\nscript delete <id>',
    summary: 'Print a manual-setup SQL script, and nothing else, to stdout.',
    options: ['file'],
    example: 'immuta-redshift script initial-create -f redshift.yaml > step1.sql',
    async run(context, args) {
      const [step, ...rest] = args;
      const client = await context.client();
      const options = { signal: context.io.signal };
      let sql: string;
      switch (step) {
        case 'initial-create':
        case 'create':
        case 'cleanup': {
          none(rest);
          const payload = await payloadFrom(context);
          const scripts = {
            'initial-create': client.scripts.initialCreate,
            create: client.scripts.create,
            cleanup: client.scripts.cleanup,
          };
          sql = await scripts[step](payload, options);
          break;
        }
        case 'edit':
          sql = await client.scripts.edit(one(rest, 'integration id'), await payloadFrom(context), options);
          break;
        case 'delete':
          sql = await client.scripts.delete(one(rest, 'integration id'), options);
          break;
        default:
          throw new UsageError(`script needs one of: ${SCRIPT_STEPS.join(', ')}`);
      }
      context.io.stdout.write(sql.endsWith('\n') ? sql : `${sql}\n`);
    },
  },
  validate: {
    brief: 'validate -f <file>',
    usage: 'validate -f <file>',
    summary: 'Check a payload file offline; sends nothing.',
    options: ['file'],
    example: 'immuta-redshift validate -f redshift.yaml',
    async run(context, args) {
      none(args);
      const payload = await payloadFrom(context);
      const summary = {
        host: payload.config.host,
        authenticationType: payload.config.authenticationType,
        autoBootstrap: payload.autoBootstrap,
      };
      context.print({ valid: true, payload: redactPayload(payload) }, () => tables.valid(summary));
    },
  },
  'fake-server': {
    brief: 'fake-server',
    usage: 'fake-server [--port <n>] [--require-api-key <key>] [--settle-ms <ms>] [--fail-next-creation]',
    summary: 'Serve a fake Immuta on loopback until interrupted, to rehearse scripts without a tenant.',
    options: ['port', 'require-api-key', 'settle-ms', 'token-ttl-ms', 'base-path', 'fail-next-creation'],
    example: 'immuta-redshift fake-server --port 8080 --require-api-key test-key --settle-ms 4000',
    async run(context, args) {
      none(args);
      const port = context.values.port === undefined ? 0 : Number(context.values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
      const milliseconds = (name: 'settle-ms' | 'token-ttl-ms') => {
        const raw = context.values[name];
        if (raw === undefined) return undefined;
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 0)
          throw new UsageError(`--${name} must be a whole number of milliseconds`);
        return value;
      };
      const settleMs = milliseconds('settle-ms');
      const tokenTtlMs = milliseconds('token-ttl-ms');
      const apiKey = context.values['require-api-key'];
      const basePath = context.values['base-path'];
      const { startFakeImmutaServer } = await import('../testing/index.js');
      const server = await startFakeImmutaServer({
        port,
        ...(typeof apiKey === 'string' && { apiKey }),
        ...(settleMs !== undefined && { settle: { ms: settleMs } }),
        ...(tokenTtlMs !== undefined && { tokenTtlMs }),
        ...(typeof basePath === 'string' && { basePath }),
      });
      if (context.values['fail-next-creation']) server.fake.fail({ kind: 'creation' });
      context.io.stdout.write(`${server.url}\n`);
      context.io.stderr.write(`fake Immuta listening on ${server.url}; Ctrl-C stops it\n`);
      await new Promise<void>((resolve) =>
        context.io.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      await server.close();
    },
  },
};

function globalHelp(): string {
  const width = Math.max(...Object.values(COMMANDS).map((command) => command.brief.length));
  const lines = Object.values(COMMANDS).map((command) => `  ${command.brief.padEnd(width)}  ${command.summary}`);
  return `immuta-redshift ${VERSION}: Immuta's Redshift integration from the shell.

Usage: immuta-redshift <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  --url <url>              the Immuta tenant (default IMMUTA_URL)
  --api-key-file <path>    a file holding the API key (default: IMMUTA_API_KEY)
  -o, --output <format>    table, json or yaml (default: table on a terminal, json otherwise)
  --debug                  print stack traces of errors
  -h, --help               help; immuta-redshift <command> --help for one command
  -v, --version            the version

Files are YAML or JSON; -f - reads stdin.
${CONNECTION_HELP}

${EXIT_HELP}

Example: immuta-redshift create -f redshift.yaml --wait
`;
}

function commandHelp(name: string, command: Command): string {
  const option: Partial<Record<OptionName, string>> = {
    file: '-f, --file <path>      payload (or credentials) file, YAML or JSON; - reads stdin',
    wait: '--wait                 wait for the outcome (enabled, or deleted)',
    timeout: '--timeout <seconds>    give up waiting after this long (default 900)',
    until: '--until <status>       the status to wait for; several separated by commas',
    port: '--port <n>             the port to listen on (default: a free one)',
    'require-api-key': '--require-api-key <key> accept only this (test) API key; default: any',
    'settle-ms': '--settle-ms <ms>       writes settle this long after they are made; default: on the next read',
    'token-ttl-ms': '--token-ttl-ms <ms>    bearer tokens expire after this long; default: never',
    'base-path': '--base-path <path>     answer below this path prefix, as behind a proxy (e.g. /immuta)',
    'fail-next-creation': '--fail-next-creation   the first integration created ends in createError',
  };
  const own = command.options.map((name) => `  ${option[name]}`).join('\n');
  return `Usage: immuta-redshift ${command.usage.split('\n').join('\n       immuta-redshift ')}

${command.summary}
${own ? `\nOptions:\n${own}\n` : ''}
Example: ${command.example}

${name === 'fake-server' || name === 'validate' ? '' : `${CONNECTION_HELP}\n\n`}${EXIT_HELP}
`;
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** One line for the error, then what helps: the issues, the failed tests, the last status. */
function describe(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof ImmutaError || error instanceof UsageError;
  const lines = [known ? `error: ${message}` : `error: unexpected failure: ${message}`];
  if (error instanceof PayloadValidationError) {
    lines.push(...error.issues.map((issue) => `  ${issue.path}: ${issue.message}`));
  }
  if (error instanceof IntegrationFailedError) {
    for (const test of error.validationResults?.validationTests ?? []) {
      lines.push(`  ${test.status.padEnd(8)} ${test.name}${test.message ? ` — ${test.message}` : ''}`);
    }
  }
  if (error instanceof WaitTimeoutError) lines.push(`  last status: ${error.lastStatus ?? 'unknown'}`);
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  return `${lines.join('\n')}\n`;
}

/** A live status line on a terminal; a line per status change otherwise. */
function progressTo(stderr: CliIo['stderr'], id: string): { onPoll(integration: Integration): void; done(): void } {
  const started = performance.now();
  let last = '';
  return {
    onPoll(integration) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (stderr.isTTY) stderr.write(`\r\x1b[2Kintegration ${id}: ${integration.status} (${seconds} s)`);
      else if (integration.status !== last) stderr.write(`integration ${id}: ${integration.status} (${seconds} s)\n`);
      last = integration.status;
    },
    done() {
      if (stderr.isTTY && last !== '') stderr.write('\n');
      last = '';
    },
  };
}

/** Runs one command line; resolves with the exit code. Never throws. */
export async function run(argv: readonly string[], given: CliIo): Promise<number> {
  // Everything the CLI prints passes the SDK's scrubber: a hostile server's echo of the key or a password
  // (in a status, a config, an error) never reaches the terminal.
  // The key from the environment is known from the start, so even a usage error cannot print it.
  const secrets: string[] = given.env.IMMUTA_API_KEY ? [given.env.IMMUTA_API_KEY] : [];
  const scrubbed = (stream: CliIo['stdout']): CliIo['stdout'] => ({
    write: (text: string) => stream.write(redactSecrets(text, secrets)),
    isTTY: stream.isTTY,
  });
  const io: CliIo = { ...given, stdout: scrubbed(given.stdout), stderr: scrubbed(given.stderr) };
  let values: Values = {};
  let progress: ReturnType<typeof progressTo> | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
    } catch (error) {
      const message = (error as Error).message;
      const hint = /--api-key\b|'--api-key'/.test(message)
        ? ' (pass the key in IMMUTA_API_KEY or --api-key-file <path>: a key on the command line lands in shell history)'
        : '';
      throw new UsageError(`${message}${hint}`);
    }
    values = parsed.values as Values;
    const [name, ...args] = parsed.positionals;
    if (values.version) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const command = name === undefined ? undefined : COMMANDS[name];
    if (values.help || name === undefined) {
      io.stdout.write(command && name ? commandHelp(name, command) : globalHelp());
      return name === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    if (!command) throw new UsageError(`unknown command: ${name} (see immuta-redshift --help)`);
    for (const token of parsed.tokens) {
      if (
        token.kind === 'option' &&
        !GLOBAL.includes(token.name as OptionName) &&
        !command.options.includes(token.name as OptionName)
      ) {
        throw new UsageError(`${name} does not take --${token.name} (see immuta-redshift ${name} --help)`);
      }
    }
    const output = values.output ?? (io.stdout.isTTY ? 'table' : 'json');
    if (output !== 'table' && output !== 'json' && output !== 'yaml')
      throw new UsageError('--output must be table, json or yaml');
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout must be a positive number of seconds');

    const context: Context = {
      io,
      values,
      format: output,
      async client() {
        const keyFile = values['api-key-file'];
        // The path is never printed: a user may have typed the key itself in its place.
        const apiKey =
          typeof keyFile === 'string'
            ? (
                await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
                  throw new UsageError(`cannot read the --api-key-file file (${error.code ?? 'error'})`);
                })
              ).trim()
            : io.env.IMMUTA_API_KEY;
        if (apiKey === '') throw new UsageError('the --api-key-file file is empty');
        if (apiKey) this.secret(apiKey);
        const baseUrl = typeof values.url === 'string' ? values.url : io.env.IMMUTA_URL;
        return new RedshiftIntegrationClient({ baseUrl, apiKey });
      },
      secret(value) {
        if (value.trim() !== '') secrets.push(value);
      },
      print(value, asTable) {
        // End a live status line first, or the result would start on it.
        progress?.done();
        io.stdout.write(render(output, value, asTable));
      },
      async readText(path) {
        if (path === '-') return readAll(io.stdin);
        try {
          return await readFile(path, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
        }
      },
      async afterWrite(operation, wait) {
        if (!values.wait) return this.print(operation, () => tables.operation(operation));
        const integration = await wait(this.waitOptions(operation.id));
        this.print(integration, () => tables.integration(integration));
      },
      waitOptions(id) {
        progress = progressTo(io.stderr, id);
        return {
          signal: io.signal,
          onPoll: progress.onPoll,
          ...(timeout !== undefined && { timeoutMs: timeout * 1000 }),
        };
      },
    };
    await command.run(context, args);
    progress?.done();
    return EXIT.ok;
  } catch (error) {
    progress?.done();
    const interrupted = io.signal.aborted;
    io.stderr.write(interrupted ? 'interrupted\n' : describe(error, values.debug === true));
    return interrupted ? EXIT.interrupted : exitCodeFor(error);
  }
}

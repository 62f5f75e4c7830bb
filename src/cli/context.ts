import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  ConfigurationError,
  deleteCredentialsOf,
  type Logger,
  type LogFields,
  PayloadValidationError,
  RedshiftIntegrationClient,
} from '../index.js';
import type { Values } from './argv.js';
import { connectionOf } from './connection.js';
import { UsageError } from './exit-codes.js';
import { type OutputFormat, render, tables } from './output.js';
import { progressLine } from './progress.js';
import type { CliIo, Command, Context } from './types.js';

function passwordOf(credentials: { authenticationType?: unknown }): string {
  const value = credentials as { password?: unknown; okta?: { password?: unknown } };
  const password = value.okta?.password ?? value.password;
  return typeof password === 'string' ? password : '';
}

/** A ConfigurationError in the CLI's words: what is wrong, and the option or variable that fixes it. */
function connectionProblem(error: ConfigurationError, urlSource: string): UsageError {
  if (error.option === 'allowInsecureHttp') {
    return new UsageError(`${error.problem}: use https://, or pass --allow-insecure-http`);
  }
  if (error.option === 'baseUrl') return new UsageError(`${error.problem} (check ${urlSource})`);
  return new UsageError(error.problem);
}

/** `--unknown-fields`: reject (default) or allow. */
function unknownFieldsOf(values: Values): 'reject' | 'allow' {
  const given = values['unknown-fields'];
  if (given === undefined || given === 'reject') return 'reject';
  if (given === 'allow') return 'allow';
  throw new UsageError('--unknown-fields takes allow or reject');
}

/** `--verbose`: one line per HTTP attempt on stderr, from the client's log (scrubbed, as every line it writes). */
function verboseLogger(io: CliIo): Logger {
  const attempt = (message: string, fields: LogFields = {}) => {
    if (typeof fields.method !== 'string' || typeof fields.attempt !== 'number') return;
    const outcome = fields.status ?? fields.error ?? (/answered (\d+)/.exec(message)?.[1] || '?');
    const retry = typeof fields.delayMs === 'number' ? `; retrying in ${fields.delayMs} ms` : '';
    io.stderr.write(
      `${fields.method} ${String(fields.path)} → ${String(outcome)} (${String(fields.ms)} ms, attempt ${fields.attempt})${retry}\n`,
    );
  };
  return { debug: attempt, warn: attempt };
}

export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export async function createContext(
  io: CliIo,
  values: Values,
  command: Command,
  commands: Readonly<Record<string, Command>>,
  format: OutputFormat,
  secret: (value: string) => void,
  timeoutSeconds: number | undefined,
): Promise<Context> {
  let progress: ReturnType<typeof progressLine> | undefined;
  const unknownFields = unknownFieldsOf(values);

  async function readText(path: string): Promise<string> {
    if (path === '-') return readAll(io.stdin);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  function file(): string {
    const path = values.file;
    if (typeof path !== 'string') throw new UsageError('-f <file> is required (YAML or JSON; - reads stdin)');
    return path;
  }

  let text: Promise<string> | undefined;
  const context: Context = {
    io,
    values,
    command,
    commands,
    format,
    waiting: undefined,
    secret,
    fileText() {
      text ??= readText(file());
      return text;
    },
    async payload() {
      const { parseRedshiftPayload } = await import('../yaml/index.js');
      const payload = await parseRedshiftPayload(await context.fileText(), { unknownFields });
      secret(passwordOf(payload.config));
      return payload;
    },
    async credentials() {
      const path = values.file;
      if (typeof path !== 'string') return undefined;
      const { parseDeleteCredentials, parseRedshiftPayload } = await import('../yaml/index.js');
      const source = await context.fileText();
      const credentials = await parseDeleteCredentials(source, { unknownFields }).catch(async (error: unknown) => {
        // A payload file: the credentials in it, as deleteCredentialsOf takes them from a payload.
        if (!(error instanceof PayloadValidationError) || error.issues[0]?.code !== 'config-as-credentials')
          throw error;
        const payload = await parseRedshiftPayload(source, { unknownFields }).catch(() => {
          throw new UsageError(
            `${path} holds neither delete credentials (authenticationType with username and password, or the okta ` +
              'block) nor a whole payload to take them from: see immuta-redshift delete --help',
          );
        });
        return deleteCredentialsOf(payload);
      });
      secret(passwordOf(credentials));
      return credentials;
    },
    async client() {
      const connection = await connectionOf(values, io);
      secret(connection.apiKey);
      try {
        return new RedshiftIntegrationClient({
          baseUrl: connection.baseUrl,
          apiKey: connection.apiKey,
          authMethod: connection.authMethod,
          allowInsecureHttp: values['allow-insecure-http'] === true,
          unknownFields,
          ...(values.verbose === true && { logger: verboseLogger(io) }),
          ...(io.clock && { clock: io.clock }),
        });
      } catch (error) {
        if (error instanceof ConfigurationError) throw connectionProblem(error, connection.urlSource);
        throw error;
      }
    },
    async print(value, asTable) {
      // End a live status line first, or the result would start on it.
      context.endProgress();
      io.stdout.write(await render(format, value, asTable));
    },
    waitOptions(id, until = 'enabled') {
      const shown = progressLine(io.stderr, id, io.control);
      progress = shown;
      context.waiting = { id, until, status: undefined };
      return {
        signal: io.signal,
        onPoll: (integration) => {
          if (context.waiting) {
            context.waiting = { ...context.waiting, id: integration.id || id, status: integration.status };
          }
          shown.onPoll(integration);
        },
        ...(timeoutSeconds !== undefined && { timeoutMs: timeoutSeconds * 1000 }),
      };
    },
    async afterWrite(operation, wait, until = 'enabled') {
      if (!values.wait) return context.print(operation, () => tables.operation(operation));
      const options = context.waitOptions(operation.id, until);
      context.waiting = { id: operation.id, until, status: operation.status };
      const integration = await wait(options);
      context.waiting = undefined;
      await context.print(integration, () => tables.integration(integration));
    },
    endProgress() {
      progress?.done();
    },
    async desiredState() {
      const path = file();
      const { loadDesiredState } = await import('../config/index.js');
      return loadDesiredState(await context.fileText(), {
        env: io.env,
        baseDir: path === '-' ? process.cwd() : dirname(path),
      });
    },
    async ask(question) {
      io.stderr.write(question);
      let line = '';
      for await (const chunk of io.stdin) {
        line += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        if (line.includes('\n')) break;
      }
      return line.split('\n')[0]?.trim() ?? '';
    },
  };
  return context;
}

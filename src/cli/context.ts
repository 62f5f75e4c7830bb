import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError, PayloadValidationError, RedshiftIntegrationClient } from '../index.js';
import type { Values } from './argv.js';
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

/** The key from --api-key-file (whose path is never printed: a user may have typed the key in its place) or IMMUTA_API_KEY. */
async function apiKeyOf(values: Values, io: CliIo): Promise<string> {
  const keyFile = values['api-key-file'];
  if (typeof keyFile === 'string') {
    const key = await readFile(keyFile, 'utf8').then(
      (text) => text.trim(),
      (error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read the --api-key-file file (${error.code ?? 'error'})`);
      },
    );
    if (key === '') throw new UsageError('the --api-key-file file is empty');
    return key;
  }
  const key = io.env.IMMUTA_API_KEY?.trim();
  if (!key) throw new UsageError('no API key: set IMMUTA_API_KEY, or pass --api-key-file <path>');
  return key;
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
  format: OutputFormat,
  secret: (value: string) => void,
  timeoutSeconds: number | undefined,
): Promise<Context> {
  let progress: ReturnType<typeof progressLine> | undefined;

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

  const context: Context = {
    io,
    values,
    command,
    format,
    async payload() {
      const { parseRedshiftPayload } = await import('../yaml/index.js');
      const payload = await parseRedshiftPayload(await readText(file()));
      secret(passwordOf(payload.config));
      return payload;
    },
    async credentials() {
      const path = values.file;
      if (typeof path !== 'string') return undefined;
      const { parseDeleteCredentials } = await import('../yaml/index.js');
      const credentials = await parseDeleteCredentials(await readText(path)).catch((error: unknown) => {
        if (error instanceof PayloadValidationError && error.issues[0]?.code === 'config-as-credentials') {
          throw new UsageError(
            `${path} is a payload file, not a credentials file: a credentials file holds only authenticationType ` +
              'with username and password (or the okta block); see immuta-redshift delete --help',
          );
        }
        throw error;
      });
      secret(passwordOf(credentials));
      return credentials;
    },
    async client() {
      const fromFlag = typeof values.url === 'string';
      const baseUrl = fromFlag ? String(values.url) : io.env.IMMUTA_URL;
      if (baseUrl === undefined || baseUrl.trim() === '') {
        throw new UsageError('no Immuta URL: pass --url <url> or set IMMUTA_URL');
      }
      const apiKey = await apiKeyOf(values, io);
      secret(apiKey);
      try {
        return new RedshiftIntegrationClient({
          baseUrl,
          apiKey,
          allowInsecureHttp: values['allow-insecure-http'] === true,
          ...(io.clock && { clock: io.clock }),
        });
      } catch (error) {
        if (error instanceof ConfigurationError) throw connectionProblem(error, fromFlag ? '--url' : 'IMMUTA_URL');
        throw error;
      }
    },
    async print(value, asTable) {
      // End a live status line first, or the result would start on it.
      context.endProgress();
      io.stdout.write(await render(format, value, asTable));
    },
    waitOptions(id) {
      progress = progressLine(io.stderr, id, io.control);
      return {
        signal: io.signal,
        onPoll: progress.onPoll,
        ...(timeoutSeconds !== undefined && { timeoutMs: timeoutSeconds * 1000 }),
      };
    },
    async afterWrite(operation, wait) {
      if (!values.wait) return context.print(operation, () => tables.operation(operation));
      const integration = await wait(context.waitOptions(operation.id));
      await context.print(integration, () => tables.integration(integration));
    },
    endProgress() {
      progress?.done();
    },
    async desiredState() {
      const path = file();
      const { loadDesiredState } = await import('../config/index.js');
      return loadDesiredState(await readText(path), {
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

/** The CLI's shapes: what it touches of the outside world, what a command is, and what a command works with. */
import type {
  DeleteCredentials,
  Clock,
  Integration,
  IntegrationOperation,
  RedshiftIntegrationClient,
  RedshiftIntegrationPayload,
  WaitOptions,
} from '../index.js';
import type { DesiredState } from '../config/index.js';
import type { OptionName, Values } from './argv.js';
import type { ExitCode } from './exit-codes.js';
import type { OutputFormat } from './output.js';

/** What the CLI touches of the outside world, so tests can run it in process too. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly stdin: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborts when the user interrupts (Ctrl-C). */
  readonly signal: AbortSignal;
  /**
   * Writes a terminal control sequence of the CLI's own to stderr, unscrubbed (the scrubber drops control
   * characters, so a server cannot drive the terminal). Only constant sequences go here.
   */
  readonly control?: (sequence: string) => void;
  /** The clock of the client's retries and waits; tests pass a virtual one. Default: the system's. */
  readonly clock?: Clock;
}

/**
 * What `-o` may be for a command: a result to render, SQL (raw by default, `{ script }` as JSON or YAML), a
 * file (YAML by default, or JSON), or one fixed form.
 */
export type OutputKind = 'result' | 'sql' | 'file' | 'none';

/** One command: all `--help` needs to know, and how to load the code that runs it (only when it runs). */
export interface Command {
  /** The short form for the command list, e.g. `get <id>`. */
  readonly brief: string;
  /** The full usage, one line per form. */
  readonly usage: readonly string[];
  readonly summary: string;
  /** Options beyond the global ones. */
  readonly options: readonly OptionName[];
  readonly output: OutputKind;
  /** How its output is described in its help, when the default sentence for its kind does not fit. */
  readonly outputHelp?: string;
  /** Its own descriptions of some options (`-f`: which file it reads). */
  readonly optionHelp?: Partial<Record<OptionName, string>>;
  /** Its own meanings of some exit codes. */
  readonly exitMeanings?: Partial<Record<ExitCode, string>>;
  /** With `output: 'file'`: the format without `-o` (default yaml). */
  readonly defaultFormat?: 'json' | 'yaml';
  /** With `output: 'none'`: what it prints, for the message refusing `--output`. */
  readonly prints?: string;
  /** Whether it talks to a tenant (so its help explains the connection). */
  readonly connects: boolean;
  /** The exit codes it can return. */
  readonly exitCodes: readonly ExitCode[];
  readonly example: string;
  /** Loads the code; its `run` resolves with the exit code, or nothing for 0. */
  load(): Promise<{ run(context: Context, args: readonly string[]): Promise<unknown> }>;
}

/** What a command has to work with: its options, files, output, and — only once it needs one — a client. */
export interface Context {
  readonly io: CliIo;
  readonly values: Values;
  readonly command: Command;
  /** Every command, by name: for what describes them all (shell completion). */
  readonly commands: Readonly<Record<string, Command>>;
  readonly format: OutputFormat;
  /**
   * The wait under way, if any: the integration, the status awaited and the last one seen — what an interruption
   * reports as still under way, with the command that resumes it.
   */
  waiting: { readonly id: string; readonly until: string; readonly status: string | undefined } | undefined;
  /** Hides `value` (a password the command learnt) from everything the CLI prints from now on. */
  secret(value: string): void;
  /** The text of the file named by `-f` (`-` for stdin), read once. */
  fileText(): Promise<string>;
  /** Reads the payload file named by `-f` (`-` for stdin), validated; its password is hidden from all output. */
  payload(): Promise<RedshiftIntegrationPayload>;
  /**
   * Reads the delete credentials named by `-f`: a credentials file, or a payload file whose credentials are taken
   * as `deleteCredentialsOf` takes them. Undefined without `-f`.
   */
  credentials(): Promise<DeleteCredentials | undefined>;
  /** The client for the connection the flags, the environment or a profile give (connection.ts): asked for last. */
  client(): Promise<RedshiftIntegrationClient>;
  /** Prints a result in the chosen format; `asTable` renders it for a person. */
  print(value: unknown, asTable: () => string): Promise<void>;
  /** Wait options from --timeout, with a progress line on stderr; the wait is noted in `waiting`. */
  waitOptions(id: string, until?: string): WaitOptions;
  /** Prints a write's answer; with `--wait`, waits with `wait` (for `until`) and prints the integration it ends with. */
  afterWrite(
    operation: IntegrationOperation,
    wait: (options: WaitOptions) => Promise<Integration>,
    until?: string,
  ): Promise<void>;
  /** Ends a live progress line, if one is showing. */
  endProgress(): void;
  /** Reads the desired-state file named by `-f`, its non-credential references resolved (relative to the file). */
  desiredState(): Promise<DesiredState>;
  /** Asks a question on stderr and reads one line of stdin. */
  ask(question: string): Promise<string>;
}

import type { Context } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { OptionName } from './options.js';

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

const DESIRED_FILE_HELP =
  '-f, --file <path>        the desired-state file, YAML or JSON (see docs/config-as-code.md); - reads stdin';

const READ: readonly ExitCode[] = [EXIT.ok, EXIT.apiError, EXIT.usage, EXIT.interrupted];
const WRITE: readonly ExitCode[] = [
  EXIT.ok,
  EXIT.apiError,
  EXIT.usage,
  EXIT.integrationFailed,
  EXIT.waitTimeout,
  EXIT.interrupted,
];

export const COMMANDS: Readonly<Record<string, Command>> = {
  list: {
    brief: 'list',
    usage: ['list'],
    summary: 'List every integration on the tenant (all types).',
    options: [],
    output: 'result',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift list --output json',
    load: () => import('./commands/list.js'),
  },
  get: {
    brief: 'get <id>',
    usage: ['get <id>'],
    summary: 'Show one integration (credentials come back <REDACTED>).',
    options: [],
    output: 'result',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift get 123456789',
    load: () => import('./commands/get.js'),
  },
  status: {
    brief: 'status <id>',
    usage: ['status <id>'],
    summary: "Show an integration's status.",
    options: [],
    output: 'result',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift status 123456789',
    load: () => import('./commands/status.js'),
  },
  create: {
    brief: 'create -f <file>',
    usage: ['create -f <file> [--wait] [--timeout <seconds>]'],
    summary: 'Create an integration from a payload file.',
    options: ['file', 'wait', 'timeout'],
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift create -f redshift.yaml --wait --timeout 900',
    load: () => import('./commands/create.js'),
  },
  update: {
    brief: 'update <id> -f <file>',
    usage: ['update <id> -f <file> [--wait] [--timeout <seconds>]'],
    summary: "Update an integration's config from a payload file.",
    options: ['file', 'wait', 'timeout'],
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift update 123456789 -f redshift.yaml --wait',
    load: () => import('./commands/update.js'),
  },
  delete: {
    brief: 'delete <id> [-f <file>]',
    usage: ['delete <id> [-f <credentials-file>] [--wait] [--timeout <seconds>]'],
    summary: 'Delete an integration (with a credentials file for an automatic one).',
    options: ['file', 'wait', 'timeout'],
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift delete 123456789 -f credentials.yaml --wait',
    load: () => import('./commands/delete.js'),
  },
  wait: {
    brief: 'wait <id>',
    usage: ['wait <id> [--until <status>[,<status>…]] [--timeout <seconds>]'],
    summary: 'Wait until an integration reaches a status (default: enabled).',
    options: ['until', 'timeout'],
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift wait 123456789 --until enabled --timeout 600',
    load: () => import('./commands/wait.js'),
  },
  script: {
    brief: 'script <step> [<id>]',
    usage: ['script initial-create|create|cleanup -f <file>', 'script edit <id> -f <file>', 'script delete <id>'],
    summary: 'Print a manual-setup SQL script to stdout (with -o json or yaml: { "script": … }).',
    options: ['file'],
    output: 'sql',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift script initial-create -f redshift.yaml > step1.sql',
    load: () => import('./commands/script.js'),
  },
  validate: {
    brief: 'validate -f <file>',
    usage: ['validate -f <file>', 'validate --credentials -f <file>'],
    summary: 'Check a payload (or delete credentials) file offline; sends nothing.',
    options: ['file', 'credentials'],
    output: 'result',
    connects: false,
    exitCodes: [EXIT.ok, EXIT.usage],
    example: 'immuta-redshift validate -f redshift.yaml',
    load: () => import('./commands/validate.js'),
  },
  plan: {
    brief: 'plan -f <file>',
    usage: ['plan -f <desired-state-file> [--rotate-credentials]'],
    summary: 'Show what apply would change to make the tenant match a desired-state file; changes nothing.',
    options: ['file', 'rotate-credentials'],
    optionHelp: { file: DESIRED_FILE_HELP },
    output: 'result',
    outputHelp:
      'the plan: as text on a terminal (-o table), as data otherwise (-o json or yaml: { hasChanges, items }).',
    exitMeanings: {
      [EXIT.ok]: 'the tenant matches the file: nothing would change',
      [EXIT.changesPending]: 'changes are pending: the tenant differs from the file (drift)',
      [EXIT.usage]: 'usage error, invalid file, a missing reference, or a plan error (nothing was sent)',
    },
    connects: true,
    exitCodes: [EXIT.ok, EXIT.changesPending, EXIT.apiError, EXIT.usage, EXIT.interrupted],
    example: 'immuta-redshift plan -f desired.yaml   # exit 5 when the tenant has drifted',
    load: () => import('./commands/plan.js'),
  },
  apply: {
    brief: 'apply -f <file>',
    usage: [
      'apply -f <desired-state-file> [--yes] [--concurrency <n>] [--timeout <seconds>] [--rotate-credentials]',
      'apply -f <desired-state-file> [--scripts-dir <dir>] [--scripts-ran <name>[,<name>…]]',
    ],
    summary: 'Make the tenant match a desired-state file: shows the plan, asks on a terminal, then applies it.',
    options: ['file', 'yes', 'concurrency', 'timeout', 'rotate-credentials', 'scripts-dir', 'scripts-ran'],
    optionHelp: {
      file: DESIRED_FILE_HELP,
      timeout: '--timeout <seconds>      give up waiting for each entry after this long (default 900)',
    },
    output: 'result',
    outputHelp:
      'the plan and per-entry progress on stderr; the result on stdout (a table on a terminal, JSON otherwise).',
    exitMeanings: {
      [EXIT.ok]: 'every entry is as the file says',
      [EXIT.apiError]: 'an entry failed (its error is shown), or the tenant could not be read',
      [EXIT.usage]:
        'usage error, invalid file, missing reference, plan error, or no --yes when not on a terminal (nothing was sent)',
      [EXIT.changesPending]: 'manual entries wait for their scripts (see --scripts-dir), or the plan was not confirmed',
    },
    connects: true,
    exitCodes: [EXIT.ok, EXIT.apiError, EXIT.usage, EXIT.changesPending, EXIT.interrupted],
    example: 'immuta-redshift apply -f desired.yaml --yes',
    load: () => import('./commands/apply.js'),
  },
  export: {
    brief: 'export',
    usage: ['export [-o yaml|json]'],
    outputHelp: 'a desired-state file: YAML by default, JSON with -o json.',
    summary: "Print the tenant's Redshift integrations as a desired-state file (credentials as ${env:…} references).",
    options: [],
    output: 'file',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift export > desired.yaml',
    load: () => import('./commands/export.js'),
  },
  schema: {
    brief: 'schema',
    usage: ['schema [--payload]'],
    outputHelp: 'the JSON Schema, as JSON.',
    summary: 'Print the JSON Schema of a desired-state file (or, with --payload, of one payload file).',
    options: ['payload'],
    output: 'none',
    prints: 'a JSON Schema',
    connects: false,
    exitCodes: [EXIT.ok, EXIT.usage],
    example: 'immuta-redshift schema > desired-state.schema.json',
    load: () => import('./commands/schema.js'),
  },
  'fake-server': {
    brief: 'fake-server',
    usage: [
      'fake-server [--port <n>] [--require-api-key <key>] [--settle-ms <ms>] [--token-ttl-ms <ms>] [--base-path <path>] [--fail-next-creation]',
    ],
    summary: 'Serve a fake Immuta on loopback until Ctrl-C, to rehearse scripts without a tenant.',
    options: ['port', 'require-api-key', 'settle-ms', 'token-ttl-ms', 'base-path', 'fail-next-creation'],
    output: 'none',
    prints: 'its URL',
    connects: false,
    exitCodes: [EXIT.ok, EXIT.usage],
    example: 'immuta-redshift fake-server --port 8080 --require-api-key test-key --settle-ms 4000',
    load: () => import('./commands/fake-server.js'),
  },
};

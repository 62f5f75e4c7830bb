import { REDSHIFT_OPTIONS } from './argv.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Command } from './types.js';

const DESIRED_FILE_HELP =
  '-f, --file <path>        the desired-state file, YAML or JSON (see docs/config-as-code.md); - reads stdin';

const REDSHIFT_HELP =
  "Redshift: the payload's host and port, and its userPassword account; PGHOST, PGPORT, PGUSER, PGPASSWORD and\n" +
  'PGSSLMODE override the payload, the --redshift-* flags override both. TLS is verified (verify-full) by default.\n' +
  'With --data-api: the Redshift Data API (--cluster-identifier or --workgroup-name, --secret-arn or --db-user).';

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
    load: () => import('./commands/list-integrations.js'),
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
    load: () => import('./commands/get-integration.js'),
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
    load: () => import('./commands/show-status.js'),
  },
  create: {
    brief: 'create -f <file>',
    usage: ['create -f <file> [--wait] [--timeout <seconds>] [--unknown-fields allow]'],
    summary: 'Create an integration from a payload file.',
    options: ['file', 'wait', 'timeout', 'unknown-fields'],
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift create -f redshift.yaml --wait --timeout 900',
    load: () => import('./commands/create-integration.js'),
  },
  update: {
    brief: 'update <id> -f <file>',
    usage: [
      'update <id> -f <file> [--wait] [--timeout <seconds>] [--unknown-fields allow]',
      'update <id> -f <manual-payload-file> --run [--timeout <seconds>]',
    ],
    summary: "Update an integration's config from a payload file.",
    options: ['file', 'wait', 'timeout', 'unknown-fields', 'run', ...REDSHIFT_OPTIONS],
    optionHelp: {
      run: '--run                    a manual integration end to end: the edit script run in Redshift, then the update, then the wait',
    },
    outputHelp: `the answer, or with --wait or --run the integration it ends with.\n${REDSHIFT_HELP}`,
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift update 123456789 -f redshift.yaml --wait',
    load: () => import('./commands/update-integration.js'),
  },
  delete: {
    brief: 'delete <id> [-f <file>]',
    usage: [
      'delete <id> [-f <credentials-or-payload-file>] [--wait] [--timeout <seconds>]',
      'delete <id> --run [-f <payload-file>] [--timeout <seconds>]',
    ],
    summary: 'Delete an integration (with its credentials for an automatic one; none for a manual one).',
    options: ['file', 'wait', 'timeout', 'unknown-fields', 'run', ...REDSHIFT_OPTIONS],
    outputHelp: `the answer, or with --wait or --run the integration it ends with.\nWith --run, Redshift: the payload file's account, or the integration's host with PGUSER and PGPASSWORD (or the flags).\n${REDSHIFT_HELP}`,
    optionHelp: {
      run: '--run                    a manual integration end to end: its delete script run in Redshift, then the DELETE, then the wait',
      file:
        '-f, --file <path>        for an automatic integration: a credentials file, or the payload file it was created\n' +
        '                         with (only its credentials are sent). A credentials file, YAML or JSON:\n' +
        '                           authenticationType: userPassword\n' +
        '                           username: <user>\n' +
        '                           password: <password>\n' +
        '                         (or authenticationType: okta with the okta block). Leave -f out for a manual one',
    },
    output: 'result',
    connects: true,
    exitCodes: WRITE,
    example: 'immuta-redshift delete 123456789 -f credentials.yaml --wait',
    load: () => import('./commands/delete-integration.js'),
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
    load: () => import('./commands/wait-for-status.js'),
  },
  script: {
    brief: 'script <step> [<id>]',
    usage: ['script initial-create|create|cleanup -f <file>', 'script edit <id> -f <file>', 'script delete <id>'],
    summary: 'Print a manual-setup SQL script to stdout (with -o json or yaml: { "script": … }).',
    options: ['file', 'unknown-fields'],
    output: 'sql',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift script initial-create -f redshift.yaml > step1.sql',
    load: () => import('./commands/print-script.js'),
  },
  validate: {
    brief: 'validate -f <file>',
    usage: ['validate -f <file>', 'validate --credentials -f <file>'],
    summary: 'Check a payload, desired-state or delete credentials file offline; sends nothing.',
    options: ['file', 'credentials', 'unknown-fields'],
    optionHelp: {
      file: '-f, --file <path>        a payload or a desired-state file (told apart by its keys), or with --credentials\n                         delete credentials; YAML or JSON; - reads stdin',
    },
    output: 'result',
    connects: false,
    exitCodes: [EXIT.ok, EXIT.usage],
    example: 'immuta-redshift validate -f redshift.yaml',
    load: () => import('./commands/validate-file.js'),
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
    load: () => import('./commands/plan-changes.js'),
  },
  apply: {
    brief: 'apply -f <file>',
    usage: [
      'apply -f <desired-state-file> [--yes] [--concurrency <n>] [--timeout <seconds>] [--rotate-credentials]',
      'apply -f <desired-state-file> [--scripts-dir <dir>] [--scripts-ran <name>[,<name>…]]',
      'apply -f <desired-state-file> --run-scripts [--redshift-… | --data-api …]',
    ],
    summary: 'Make the tenant match a desired-state file: shows the plan, asks on a terminal, then applies it.',
    options: [
      'file',
      'yes',
      'concurrency',
      'timeout',
      'rotate-credentials',
      'scripts-dir',
      'scripts-ran',
      'run-scripts',
      ...REDSHIFT_OPTIONS,
    ],
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
    load: () => import('./commands/apply-changes.js'),
  },
  export: {
    brief: 'export',
    usage: ['export [-o yaml|json] [--out <file>]'],
    outputHelp:
      'a desired-state file: YAML by default, JSON with -o json (its $comment lists the variables); to stdout, or to\n' +
      '--out <file>. Its $schema points at the installed package, relative to where the file is saved.',
    summary: "Print the tenant's Redshift integrations as a desired-state file (credentials as ${env:…} references).",
    options: ['out'],
    output: 'file',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift export > desired.yaml',
    load: () => import('./commands/export-state.js'),
  },
  schema: {
    brief: 'schema',
    usage: ['schema [--payload] [-o json|yaml]'],
    outputHelp: 'the JSON Schema: JSON by default, YAML with -o yaml.',
    summary: 'Print the JSON Schema of a desired-state file (or, with --payload, of one payload file).',
    options: ['payload'],
    output: 'file',
    defaultFormat: 'json',
    connects: false,
    exitCodes: [EXIT.ok, EXIT.usage],
    example: 'immuta-redshift schema > desired-state.schema.json',
    load: () => import('./commands/print-schema.js'),
  },
  preflight: {
    brief: 'preflight -f <file>',
    usage: ['preflight -f <payload-file> [--mode automatic|manual] [--existing-database]'],
    summary: "Check the guide's requirements against the cluster, in Redshift's own terms; changes nothing.",
    options: ['file', 'mode', 'existing-database', 'unknown-fields', ...REDSHIFT_OPTIONS],
    output: 'result',
    outputHelp: `each check: passed, failed (with the fix), warning or skipped; -o json: { status, validationTests }.\n${REDSHIFT_HELP}`,
    exitMeanings: {
      [EXIT.ok]: 'nothing failed (warnings and skipped checks allowed)',
      [EXIT.apiError]: 'a check failed: its fix is shown',
    },
    connects: false,
    exitCodes: [EXIT.ok, EXIT.apiError, EXIT.usage, EXIT.interrupted],
    example: 'PGSSLMODE=verify-full immuta-redshift preflight -f redshift.yaml',
    load: () => import('./commands/run-preflight.js'),
  },
  setup: {
    brief: 'setup -f <file> --run',
    usage: ['setup -f <payload-file> --run [--timeout <seconds>]'],
    summary:
      'Manual setup end to end: each script run in Redshift where the guide says, then the integration created and awaited.',
    options: ['file', 'run', 'timeout', 'unknown-fields', ...REDSHIFT_OPTIONS],
    output: 'result',
    outputHelp: `progress on stderr; the enabled integration, or where it stopped and what to run next.\n${REDSHIFT_HELP}`,
    exitMeanings: {
      [EXIT.ok]: 'the integration reached enabled',
      [EXIT.apiError]: 'it stopped before: where, and what to run next, are printed',
    },
    connects: true,
    exitCodes: [EXIT.ok, EXIT.apiError, EXIT.usage, EXIT.interrupted],
    example: 'immuta-redshift setup -f manual.yaml --run',
    load: () => import('./commands/run-setup.js'),
  },
  verify: {
    brief: 'verify -f <file>',
    usage: ['verify -f <payload-file> [--id <id>] [--system-user <name>]'],
    summary:
      'Check a setup: the Immuta database, system user, schemas and grants in Redshift, and the integration enabled in Immuta.',
    options: ['file', 'id', 'system-user', 'unknown-fields', ...REDSHIFT_OPTIONS],
    output: 'result',
    outputHelp: `each check, as preflight prints them; -o json: { status, integrationId, validationTests }.\n${REDSHIFT_HELP}`,
    exitMeanings: { [EXIT.ok]: 'every check passed', [EXIT.apiError]: 'a check failed' },
    connects: true,
    exitCodes: [EXIT.ok, EXIT.apiError, EXIT.usage, EXIT.interrupted],
    example: 'immuta-redshift verify -f manual.yaml',
    load: () => import('./commands/verify-setup.js'),
  },
  regenerate: {
    brief: 'regenerate <id>',
    usage: ['regenerate <id>'],
    summary: 'Regenerate the Immuta API key an integration uses (SaaS; older servers answer 404).',
    options: [],
    output: 'result',
    connects: true,
    exitCodes: READ,
    example: 'immuta-redshift regenerate 123456789',
    load: () => import('./commands/regenerate-key.js'),
  },
  completion: {
    brief: 'completion <shell>',
    usage: ['completion bash|zsh|fish'],
    summary: 'Print a shell completion script for bash, zsh or fish.',
    outputHelp: 'the script; e.g. immuta-redshift completion bash > /etc/bash_completion.d/immuta-redshift',
    options: [],
    output: 'none',
    prints: 'a shell script',
    connects: false,
    exitCodes: [EXIT.ok, EXIT.usage],
    example: 'source <(immuta-redshift completion bash)',
    load: () => import('./commands/print-completion.js'),
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
    load: () => import('./commands/serve-fake.js'),
  },
};

import { nearest } from '../internal/suggest.js';
import { UsageError } from './exit-codes.js';

/** Every option the CLI knows: its form, and the line that describes it in help. */
export const OPTIONS = {
  url: { type: 'string', help: '--url <url>              the Immuta tenant (default: IMMUTA_URL)' },
  'api-key-file': {
    type: 'string',
    help: '--api-key-file <path>    a file holding the API key (default: IMMUTA_API_KEY)',
  },
  'allow-insecure-http': {
    type: 'boolean',
    help: '--allow-insecure-http    allow plain http:// to a host that is not this machine',
  },
  output: {
    type: 'string',
    short: 'o',
    help: '-o, --output <format>    table, json or yaml (default: table on a terminal, json otherwise)',
  },
  profile: {
    type: 'string',
    help: '--profile <name>         a tenant from the profiles file (default: IMMUTA_PROFILE, then its default)',
  },
  'bearer-token': {
    type: 'boolean',
    help: "--bearer-token           exchange the API key for a bearer token (Immuta's second way to authenticate)",
  },
  verbose: {
    type: 'boolean',
    help: '--verbose                one line on stderr per HTTP attempt: method, path, status, time, retries',
  },
  debug: { type: 'boolean', help: '--debug                  print stack traces of errors' },
  help: {
    type: 'boolean',
    short: 'h',
    help: '-h, --help               help; immuta-redshift <command> --help for one command',
  },
  version: { type: 'boolean', short: 'v', help: '-v, --version            the version' },
  file: {
    type: 'string',
    short: 'f',
    help: '-f, --file <path>        the payload file, YAML or JSON; - reads stdin',
  },
  credentials: { type: 'boolean', help: '--credentials            the file holds delete credentials, not a payload' },
  'unknown-fields': {
    type: 'string',
    help: '--unknown-fields allow   send settings this CLI does not model as given, with a warning (default: reject)',
  },
  wait: {
    type: 'boolean',
    help: '--wait                   wait for the outcome: enabled (create, update) or deleted (delete)',
  },
  timeout: { type: 'string', help: '--timeout <seconds>      give up waiting after this long (default 900)' },
  until: { type: 'string', help: '--until <status>         the status to wait for; several separated by commas' },
  port: { type: 'string', help: '--port <n>               the port to listen on (default: a free one)' },
  'require-api-key': { type: 'string', help: '--require-api-key <key>  accept only this (test) key; default: any' },
  'settle-ms': {
    type: 'string',
    help: '--settle-ms <ms>         writes settle this long after they are made (default: on the next read)',
  },
  'token-ttl-ms': {
    type: 'string',
    help: '--token-ttl-ms <ms>      bearer tokens expire after this long (default: never)',
  },
  'base-path': {
    type: 'string',
    help: '--base-path <path>       answer below this path, as behind a proxy (e.g. /immuta)',
  },
  yes: { type: 'boolean', help: '--yes                    apply without asking (needed when not on a terminal)' },
  'scripts-dir': {
    type: 'string',
    help: '--scripts-dir <dir>      write the scripts of manual entries there, one file per entry and step',
  },
  'scripts-ran': {
    type: 'string',
    help: "--scripts-ran <name>     you ran these entries' scripts: finish them (comma-separated, or repeat)",
  },
  'rotate-credentials': {
    type: 'boolean',
    help: '--rotate-credentials     re-send the credentials of entries that are otherwise unchanged',
  },
  concurrency: { type: 'string', help: '--concurrency <n>        how many entries apply works on at once (default 4)' },
  out: { type: 'string', help: '--out <file>             write the file there instead of to stdout' },
  run: {
    type: 'boolean',
    help: '--run                    run it: the scripts in Redshift, then the integration in Immuta',
  },
  'run-scripts': {
    type: 'boolean',
    help: "--run-scripts            run manual entries' scripts in Redshift (each entry's cluster, as its payload's account)",
  },
  mode: { type: 'string', help: '--mode automatic|manual   whose requirements to check (default: from autoBootstrap)' },
  'existing-database': {
    type: 'boolean',
    help: '--existing-database      the database exists already and holds external tables (the Spectrum option)',
  },
  'system-user': {
    type: 'string',
    help: "--system-user <name>     the system user Immuta's script created (default immuta_system)",
  },
  id: {
    type: 'string',
    help: "--id <id>                the integration (default: the one on the payload's host and database)",
  },
  'redshift-host': {
    type: 'string',
    help: '--redshift-host <host>   connect here, not to config.host (default: PGHOST)',
  },
  'redshift-port': {
    type: 'string',
    help: '--redshift-port <n>      connect on this port (default: PGPORT, then config.port, 5439)',
  },
  'redshift-user': {
    type: 'string',
    help: '--redshift-user <user>   the database user (default: PGUSER, then config.username)',
  },
  'redshift-password-file': {
    type: 'string',
    help: '--redshift-password-file <path>  its password (default: PGPASSWORD, then config.password)',
  },
  sslmode: {
    type: 'string',
    help: '--sslmode <mode>         verify-full (default), require or disable (default: PGSSLMODE)',
  },
  'data-api': {
    type: 'boolean',
    help: '--data-api               through the Redshift Data API, not the wire protocol',
  },
  'cluster-identifier': { type: 'string', help: '--cluster-identifier <id>  the provisioned cluster (Data API)' },
  'workgroup-name': { type: 'string', help: '--workgroup-name <name>  the Serverless workgroup (Data API)' },
  'secret-arn': {
    type: 'string',
    help: '--secret-arn <arn>       the database credentials in Secrets Manager (Data API)',
  },
  'db-user': { type: 'string', help: '--db-user <user>         temporary credentials for this user (Data API)' },
  region: { type: 'string', help: '--region <region>        the AWS region (default: AWS_REGION)' },
  payload: {
    type: 'boolean',
    help: '--payload                the schema of one payload file, not of a desired-state file',
  },
  'fail-next-creation': {
    type: 'boolean',
    help: '--fail-next-creation     the first integration created ends in createError',
  },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** How the Redshift commands reach the cluster: the options they share. */
export const REDSHIFT_OPTIONS: readonly OptionName[] = [
  'redshift-host',
  'redshift-port',
  'redshift-user',
  'redshift-password-file',
  'sslmode',
  'data-api',
  'cluster-identifier',
  'workgroup-name',
  'secret-arn',
  'db-user',
  'region',
];

export type Values = Partial<Record<OptionName, string | boolean>>;

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionName[] = [
  'url',
  'api-key-file',
  'profile',
  'bearer-token',
  'allow-insecure-http',
  'output',
  'verbose',
  'debug',
  'help',
  'version',
];

const SHORT: Readonly<Record<string, OptionName>> = Object.fromEntries(
  Object.entries(OPTIONS).flatMap(([name, option]) => ('short' in option ? [[option.short, name as OptionName]] : [])),
);

/** Options that would carry a secret on the command line, where shell history and `ps` show it. */
const FORBIDDEN: Readonly<Record<string, string>> = {
  'api-key':
    '--api-key is not accepted: a key on the command line lands in shell history and process lists. Set IMMUTA_API_KEY, or put the key in a file and pass --api-key-file <path>',
  password:
    '--password is not accepted: a password on the command line lands in shell history and process lists. Put it in the payload file (kept private), or as ${env:NAME} in a desired-state file; for Redshift, pass --redshift-password-file <path> or set PGPASSWORD',
};

export interface Parsed {
  readonly values: Values;
  readonly positionals: readonly string[];
  /** The options as written (`--file`, `-f`), for checking them against the command. */
  readonly given: readonly OptionName[];
}

/**
 * Reads the command line in the CLI's own words: an unknown option is named with the nearest known one, an
 * option that would carry a secret is refused with where the secret goes instead, and no option's value is
 * ever repeated (it may be a secret typed in the wrong place).
 */
export function parseCommandLine(argv: readonly string[]): Parsed {
  const values: Values = {};
  const positionals: string[] = [];
  const given: OptionName[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [rawName = '', inline] = long
      ? splitOnce(arg.slice(2), '=')
      : [arg.slice(1, 2), arg.length > 2 ? arg.slice(2) : undefined];
    const forbidden = FORBIDDEN[rawName.toLowerCase()];
    if (forbidden) throw new UsageError(forbidden);
    const name = long ? (rawName in OPTIONS ? (rawName as OptionName) : undefined) : SHORT[rawName];
    if (!name) {
      const shown = long ? `--${/^[\w-]{1,40}$/.test(rawName) ? rawName : '…'}` : `-${rawName}`;
      const suggestion = long ? nearest(rawName, Object.keys(OPTIONS)) : undefined;
      throw new UsageError(
        `unknown option ${shown}${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see immuta-redshift --help`,
      );
    }
    given.push(name);
    if (OPTIONS[name].type === 'boolean') {
      if (inline !== undefined && long) throw new UsageError(`--${name} takes no value`);
      values[name] = true;
      // Short boolean flags may not be bundled here (-hv): one letter each keeps mistakes obvious.
      if (inline !== undefined) throw new UsageError(`-${rawName} takes no value; write each short option on its own`);
      continue;
    }
    const value = inline ?? argv[i + 1];
    // A value may start with a dash only when it is a number (`--timeout -5` is then refused for its value).
    if (
      value === undefined ||
      (inline === undefined && value.startsWith('-') && value !== '-' && !/^-\d/.test(value))
    ) {
      throw new UsageError(`${long ? `--${name}` : `-${rawName}`} needs a value`);
    }
    if (inline === undefined) i += 1;
    // A list option may be repeated: its values are joined.
    const before = values[name];
    values[name] = name === 'scripts-ran' && typeof before === 'string' ? `${before},${value}` : value;
  }
  return { values, positionals, given };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

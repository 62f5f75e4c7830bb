import { ConfigurationError, PayloadValidationError, validateRedshiftPayload, type ValidationIssue } from '../index.js';
import { isCredentialField } from '../model/credential-fields.js';
import { toValidationIssues } from '../model/issues.js';
import { safeParse } from '../model/parse.js';
import { KNOWN_PAYLOAD_KEYS } from '../model/payload.js';
import { nearest } from '../internal/suggest.js';
import { parseDocumentText } from '../yaml/yaml-text.js';
import { desiredStateDocumentSchema, type DesiredStateDocument } from './file-schema.js';
import { integrationKey } from './key.js';
import type { AwsClientSettings } from '../aws.js';
import { secretsReader } from './aws-secrets.js';
import { referenceProblem, referencesIn, type ReferenceSources, resolveText } from './references.js';
import { DesiredState, type LoadedEntry, UNRESOLVED } from './state.js';

/**
 * Options of {@link loadDesiredState}.
 *
 * @group Desired state
 */
export interface LoadDesiredStateOptions {
  /** Where `${env:NAME}` is looked up. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** What `${file:PATH}` is relative to: the directory of the file you read. Default the working directory. */
  baseDir?: string;
  /**
   * How `${aws-secretsmanager:…}` reaches AWS: region, endpoint, credentials. Default: the standard AWS chain.
   * Needs the optional peer dependency `@aws-sdk/client-secrets-manager`, loaded only for such a reference.
   */
  aws?: AwsClientSettings;
}

const SUBJECT = 'desired state';
const ENTRY_NAME_RULE = 'entry names are 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Suggestions for unknown keys: `integrations.<name>.…` levels are those of a payload. */
function suggest(objectPath: readonly PropertyKey[], key: string): string | undefined {
  if (objectPath.length === 0) return nearest(key, ['$schema', '$comment', 'tenant', 'integrations']);
  if (objectPath[0] !== 'integrations' || objectPath.length < 2) return undefined;
  const level = objectPath.slice(2).join('.');
  return nearest(key, (level === '' ? [...(KNOWN_PAYLOAD_KEYS[''] ?? []), 'state'] : KNOWN_PAYLOAD_KEYS[level]) ?? []);
}

/**
 * @internal Parses the text; a syntax error on a line that holds a reference inside braces gets the likely cause: in YAML's
 * flow style (`config: { … }`) the braces of an unquoted `${env:…}` end the mapping.
 */
export function parseWithHints(source: string): unknown {
  try {
    return parseDocumentText(source, SUBJECT);
  } catch (error) {
    if (!(error instanceof PayloadValidationError)) throw error;
    const issues = error.issues.map((issue) => {
      const line = /^line (\d+)/.exec(issue.path)?.[1];
      const text = line === undefined ? undefined : source.split('\n')[Number(line) - 1];
      const unquoted = text !== undefined && /\{[^'"]*\$\{(?:env|file|aws-secretsmanager):/.test(text);
      return unquoted
        ? {
            ...issue,
            message: `${issue.message} — in a flow mapping { … }, quote a value holding a reference: '\${env:NAME}'`,
          }
        : issue;
    });
    throw new PayloadValidationError(issues, SUBJECT);
  }
}

/** A number field given a reference: references are resolved in string values only. */
function referenceHint(issue: ValidationIssue, document: unknown): ValidationIssue {
  let node: unknown = document;
  for (const step of issue.path.split('.')) node = (node as Record<string, unknown> | undefined)?.[step];
  return typeof node === 'string' && node.includes('${') && /number/.test(issue.message)
    ? { ...issue, message: `${issue.message} — references are resolved in string values only: write the number` }
    : issue;
}

/** @internal Every string of a value, with its path. */
export function* strings(node: unknown, path: string): Generator<[string, string]> {
  if (typeof node === 'string') yield [path, node];
  else if (typeof node === 'object' && node !== null) {
    for (const [key, each] of Object.entries(node)) yield* strings(each, `${path}.${key}`);
  }
}

/**
 * @internal The file checked against its schema and the syntax of every reference, every problem reported in
 * one pass. A value whose reference is mistyped is reported for that alone: what the schema says of the text
 * as it stands (a host "with a port", from the colon of `${envv:H}`) would only mislead.
 */
export function checkedDocument(parsed: unknown): DesiredStateDocument {
  const mistyped: ValidationIssue[] = [];
  for (const [path, value] of strings((parsed as { integrations?: unknown } | null)?.integrations, 'integrations')) {
    const problem = referenceProblem(value);
    if (problem) mistyped.push({ path, message: problem });
  }
  const checked = safeParse(desiredStateDocumentSchema, parsed);
  if (checked.success && mistyped.length === 0) return structuredClone(parsed) as DesiredStateDocument;
  const badNames = new Set(
    checked.success
      ? []
      : checked.error.issues
          .filter((each) => each.code === 'invalid_key')
          .map((each) => `integrations.${String(each.path[1] ?? '')}`),
  );
  const paths = new Set(mistyped.map(({ path }) => path));
  const issues = (checked.success ? [] : toValidationIssues(checked.error.issues, suggest, parsed))
    .filter(({ path }) => !paths.has(path))
    .map((found) => {
      // A bad entry name is reported on the entry's own path: say what names may be.
      const issue = referenceHint(found, parsed);
      return badNames.has(issue.path) ? { path: issue.path, message: ENTRY_NAME_RULE } : issue;
    });
  throw new PayloadValidationError([...issues, ...mistyped], SUBJECT);
}

function checkedOptions(options: LoadDesiredStateOptions | null): ReferenceSources {
  const given = options ?? {};
  if (typeof given !== 'object') {
    throw new ConfigurationError('loadDesiredState options must be an object', { option: 'options' });
  }
  if (given.env !== undefined && (typeof given.env !== 'object' || given.env === null)) {
    throw new ConfigurationError('env must be an object of variables', { option: 'env' });
  }
  if (given.baseDir !== undefined && typeof given.baseDir !== 'string') {
    throw new ConfigurationError('baseDir must be a path', { option: 'baseDir' });
  }
  if (given.aws !== undefined && (typeof given.aws !== 'object' || given.aws === null)) {
    throw new ConfigurationError('aws must be an object of AWS options', { option: 'aws' });
  }
  return { env: given.env ?? process.env, baseDir: given.baseDir ?? process.cwd(), secret: secretsReader(given.aws) };
}

/**
 * One entry's payload: references in credential fields deferred (their fields hold {@link UNRESOLVED}), every
 * other reference resolved now — a plan compares those fields, so they must have values.
 */
async function templateOf(
  name: string,
  entry: Record<string, unknown>,
  sources: ReferenceSources,
  issues: ValidationIssue[],
): Promise<{ template: unknown; references: Map<string, string>; deferred: Map<string, string> }> {
  const references = new Map<string, string>();
  const deferred = new Map<string, string>();
  async function walk(node: unknown, path: string[]): Promise<unknown> {
    if (typeof node === 'string') {
      const at = path.join('.');
      // Every reference's syntax was checked with the file's schema.
      if (referencesIn(node).length === 0) return node.replaceAll('$${', '${');
      references.set(at, node);
      if (path[0] === 'config' && isCredentialField(path[path.length - 1] ?? '')) {
        deferred.set(at, node);
        return UNRESOLVED;
      }
      const resolved = await resolveText(node, sources);
      if ('problems' in resolved) {
        for (const each of resolved.problems) issues.push({ path: `integrations.${name}.${at}`, message: each });
        return node;
      }
      return resolved.value;
    }
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      const copy: Record<string, unknown> = {};
      for (const [key, each] of Object.entries(node)) copy[key] = await walk(each, [...path, key]);
      return copy;
    }
    return node;
  }
  const template = await walk(entry, []);
  return { template, references, deferred };
}

/**
 * Reads a desired-state file (YAML or JSON) and makes it ready to plan: checks the file against its schema and
 * the syntax of every reference, resolves the `${env:NAME}` and `${file:PATH}` references of every
 * non-credential field (a path relative to `baseDir`, one trailing newline trimmed, at most 64 KiB; `$${` is a
 * literal `${`), validates each entry as a Redshift payload, and refuses two entries with one key (type, host
 * case-insensitively, port — 5439 when left out — and database).
 *
 * References in credential fields (`username`, `password`, and those of `okta`) are not resolved here: `plan`
 * never needs a credential (a plan item lists those it could not resolve), and `apply` resolves them before its
 * first write — so a plan runs in CI with no Redshift password at hand.
 *
 * @throws {@link immuta-redshift!PayloadValidationError | PayloadValidationError} (subject `desired state`) listing every problem with its path —
 * `integrations.analytics-prod.config.host: ${env:RS_HOST}: the environment variable is not set` — and never a value.
 * @throws {@link immuta-redshift!ConfigurationError | ConfigurationError} for options that are not what they should be.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { formatPlan, loadDesiredState, plan } from 'immuta-redshift/config';
 *
 * const desired = await loadDesiredState(await readFile('desired.yaml', 'utf8'), { baseDir: '.' });
 * console.log(formatPlan(await plan(client, desired)));
 * ```
 *
 * @group Desired state
 */
export async function loadDesiredState(
  text: string | Uint8Array,
  options: LoadDesiredStateOptions | null = {},
): Promise<DesiredState> {
  const source =
    typeof text === 'string' ? text : text instanceof Uint8Array ? new TextDecoder().decode(text) : undefined;
  if (source === undefined) {
    throw new PayloadValidationError([{ path: '(root)', message: 'expected the file as text or bytes' }], SUBJECT);
  }
  const document = checkedDocument(parseWithHints(source));
  const sources = checkedOptions(options);
  const issues: ValidationIssue[] = [];
  const entries: LoadedEntry[] = [];
  const byKey = new Map<string, string>();

  for (const [name, entry] of Object.entries(document.integrations)) {
    const at = `integrations.${name}`;
    const { state = 'present', ...payload } = entry;
    const before = issues.length;
    const { template, references, deferred } = await templateOf(
      name,
      { type: 'Redshift', ...payload },
      sources,
      issues,
    );
    if (issues.length > before) continue;
    let checked: LoadedEntry['template'];
    try {
      checked = validateRedshiftPayload(template);
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) throw error;
      // The paths of the entry, and — where the value came from a reference — which one.
      for (const issue of error.issues) {
        const reference = references.get(issue.path);
        issues.push({
          path: `${at}.${issue.path}`,
          message: reference ? `${issue.message} (from ${reference})` : issue.message,
        });
      }
      continue;
    }
    const key = integrationKey(checked.config);
    const clash = byKey.get(key);
    if (clash !== undefined) {
      issues.push({ path: at, message: `has the same key as ${clash}: one entry per type, host, port and database` });
      continue;
    }
    byKey.set(key, name);
    entries.push({ name, state, template: checked, key, references, deferred });
  }
  if (issues.length > 0) throw new PayloadValidationError(issues, SUBJECT);
  return new DesiredState(document, { entries, sources });
}

import { ConfigurationError, PayloadValidationError } from '../errors/index.js';
import { toValidationIssues, type ValidationIssue } from '../model/issues.js';
import { safeParse } from '../model/parse.js';
import type { RedshiftIntegrationPayload } from '../model/payload.js';
import { checkRedshiftPayload } from '../payload.js';
import { nearest } from '../internal/suggest.js';
import { KNOWN_PAYLOAD_KEYS } from '../model/payload.js';
import { parseDocumentText } from '../yaml/document.js';
import { desiredStateDocumentSchema, type DesiredStateDocument } from './document.js';
import { integrationKey } from './key.js';
import { resolveReferences } from './references.js';
import { DesiredState, type ResolvedEntry } from './state.js';

/** Options of {@link loadDesiredState}. */
export interface LoadDesiredStateOptions {
  /** Where `${env:NAME}` is looked up. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** What `${file:PATH}` is relative to: the directory of the file you read. Default the working directory. */
  baseDir?: string;
}

const SUBJECT = 'desired state';
const ENTRY_NAME_RULE = 'entry names are 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Suggestions for unknown keys: `integrations.<name>.…` levels are those of a payload. */
function suggest(objectPath: readonly PropertyKey[], key: string): string | undefined {
  if (objectPath.length === 0) return nearest(key, ['$schema', 'integrations']);
  if (objectPath[0] !== 'integrations' || objectPath.length < 2) return undefined;
  const level = objectPath.slice(2).join('.');
  return nearest(key, (level === '' ? [...(KNOWN_PAYLOAD_KEYS[''] ?? []), 'state'] : KNOWN_PAYLOAD_KEYS[level]) ?? []);
}

/**
 * Parses the text; a syntax error on a line that holds a reference inside braces gets the likely cause: in YAML's
 * flow style (`config: { … }`) the braces of an unquoted `${env:…}` end the mapping.
 */
function parseWithHints(source: string): unknown {
  try {
    return parseDocumentText(source, SUBJECT);
  } catch (error) {
    if (!(error instanceof PayloadValidationError)) throw error;
    const issues = error.issues.map((issue) => {
      const line = /^line (\d+)/.exec(issue.path)?.[1];
      const text = line === undefined ? undefined : source.split('\n')[Number(line) - 1];
      const unquoted = text !== undefined && /\{[^'"]*\$\{(?:env|file):/.test(text);
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

/**
 * Reads a desired-state file (YAML or JSON) and makes it ready to plan: checks the file against its schema,
 * resolves every `${env:NAME}` and `${file:PATH}` reference (a path relative to `baseDir`, one trailing newline
 * trimmed; `$${` is a literal `${`), validates each entry as a Redshift payload, and refuses two entries with
 * one key (type, host case-insensitively, port — 5439 when left out — and database).
 *
 * Every value a reference resolved to is treated as a secret: it never appears in the returned state's
 * `document`, a plan, its rendering, an error or a log line.
 *
 * @throws {@link immuta-redshift!PayloadValidationError | PayloadValidationError} (subject `desired state`) listing every problem with its path —
 * `integrations.analytics-prod.config.password: ${env:RS_PROD_PASSWORD}: the environment variable is not set`
 * — and never a value.
 * @throws {@link immuta-redshift!ConfigurationError | ConfigurationError} for options that are not what they should be.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { loadDesiredState, formatPlan } from 'immuta-redshift/config';
 *
 * const desired = await loadDesiredState(await readFile('desired.yaml', 'utf8'), { baseDir: '.' });
 * const plan = await client.plan(desired);
 * console.log(formatPlan(plan));
 * ```
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
  const parsed = parseWithHints(source);
  const checked = safeParse(desiredStateDocumentSchema, parsed);
  if (!checked.success) {
    const issues = toValidationIssues(checked.error.issues, suggest).map((found) => {
      const issue = referenceHint(found, parsed);
      return (
        // A bad entry name is reported on the entry's own path: say what names may be.
        checked.error.issues.some(
          (each) => each.code === 'invalid_key' && `integrations.${String(each.path[1] ?? '')}` === issue.path,
        )
          ? { path: issue.path, message: ENTRY_NAME_RULE }
          : issue
      );
    });
    throw new PayloadValidationError(issues, SUBJECT);
  }
  const document = structuredClone(parsed) as DesiredStateDocument;

  const given = options ?? {};
  if (typeof given !== 'object')
    throw new ConfigurationError('loadDesiredState options must be an object', { option: 'options' });
  if (given.env !== undefined && (typeof given.env !== 'object' || given.env === null)) {
    throw new ConfigurationError('env must be an object of variables', { option: 'env' });
  }
  if (given.baseDir !== undefined && typeof given.baseDir !== 'string') {
    throw new ConfigurationError('baseDir must be a path', { option: 'baseDir' });
  }
  const sources = { env: given.env ?? process.env, baseDir: given.baseDir ?? process.cwd() };
  const issues: ValidationIssue[] = [];
  const secrets: string[] = [];
  const entries: ResolvedEntry[] = [];
  const byKey = new Map<string, string>();

  for (const [name, entry] of Object.entries(document.integrations)) {
    const at = `integrations.${name}`;
    const { state = 'present', ...payload } = entry;
    const resolution = await resolveReferences({ type: 'Redshift', ...payload }, at, sources);
    secrets.push(...resolution.secrets);
    issues.push(...resolution.issues);
    if (resolution.issues.length > 0) continue;
    let resolved: RedshiftIntegrationPayload;
    try {
      resolved = checkRedshiftPayload(resolution.value).value;
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) throw error;
      // The paths of the entry, and — where the value came from a reference — which one.
      for (const issue of error.issues) {
        const path = `${at}.${issue.path}`;
        const reference = resolution.references.get(path);
        issues.push({ path, message: reference ? `${issue.message} (from ${reference})` : issue.message });
      }
      continue;
    }
    const key = integrationKey(resolved.config);
    const clash = byKey.get(key);
    if (clash !== undefined) {
      issues.push({
        path: at,
        message: `has the same key as ${clash}: one entry per type, host, port and database`,
      });
      continue;
    }
    byKey.set(key, name);
    const references = new Map<string, string>();
    for (const [path, expression] of resolution.references) references.set(path.slice(at.length + 1), expression);
    entries.push({ name, state, payload: resolved, key, references });
  }
  if (issues.length > 0) {
    throw new PayloadValidationError(issues, SUBJECT);
  }
  return new DesiredState(document, { entries, secrets });
}

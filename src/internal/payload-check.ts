import type * as z from 'zod/mini';
import { PayloadValidationError } from '../errors/index.js';
import type { PayloadCheckOptions } from '../options.js';
import { nearest } from './suggest.js';
import {
  type KeySuggester,
  shownKey,
  toValidationIssues,
  unknownFieldMessage,
  type ValidationIssue,
} from '../model/issues.js';
import { safeParse } from '../model/parse.js';
import {
  CONNECTION_FIELD_NAMES,
  type DeleteCredentials,
  deleteCredentialsSchema,
  KNOWN_AUTHENTICATION_TYPES,
  KNOWN_CREDENTIAL_KEYS,
  KNOWN_PAYLOAD_KEYS,
  openDeleteCredentialsSchemaFor,
  openPayloadSchemaFor,
  type RedshiftIntegrationPayload,
  redshiftPayloadSchema,
} from '../model/payload.js';

/** @internal A validated value and, under `'allow'`, the paths of the unknown keys it carries. */
export interface Checked<T> {
  readonly value: T;
  readonly unknownFields: readonly string[];
}

interface Rules {
  readonly subject: string;
  readonly strict: z.ZodMiniType;
  readonly open: (value: unknown) => z.ZodMiniType;
  readonly known: Readonly<Record<string, readonly string[]>>;
}

const PAYLOAD: Rules = {
  subject: 'Redshift integration payload',
  strict: redshiftPayloadSchema,
  open: openPayloadSchemaFor,
  known: KNOWN_PAYLOAD_KEYS,
};
const CREDENTIALS: Rules = {
  subject: 'delete credentials',
  strict: deleteCredentialsSchema,
  open: openDeleteCredentialsSchemaFor,
  known: KNOWN_CREDENTIAL_KEYS,
};

function suggester(known: Rules['known']): KeySuggester {
  return (objectPath, key) => nearest(key, known[objectPath.join('.')] ?? []);
}

/** Under `'allow'`: each unknown key at a level the SDK knows, split into likely typos and deliberate extras. */
function unknownKeys(value: unknown, known: Rules['known']): { typos: ValidationIssue[]; extras: string[] } {
  const typos: ValidationIssue[] = [];
  const extras: string[] = [];
  for (const [level, keys] of Object.entries(known)) {
    let node: unknown = value;
    for (const step of level === '' ? [] : level.split('.'))
      node = (node as Record<string, unknown> | undefined)?.[step];
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    for (const key of Object.keys(node)) {
      if (keys.includes(key)) continue;
      const path = level === '' ? shownKey(key) : `${level}.${shownKey(key)}`;
      const suggestion = nearest(key, keys);
      if (suggestion) typos.push({ path, message: unknownFieldMessage(suggestion) });
      else extras.push(path);
    }
  }
  return { typos, extras };
}

/**
 * The value with an authentication type that nearly is a known one (case or a typo) replaced by it, and the issue
 * saying so; the value as it is otherwise. `at` is the path of the object holding `authenticationType`.
 */
function withLikelyType(value: unknown, at: readonly string[]): { checked: unknown; typo?: ValidationIssue } {
  let holder: unknown = value;
  for (const step of at) holder = (holder as Record<string, unknown> | null | undefined)?.[step];
  const type = (holder as { authenticationType?: unknown } | null | undefined)?.authenticationType;
  if (typeof type !== 'string' || KNOWN_AUTHENTICATION_TYPES.includes(type)) return { checked: value };
  const likely = nearest(type, KNOWN_AUTHENTICATION_TYPES);
  if (!likely) return { checked: value };
  const checked = structuredClone(value) as Record<string, unknown>;
  let node = checked;
  for (const step of at) node = node[step] as Record<string, unknown>;
  node.authenticationType = likely;
  const path = [...at, 'authenticationType'].join('.');
  const allowed = KNOWN_AUTHENTICATION_TYPES.map((each) => JSON.stringify(each)).join(' or ');
  return { checked, typo: { path, message: `must be ${allowed} — did you mean ${likely}?` } };
}

function check<T>(rules: Rules, value: unknown, options: PayloadCheckOptions = {}): Checked<T> {
  const mode = options.unknownFields ?? 'reject';
  if (mode !== 'reject' && mode !== 'allow') {
    throw new PayloadValidationError(
      [{ path: '(options)', message: "unknownFields must be 'reject' or 'allow'" }],
      rules.subject,
    );
  }
  // A misspelt authentication type (`userpassword`) is reported, and the rest is checked as the type it most likely
  // means: every problem in one pass, not one at a time.
  const { checked, typo } = withLikelyType(value, rules === PAYLOAD ? ['config'] : []);
  const result = safeParse(mode === 'reject' ? rules.strict : rules.open(checked), checked);
  const issues = result.success ? [] : toValidationIssues(result.error.issues, suggester(rules.known), checked);
  if (typo) issues.unshift(typo);
  const { typos, extras } = mode === 'allow' ? unknownKeys(value, rules.known) : { typos: [], extras: [] };
  if (mode === 'allow' && result.success) {
    const credentials = rules === PAYLOAD ? (value as { config?: unknown }).config : value;
    const type = (credentials as { authenticationType?: unknown }).authenticationType;
    if (!KNOWN_AUTHENTICATION_TYPES.includes(type as string)) {
      extras.push(`${rules === PAYLOAD ? 'config.' : ''}authenticationType (a type this SDK does not model)`);
    }
  }
  issues.push(...typos);
  if (issues.length > 0) throw new PayloadValidationError(issues, rules.subject);
  return { value: result.data as T, unknownFields: extras };
}

/** @internal {@link validateRedshiftPayload}, also telling which unknown keys `'allow'` let through. */
export function checkRedshiftPayload(
  value: unknown,
  options?: PayloadCheckOptions,
): Checked<RedshiftIntegrationPayload> {
  return check(PAYLOAD, value, options);
}

/** @internal {@link validateDeleteCredentials}, also telling which unknown keys `'allow'` let through. */
export function checkDeleteCredentials(value: unknown, options?: PayloadCheckOptions): Checked<DeleteCredentials> {
  const looksLikeConfig =
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).some((key) => key === 'config' || CONNECTION_FIELD_NAMES.has(key));
  if (looksLikeConfig) {
    throw new PayloadValidationError(
      [
        {
          path: '(root)',
          code: 'config-as-credentials',
          message:
            'this is a whole payload or config, not delete credentials: pass deleteCredentialsOf(payload), ' +
            'which keeps authenticationType and the credential fields',
        },
      ],
      CREDENTIALS.subject,
    );
  }
  return check(CREDENTIALS, value, options);
}

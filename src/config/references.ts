/**
 * References in a desired-state file: `${env:NAME}`, `${file:PATH}`, `${aws-secretsmanager:SECRET_ID#json.key}`,
 * and `$${` for a literal `${`. How a string splits into literal text and references, and what each reference's
 * value is.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { nearest } from '../internal/suggest.js';

/** Where references are resolved from. */
export interface ReferenceSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly baseDir: string;
  /** Reads a secret from AWS Secrets Manager (`aws-secrets.ts`), once per secret id. */
  readonly secret: (secretId: string) => Promise<string>;
}

/** The kinds of reference. */
export type ReferenceKind = 'env' | 'file' | 'aws-secretsmanager';

const KINDS: readonly ReferenceKind[] = ['env', 'file', 'aws-secretsmanager'];

/** A reference in a string: its kind, what it names, and the expression as written. */
export interface Reference {
  readonly kind: ReferenceKind;
  readonly target: string;
  readonly expression: string;
}

/** One piece of a string: literal text, a reference, or a `${` that is neither (with why). */
export type Piece = { readonly text: string } | Reference | { readonly bad: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `${file:…}` holds a secret, not a data set: larger files are refused. */
export const MAX_FILE_BYTES = 64 * 1024;

/** Whether a name can be an environment variable's, as `${env:NAME}` requires. */
export function isVariableName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** Splits a string at its references. `$${` is a literal `${`; a `${` of any other form is refused. */
export function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  for (let i = 0; i < text.length;) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const end = text.indexOf('}', i);
    const match = end === -1 ? null : /^\$\{(env|file|aws-secretsmanager):(.+)\}$/s.exec(text.slice(i, end + 1));
    if (literal) pieces.push({ text: literal });
    literal = '';
    if (!match) {
      // A misspelt kind (`${envv:H}`, `${ENV:H}`) is named with the right one.
      const [, kind = '', target = ''] = /^\$\{([\w-]+):(.*)\}$/s.exec(text.slice(i, end + 1)) ?? [];
      const meant = kind === '' ? undefined : nearest(kind, KINDS);
      pieces.push({
        bad: meant
          ? `\${${kind}:…} is not a reference — did you mean \${${meant}:${target}}?`
          : 'a "${" that is not a ${env:NAME}, ${file:PATH} or ${aws-secretsmanager:SECRET_ID#key} reference (write $${ for a literal ${)',
      });
      i = end === -1 ? text.length : end + 1;
      continue;
    }
    pieces.push({ kind: match[1] as ReferenceKind, target: match[2] ?? '', expression: text.slice(i, end + 1) });
    i = end + 1;
  }
  if (literal) pieces.push({ text: literal });
  return pieces;
}

/** The references a string holds, as the loader reads them (`$${` is no reference). */
export function referencesIn(text: string): Reference[] {
  return piecesOf(text).filter((piece): piece is Reference => 'kind' in piece);
}

/** What a syntactically wrong reference in a string is, or undefined: checked at load, resolved or not. */
export function referenceProblem(text: string): string | undefined {
  for (const piece of piecesOf(text)) {
    if ('bad' in piece) return piece.bad;
    if ('kind' in piece && piece.kind === 'env' && !isVariableName(piece.target)) {
      return `${piece.expression}: not a variable name`;
    }
  }
  return undefined;
}

/**
 * Reads a file of at most {@link MAX_FILE_BYTES}, whatever its size claims to be: procfs files say 0, devices
 * never end. It is opened without blocking (a FIFO with no writer would block an `open`), must be a regular
 * file, and is read with a byte limit: one byte past it, and it is refused.
 */
async function readBounded(path: string): Promise<{ text: string } | { problem: string }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) return { problem: 'not a regular file' };
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_FILE_BYTES) return { problem: 'the file is larger than 64 KiB' };
    return { text: buffer.subarray(0, length).toString('utf8') };
  } finally {
    await handle.close();
  }
}

/**
 * `${aws-secretsmanager:SECRET_ID}`: the secret's string; `${aws-secretsmanager:SECRET_ID#a.b}`: the field `a.b` of
 * the secret, read as JSON (AWS's console stores key/value secrets so). The message names the reference, never a
 * value.
 */
async function secretValue(
  reference: Reference,
  sources: ReferenceSources,
): Promise<{ value: string } | { problem: string }> {
  const fail = (problem: string) => ({ problem: `${reference.expression}: ${problem}` });
  const at = reference.target.indexOf('#');
  const secretId = at === -1 ? reference.target : reference.target.slice(0, at);
  const path = at === -1 ? undefined : reference.target.slice(at + 1);
  if (secretId === '' || path === '') return fail('needs a secret id, and a key after # when there is a #');
  let text: string;
  try {
    text = await sources.secret(secretId);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (path === undefined) return text === '' ? fail('the secret is empty') : { value: text };
  let node: unknown;
  try {
    node = JSON.parse(text);
  } catch {
    return fail('the secret is not JSON, so it has no keys: leave out the #…');
  }
  for (const step of path.split('.')) node = (node as Record<string, unknown> | null)?.[step];
  if (typeof node === 'number' || typeof node === 'boolean') node = String(node);
  if (typeof node !== 'string') return fail(`the secret has no text at ${path}`);
  return node === '' ? fail(`the secret's ${path} is empty`) : { value: node };
}

/** A reference's value, or why it has none. The message names the reference, never a value. */
export async function valueOf(
  reference: Reference,
  sources: ReferenceSources,
): Promise<{ value: string } | { problem: string }> {
  const fail = (problem: string) => ({ problem: `${reference.expression}: ${problem}` });
  if (reference.kind === 'aws-secretsmanager') return secretValue(reference, sources);
  if (reference.kind === 'env') {
    if (!isVariableName(reference.target)) return fail('not a variable name');
    const value = sources.env[reference.target];
    if (value === undefined) return fail('the environment variable is not set');
    if (value === '') return fail('the environment variable is empty');
    return { value };
  }
  const path = isAbsolute(reference.target) ? reference.target : resolve(sources.baseDir, reference.target);
  try {
    const read = await readBounded(path);
    if ('problem' in read) return fail(read.problem);
    const { text } = read;
    const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
    return value === '' ? fail('the file is empty') : { value };
  } catch (error) {
    return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A string with its references resolved, or every problem (each naming its reference, never a value). */
export async function resolveText(
  text: string,
  sources: ReferenceSources,
): Promise<{ value: string } | { problems: string[] }> {
  let out = '';
  const problems: string[] = [];
  for (const piece of piecesOf(text)) {
    if ('text' in piece) out += piece.text;
    else if ('bad' in piece) problems.push(piece.bad);
    else {
      const resolved = await valueOf(piece, sources);
      if ('problem' in resolved) problems.push(resolved.problem);
      else out += resolved.value;
    }
  }
  return problems.length > 0 ? { problems } : { value: out };
}

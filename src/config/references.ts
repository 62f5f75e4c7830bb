import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ValidationIssue } from '../model/issues.js';

/** Where references are resolved from. */
export interface ReferenceSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly baseDir: string;
}

/** The references a string holds, as the loader reads them (`$${` is no reference): for listing their names. */
export function referencesIn(text: string): { kind: 'env' | 'file'; target: string }[] {
  return piecesOf(text).flatMap((piece) => ('kind' in piece ? [{ kind: piece.kind, target: piece.target }] : []));
}

/** Whether a name can be an environment variable's, as `${env:NAME}` requires. */
export function isVariableName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** A value with its references resolved, the resolved values (secrets, all of them), and what went wrong. */
export interface Resolution {
  readonly value: unknown;
  readonly secrets: readonly string[];
  /** The reference expressions by dotted path, for showing `${env:X}` where a resolved value would be. */
  readonly references: ReadonlyMap<string, string>;
  readonly issues: readonly ValidationIssue[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `${file:…}` holds a secret, not a data set: larger files are refused. */
const MAX_FILE_BYTES = 64 * 1024;

/** One piece of a string: literal text, or a reference to resolve. */
type Piece = { text: string } | { kind: 'env' | 'file'; target: string; expression: string } | { bad: string };

/** Splits a string at its references. `$${` is a literal `${`; a `${` of any other form is refused. */
function piecesOf(text: string): Piece[] {
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
    const match = end === -1 ? null : /^\$\{(env|file):(.+)\}$/s.exec(text.slice(i, end + 1));
    if (literal) pieces.push({ text: literal });
    literal = '';
    if (!match) {
      pieces.push({ bad: 'a "${" that is not a ${env:NAME} or ${file:PATH} reference (write $${ for a literal ${)' });
      i = end === -1 ? text.length : end + 1;
      continue;
    }
    const expression = text.slice(i, end + 1);
    pieces.push({ kind: match[1] as 'env' | 'file', target: match[2] ?? '', expression });
    i = end + 1;
  }
  if (literal) pieces.push({ text: literal });
  return pieces;
}

/** A reference's value, or why it has none. The message names the reference, never a value. */
async function valueOf(
  piece: { kind: 'env' | 'file'; target: string; expression: string },
  sources: ReferenceSources,
): Promise<{ value: string } | { problem: string }> {
  if (piece.kind === 'env') {
    if (!isVariableName(piece.target)) return { problem: `${piece.expression}: not a variable name` };
    const value = sources.env[piece.target];
    if (value === undefined) return { problem: `${piece.expression}: the environment variable is not set` };
    if (value === '') return { problem: `${piece.expression}: the environment variable is empty` };
    return { value };
  }
  const path = isAbsolute(piece.target) ? piece.target : resolve(sources.baseDir, piece.target);
  try {
    // A regular file of a sensible size only: never a device (/dev/zero), a pipe (which would block) or a folder.
    const info = await stat(path);
    if (!info.isFile()) return { problem: `${piece.expression}: not a regular file` };
    if (info.size > MAX_FILE_BYTES) return { problem: `${piece.expression}: the file is larger than 64 KiB` };
    const text = await readFile(path, 'utf8');
    const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
    if (value === '') return { problem: `${piece.expression}: the file is empty` };
    return { value };
  } catch (error) {
    return {
      problem: `${piece.expression}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
}

/**
 * Resolves every `${env:NAME}` and `${file:PATH}` in the string values of `value` (a parsed entry), returning
 * a copy. `path` prefixes the issues' paths (`integrations.analytics-prod`).
 */
export async function resolveReferences(value: unknown, path: string, sources: ReferenceSources): Promise<Resolution> {
  const secrets: string[] = [];
  const references = new Map<string, string>();
  const issues: ValidationIssue[] = [];

  async function walk(node: unknown, at: string): Promise<unknown> {
    if (typeof node === 'string') {
      if (!node.includes('${')) return node;
      const pieces = piecesOf(node);
      let out = '';
      const expressions: string[] = [];
      for (const piece of pieces) {
        if ('text' in piece) out += piece.text;
        else if ('bad' in piece) issues.push({ path: at, message: piece.bad });
        else {
          expressions.push(piece.expression);
          const resolved = await valueOf(piece, sources);
          if ('problem' in resolved) issues.push({ path: at, message: resolved.problem });
          else {
            secrets.push(resolved.value);
            out += resolved.value;
          }
        }
      }
      if (expressions.length > 0) references.set(at, node);
      return out;
    }
    if (Array.isArray(node)) return Promise.all(node.map((each, i) => walk(each, `${at}[${i}]`)));
    if (typeof node === 'object' && node !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, each] of Object.entries(node)) copy[key] = await walk(each, `${at}.${key}`);
      return copy;
    }
    return node;
  }

  const resolved = await walk(value, path);
  return { value: resolved, secrets, references, issues };
}

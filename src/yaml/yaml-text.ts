import { isDocument, parseAllDocuments, Scalar, stringify } from 'yaml';
import { PayloadValidationError } from '../errors/index.js';
import { escapeCharacter, UNSAFE_CHARACTERS } from '../internal/printable.js';

/**
 * The only module that imports `yaml`. It is reached only from the `immuta-redshift/yaml` entry (and the
 * CLI, when a command reads a file or prints YAML): the main entry's import graph never contains it, so a
 * single-file bundle of `import { RedshiftIntegrationClient }` does not carry it.
 */

/** Documents larger than this are refused before parsing. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** Alias expansions allowed in one document: enough for real configs, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/**
 * Characters written as escapes: the unsafe ones but line breaks and tabs (which YAML writes well itself), and
 * the private-use character that marks an escape while the text is written.
 */
const ESCAPED = new RegExp(`(?![\\n\\t])${UNSAFE_CHARACTERS.source}|\\ue000`, 'g');
/** Marks an escape of ours in a value, until the text is written. */
const MARK = '\ue000';

/** A copy in which each string holding a character to escape is a double-quoted scalar, its escapes marked. */
function marked(value: unknown): unknown {
  if (typeof value === 'string') {
    ESCAPED.lastIndex = 0;
    if (!ESCAPED.test(value)) return value;
    const scalar = new Scalar(value.replace(ESCAPED, (ch) => `${MARK}${escapeCharacter(ch)}`));
    scalar.type = 'QUOTE_DOUBLE';
    return scalar;
  }
  if (Array.isArray(value)) return value.map(marked);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, marked(each)]));
  }
  return value;
}

/**
 * @internal Serializes a value to YAML that parses back to the same value. Characters that could forge what a
 * reader sees (a line separator, a bidi override, a C1 control) are written as escapes in double quotes, never
 * raw: the file shows what it holds.
 */
export function toYaml(value: unknown): string {
  // The writer doubles the backslash of each marked escape: a marked `\\` is the escape's own.
  return stringify(marked(value), { aliasDuplicateObjects: false }).replaceAll(`${MARK}\\\\`, '\\');
}

/** Where a character offset falls, as a person counts lines and columns (from 1). */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/**
 * A JSON document's syntax error, told as JSON (a truncated JSON file is not "bad indentation"): where it
 * is, from the offset the platform reports, and never the text, which may hold a password.
 */
function jsonSyntaxError(text: string, subject: string): PayloadValidationError | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const offset = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = lineAndColumn(text, offset === undefined ? text.length : Number(offset));
    const message = offset === undefined ? 'JSON syntax error: the document ends too early' : 'JSON syntax error';
    return new PayloadValidationError([{ path: where, message }], subject);
  }
}

/**
 * @internal Parses YAML or JSON text (YAML 1.2 reads JSON) into a plain value. Refuses oversized
 * documents, alias bombs, duplicate keys and multiple documents. A document that starts like JSON (`{` or
 * `[`) and does not parse gets a JSON syntax error. Messages give line and column but never quote the
 * text, which may hold a password (`prettyErrors` is on only to get `linePos`; the library's messages,
 * which quote the source, are never used).
 */
export function parseDocumentText(text: string, subject = 'payload document'): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new PayloadValidationError(
      [{ path: '(root)', message: `document is ${bytes} bytes, more than the ${MAX_DOCUMENT_BYTES} allowed` }],
      subject,
    );
  }
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true, strict: true });
  if (!Array.isArray(documents)) return undefined; // an empty stream
  if (documents.length > 1) {
    throw new PayloadValidationError([{ path: '(root)', message: 'expected one document, found several' }], subject);
  }
  const document = documents[0];
  if (!document || !isDocument(document)) return undefined;
  const problem = document.errors[0];
  if (problem && /^\s*[[{]/.test(text)) {
    const json = jsonSyntaxError(text, subject);
    if (json) throw json;
  }
  if (problem) {
    // A line indented more than the key above it reads, to the parser, as a key that spans two lines, and the
    // error starts on the line above: the line at fault is where the span ends.
    const spanning = document.errors.find((each) => each.code === 'MULTILINE_IMPLICIT_KEY');
    const end = spanning?.linePos?.[1];
    if (end) {
      const line = text.split('\n')[end.line - 1] ?? '';
      const where = `line ${end.line}, column ${line.length - line.trimStart().length + 1}`;
      throw new PayloadValidationError(
        [{ path: where, message: 'syntax error: this line is indented differently from the keys above it' }],
        subject,
      );
    }
    const position = problem.linePos?.[0];
    const where = position ? `line ${position.line}, column ${position.col}` : 'unknown position';
    throw new PayloadValidationError([{ path: where, message: describeYamlError(problem.code) }], subject);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw new PayloadValidationError(
      [
        {
          path: '(root)',
          message: `too many alias expansions (more than ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`,
        },
      ],
      subject,
    );
  }
}

/** A human sentence per yaml error code; the library's own messages may quote the offending text. */
function describeYamlError(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key: each key may appear once';
    case 'MISSING_CHAR':
      return 'syntax error: a closing quote, bracket or brace is missing';
    case 'BAD_INDENT':
    case 'MISSING_INDENT':
      return 'syntax error: bad indentation';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'syntax error: a key spans several lines (a missing colon or quote above?)';
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'syntax error: unexpected content';
    default:
      return `syntax error (${code})`;
  }
}

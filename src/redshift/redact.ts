import { scrub } from '../internal/scrub.js';
import { maskSqlSecrets, secretLiteralsIn } from './mask-sql.js';

/** The longest statement text an error or event shows. */
const SHOWN_STATEMENT = 2_000;

/**
 * @internal The one way the cluster side makes text presentable: SQL secret literals masked, then the known
 * secrets (the connection's password, the caller's `secrets`, and the literals of the statement at hand)
 * scrubbed in any encoding.
 */
export class Redactor {
  readonly #secrets: readonly string[];

  constructor(secrets: readonly (string | undefined)[]) {
    this.#secrets = secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
  }

  /** The same, also hiding `extra` secrets. */
  with(extra: readonly (string | undefined)[]): Redactor {
    return extra.length === 0 ? this : new Redactor([...this.#secrets, ...extra]);
  }

  /** The same, also hiding the secret literals written in `sql` (what a server may echo without the keyword). */
  withSqlOf(sql: string): Redactor {
    return this.with(secretLiteralsIn(sql));
  }

  /** Masks SQL secret literals and scrubs the known secrets. */
  text(value: string): string {
    return scrub(maskSqlSecrets(String(value)), this.#secrets);
  }

  /** A statement as shown: masked, scrubbed, cut to a readable length. */
  statement(sql: string): string {
    const shown = this.text(sql);
    return shown.length > SHOWN_STATEMENT ? `${shown.slice(0, SHOWN_STATEMENT)}…` : shown;
  }
}

/**
 * @internal What an error may keep of a driver's error as its `cause`: its name and code, never its message
 * or fields (they may hold the SQL sent, passwords included).
 */
export function causeSummary(error: unknown): Error {
  const named = (error as { name?: unknown } | null)?.name;
  const name = typeof named === 'string' ? named : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const summary = new Error(typeof code === 'string' ? `${name} ${code}` : name);
  summary.name = name;
  if (typeof code === 'string') Object.assign(summary, { code });
  return summary;
}

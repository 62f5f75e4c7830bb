import { ALREADY_EXISTS } from '../internal/sql-states.js';

/** Where a failure happened, for advice that names statements. */
interface FailurePlace {
  readonly step: string;
  readonly database: string;
  readonly statementIndex: number;
  readonly total: number;
}

/** The Data API reports message text only: the SQLSTATE its usual wording stands for. */
const TEXT_CODES: readonly [RegExp, string][] = [
  [/database .* already exists/i, '42P04'],
  [/schema .* already exists/i, '42P06'],
  [/already exists/i, '42710'],
  [/permission denied|must be (?:a )?superuser|not authorized/i, '42501'],
  [/cannot run inside a transaction block/i, '25001'],
  [/database .* does not exist/i, '3D000'],
  [/being accessed by other users/i, '55006'],
  [/syntax error/i, '42601'],
];

/** The SQLSTATE a failure stands for: the one reported, else the one its wording implies. */
export function impliedCode(code: string | undefined, message: string): string | undefined {
  return code ?? TEXT_CODES.find(([pattern]) => pattern.test(message))?.[1];
}

/**
 * @internal What to do after a statement failed, in words, chosen by its SQLSTATE (or, for the Data API, by
 * the wording of its message).
 */
export function adviceFor(place: FailurePlace, code: string | undefined, message: string): string {
  const rest = `statements ${place.statementIndex}–${place.total}`;
  const before = place.statementIndex - 1;
  const resume =
    before === 0
      ? 'then run the script again'
      : `then run ${rest} again (the ${before} before it already took effect), or run the cleanup script from the initial database and start over`;
  const implied = impliedCode(code, message);
  if (implied !== undefined && ALREADY_EXISTS.includes(implied)) {
    return `Next: it already exists — an earlier run probably got this far. Run the cleanup script (it drops what setup made, from the initial database) and start over, or drop it yourself; ${resume}.`;
  }
  switch (implied) {
    case '42501':
      return `Next: the account lacks a privilege this statement needs. Run preflight to see which, grant it (or use a superuser), ${resume}.`;
    case '25001':
      return 'Next: this statement cannot run inside a transaction block, and the script opened one (BEGIN) before it: remove the BEGIN/COMMIT around it and run the script again.';
    case '25P02':
      return 'Next: an earlier statement of the script failed inside a transaction it opened, so the server ignores everything until ROLLBACK: fix that statement, or remove the BEGIN/COMMIT.';
    case '3D000':
      return `Next: the database does not exist. The ${place.step} script runs in "${place.database}": check the name, or run the initial-create script first.`;
    case '55006':
      return `Next: other sessions are connected to the database this statement needs unused. Close them (pg_stat_activity lists them; pg_terminate_backend ends one), ${resume}.`;
    case '42601':
      return 'Next: the server does not accept this statement as written. Check the script is the one Immuta generated for this payload, unedited, and that it runs on Redshift rather than another engine.';
    case '57014':
      return `Next: the server cancelled the statement (a statement_timeout, or another session cancelled it). ${resume[0]?.toUpperCase()}${resume.slice(1)}.`;
    default:
      return `Next: fix the cause above, ${resume}.`;
  }
}

/** @internal What to do after the connection broke during a statement. */
export function lostConnectionAdvice(place: FailurePlace): string {
  return (
    `Next: reconnect and check whether statement ${place.statementIndex} took effect (e.g. whether what it creates exists); ` +
    `then run the statements from the first one that did not, or run the cleanup script and start over.`
  );
}

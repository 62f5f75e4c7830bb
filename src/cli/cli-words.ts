/**
 * The CLI speaks of its own flags and variables, never of the SDK's options: the connection advice the SDK
 * writes (`sslmode: 'disable'`, `ca`, `connectTimeoutMs`) rewritten as the CLI spells it, in errors and in the
 * results of preflight and verify.
 */
import type { CheckResults } from '../redshift/index.js';

const CLI_SPELLING: readonly [string, string][] = [
  ["sslmode: 'disable'", '--sslmode disable, or PGSSLMODE=disable'],
  ["sslmode: 'require'", '--sslmode require'],
  ['pass its CA in `ca`', 'add its CA with NODE_EXTRA_CA_CERTS=<file>'],
  [' or raise connectTimeoutMs', ''],
  [
    '(a password file must hold the password alone)',
    '(a password file must hold the password alone; to connect as another account: --redshift-user and --redshift-password-file, or PGUSER and PGPASSWORD)',
  ],
];

/** `message` with the SDK's connection options spelt as the CLI's flags and variables. */
export function inCliWords(message: string): string {
  return CLI_SPELLING.reduce((text, [sdk, cli]) => text.replaceAll(sdk, cli), message);
}

/** Check results with each message in the CLI's words. */
export function checksInCliWords<Results extends CheckResults>(results: Results): Results {
  return {
    ...results,
    validationTests: results.validationTests.map((test) =>
      test.message === undefined ? test : { ...test, message: inCliWords(test.message) },
    ),
  };
}

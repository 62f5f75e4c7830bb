import { ConfigurationError } from '../errors/base.js';
import { RedshiftConnectionError, type RedshiftConnectionFailure } from '../errors/redshift.js';
import { type AwsClientSettings, awsFailureText } from '../aws.js';
import type { Clock } from '../options.js';
import type { PollSchedule } from './poll.js';
import { causeSummary, type Redactor } from './redact.js';
import type { RunnerCommonOptions } from './runner.js';

/**
 * Where the Redshift Data API runs statements and as whom. Give `clusterIdentifier` (provisioned) or
 * `workgroupName` (Serverless); authenticate with `secretArn` (a Secrets Manager secret holding user and
 * password), `dbUser` (temporary credentials for that user, provisioned clusters only), or neither (your IAM
 * identity: the database user becomes `IAM:<name>`, which is not a superuser).
 *
 * @group Runners
 */
export interface DataApiRunnerOptions extends RunnerCommonOptions, AwsClientSettings {
  /** The provisioned cluster's identifier. */
  readonly clusterIdentifier?: string;
  /** The Serverless workgroup's name. */
  readonly workgroupName?: string;
  /** The ARN (or name) of a Secrets Manager secret with the database user and password. */
  readonly secretArn?: string;
  /** The database user to get temporary credentials for (provisioned clusters). */
  readonly dbUser?: string;
  /** How `DescribeStatement` is polled: pauses from 50 ms growing to 1 s, each statement given 15 minutes. */
  readonly poll?: PollSchedule;
  /** The clock the polling runs on; tests pass their own. */
  readonly clock?: Clock;
  /** After an abort or a timeout, how long to wait for `CancelStatement` and its outcome, in ms. Default 5 000. */
  readonly cancelTimeoutMs?: number;
  /**
   * Loads `@aws-sdk/client-redshift-data` (default: a dynamic `import()`): for bundlers that need a static
   * import, and for tests.
   */
  readonly loadSdk?: () => Promise<unknown>;
}

/**
 * @internal Checks the target and authentication options.
 * @throws {@link ConfigurationError} naming the option at fault.
 */
export function checkDataApiOptions(options: DataApiRunnerOptions): void {
  const targets = [options.clusterIdentifier, options.workgroupName].filter((value) => value !== undefined);
  if (targets.length !== 1 || targets[0] === '') {
    throw new ConfigurationError(
      'give clusterIdentifier (a provisioned cluster) or workgroupName (Serverless), one of them',
      { option: 'clusterIdentifier' },
    );
  }
  if (options.secretArn !== undefined && options.dbUser !== undefined) {
    throw new ConfigurationError('give secretArn or dbUser, not both (or neither, to use your IAM identity)', {
      option: 'dbUser',
    });
  }
  if (options.dbUser !== undefined && options.workgroupName !== undefined) {
    throw new ConfigurationError(
      'dbUser applies to provisioned clusters; for a workgroup use secretArn or your IAM identity',
      { option: 'dbUser' },
    );
  }
}

/** @internal The API could not be used at all (credentials, network) before any statement ran. */
export function dataApiConnectionError(
  error: unknown,
  reason: RedshiftConnectionFailure,
  database: string,
  options: DataApiRunnerOptions,
  redactor: Redactor,
): RedshiftConnectionError {
  const { name, message } = awsFailureText(error);
  const advice =
    reason === 'authentication'
      ? 'Check the AWS credentials, and that this identity may call redshift-data:ExecuteStatement and DescribeStatement, plus redshift:GetClusterCredentials (dbUser), redshift-serverless:GetCredentials (a workgroup) or secretsmanager:GetSecretValue (secretArn)'
      : 'Check the region and the endpoint: the Data API is reached over HTTPS at redshift-data.<region>.amazonaws.com';
  return new RedshiftConnectionError(
    {
      host:
        options.clusterIdentifier !== undefined
          ? `cluster ${options.clusterIdentifier}`
          : `workgroup ${options.workgroupName ?? ''}`,
      database,
      reason,
      code: name,
      detail: `the Redshift Data API could not be used: ${redactor.text(message)}`,
      advice,
    },
    { cause: causeSummary(error) },
  );
}

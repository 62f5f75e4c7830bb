import type * as Redshift from '@aws-sdk/client-redshift';
import { type AwsClientSettings, awsClientConfig, awsFailureText, awsSecrets } from '../../aws.js';
import { loadOptional } from '../../internal/optional-package.js';
import { Redactor } from '../redact.js';
import type { ClusterFacts } from './facts.js';

/**
 * How preflight reads the node type from the Redshift management API (`DescribeClusters`, in the optional
 * peer `@aws-sdk/client-redshift`). No SQL returns the node type, so without these settings the RA3 check is
 * skipped rather than guessed.
 *
 * @group Preflight
 */
export interface ClusterLookup extends AwsClientSettings {
  /**
   * The cluster's identifier. Default: the first label of a provisioned endpoint
   * (`examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com` → `examplecluster`), whose third label
   * also gives the default region.
   */
  readonly clusterIdentifier?: string;
  /** Loads `@aws-sdk/client-redshift` (default: a dynamic `import()`). */
  readonly loadSdk?: () => Promise<unknown>;
}

const SERVERLESS = /\.redshift-serverless\.amazonaws\.com\.?$/i;
const PROVISIONED = /^([^.]+)\.[^.]+\.([a-z0-9-]+)\.redshift\.amazonaws\.com\.?$/i;

/** @internal What is known of the node type: Serverless by its host, else `DescribeClusters` when asked. */
export async function clusterFacts(
  host: string,
  lookup: ClusterLookup | undefined,
  signal?: AbortSignal,
): Promise<ClusterFacts> {
  if (SERVERLESS.test(host)) return { kind: 'serverless' };
  if (!lookup) {
    return {
      kind: 'unknown',
      reason:
        'no SQL returns the node type, and no AWS settings were given to read it with DescribeClusters (the SDK: the `aws` option; the CLI: AWS credentials in the environment)',
    };
  }
  const endpoint = PROVISIONED.exec(host);
  const clusterIdentifier = lookup.clusterIdentifier ?? endpoint?.[1];
  if (!clusterIdentifier) {
    return { kind: 'unknown', reason: `the host "${host}" is not a cluster endpoint: pass aws.clusterIdentifier` };
  }
  const region = lookup.region ?? endpoint?.[2];
  try {
    const sdk = await loadOptional<typeof Redshift>(
      '@aws-sdk/client-redshift',
      'The RA3 check of preflight',
      lookup.loadSdk ?? (() => import('@aws-sdk/client-redshift')),
    );
    const client = new sdk.RedshiftClient(awsClientConfig({ ...lookup, ...(region === undefined ? {} : { region }) }));
    try {
      const answer = await client.send(new sdk.DescribeClustersCommand({ ClusterIdentifier: clusterIdentifier }), {
        abortSignal: signal,
      });
      const nodeType = answer.Clusters?.[0]?.NodeType;
      if (!nodeType)
        return { kind: 'error', message: `DescribeClusters returned no node type for "${clusterIdentifier}"` };
      return { kind: 'provisioned', clusterIdentifier, nodeType };
    } finally {
      client.destroy();
    }
  } catch (error) {
    // An abort is reported by preflight itself, which checks its signal once the facts are in.
    const { name, message } = awsFailureText(error);
    return { kind: 'error', message: new Redactor(awsSecrets(lookup)).text(`${name}: ${message}`) };
  }
}

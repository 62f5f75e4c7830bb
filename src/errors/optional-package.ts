import { ImmutaError } from './base.js';

/**
 * A feature needs an optional package that is not installed (or failed to load): the Data API runner needs
 * `@aws-sdk/client-redshift-data`, the RA3 check of `preflight` needs `@aws-sdk/client-redshift`, an
 * `${aws-secretsmanager:…}` reference needs `@aws-sdk/client-secrets-manager`. The message says the exact
 * `npm install` command.
 *
 * @group Errors
 */
export class OptionalPackageMissingError extends ImmutaError {
  /** Always `'OptionalPackageMissingError'`. */
  override get name(): string {
    return 'OptionalPackageMissingError';
  }
  /** The package to install, e.g. `@aws-sdk/client-redshift-data`. */
  readonly packageName: string;
  /** What needs it, e.g. `the Redshift Data API runner`. */
  readonly feature: string;

  constructor(packageName: string, feature: string, code?: string) {
    super(
      `${feature} needs the package ${packageName}, which could not be loaded${code ? ` (${code})` : ''}: install it with \`npm install ${packageName}\``,
    );
    this.packageName = packageName;
    this.feature = feature;
  }
}

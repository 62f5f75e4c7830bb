import type { ValidationResults } from '../model/integration.js';

/**
 * The non-Redshift integrations of Immuta's "Get all integrations" example, so a fake tenant's
 * list mixes types the way a real one does.
 */
export function guideIntegrations(): Record<string, unknown>[] {
  return [
    {
      id: '1',
      status: 'enabled',
      validationResults: {
        status: 'passed',
        validationTests: [
          { name: 'Initial Validation: Basic Connection Test', status: 'passed' },
          { name: 'Initial Validation: Default Warehouse Access Test', status: 'passed', result: [] },
          { name: 'Initial Validation: Validate access to Privileged Role', status: 'passed', result: [] },
          { name: 'Validate Automatic: Database Does Not Exist', status: 'passed' },
          { name: 'Validate Automatic: Impersonation Role Does Not Exist', status: 'skipped' },
          { name: 'Validate Automatic Bootstrap User Grants', status: 'passed' },
        ],
      },
      type: 'Snowflake',
      autoBootstrap: true,
      config: {
        host: 'organization.us-east-1.snowflakecomputing.com',
        warehouse: 'SAMPLE_WAREHOUSE',
        database: 'SNOWFLAKE_SAMPLE_DATA',
        port: 443,
        audit: { enabled: false },
        workspaces: { enabled: false },
        impersonation: { enabled: false },
        lineage: { enabled: false },
        authenticationType: 'userPassword',
        username: '<REDACTED>',
        password: '<REDACTED>',
        role: 'ACCOUNTADMIN',
      },
    },
    {
      id: '2',
      status: 'enabled',
      type: 'Databricks',
      validationResults: {
        status: 'passed',
        validationTests: [
          { name: 'Metastore validation', status: 'passed' },
          { name: 'Basic Connection Test', result: [{ '1': 1 }], status: 'passed' },
        ],
      },
      autoBootstrap: true,
      config: {
        workspaceUrl: 'www.example-workspace.cloud.databricks.com',
        httpPath: 'sql/protocolv1/o/0/0000-00000-abc123',
        token: 'REDACTED',
        audit: { enabled: false },
        catalog: 'immuta',
      },
    },
  ];
}

/** The validation results Immuta's guide shows for a healthy Redshift integration. */
export function passedValidation(): ValidationResults {
  return {
    status: 'passed',
    validationTests: [
      { name: 'Initial Validation: Basic Connection Test', result: [null], status: 'passed' },
      { name: 'Validate Automatic Bootstrap: Immuta Database Does Not Exist', result: [], status: 'passed' },
    ],
  };
}

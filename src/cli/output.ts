import { type Integration, type IntegrationOperation, isRedshiftIntegration } from '../index.js';
import { printable } from '../internal/printable.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

type Row = Record<string, string>;

/** A table of rows; every cell made safe to print on one line (a tenant's text may hold anything). */
function table(given: readonly Row[]): string {
  const rows = given.map((row) => Object.fromEntries(Object.entries(row).map(([key, cell]) => [key, printable(cell)])));
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (rows.length === 0) return '(none)\n';
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.toUpperCase())),
    ...rows.map((row) => line(columns.map((column) => row[column] ?? ''))),
  ]
    .join('\n')
    .concat('\n');
}

/** Two columns, field and value, for one object. */
function fields(entries: [string, unknown][]): string {
  const shown = entries.filter(([, value]) => value !== undefined && value !== '');
  const width = Math.max(...shown.map(([key]) => key.length));
  return shown
    .map(([key, value]) => `${key.padEnd(width)}  ${printable(String(value))}`)
    .join('\n')
    .concat('\n');
}

function validation(integration: { validationResults?: Integration['validationResults'] }): string | undefined {
  const results = integration.validationResults;
  if (!results) return undefined;
  const tests = results.validationTests ?? [];
  const failed = tests.filter((test) => test.status === 'failed').map((test) => test.name);
  return `${results.status} (${tests.length} tests${failed.length ? `; failed: ${failed.join(', ')}` : ''})`;
}

/** How a person reads each kind of result. */
export const tables = {
  integrations: (integrations: readonly Integration[]) =>
    table(
      integrations.map((integration) => {
        const config = (integration.config ?? {}) as Record<string, unknown>;
        return {
          id: integration.id,
          type: integration.type ?? '',
          status: integration.status,
          host: String(config.host ?? config.workspaceUrl ?? ''),
        };
      }),
    ),
  integration: (integration: Integration) => {
    const config = isRedshiftIntegration(integration) ? (integration.config ?? {}) : {};
    return fields([
      ['id', integration.id],
      ['type', integration.type],
      ['status', integration.status],
      ['autoBootstrap', integration.autoBootstrap],
      ['host', config.host],
      ['port', config.port],
      ['database', config.database],
      ['initialDatabase', config.initialDatabase],
      ['authentication', config.authenticationType],
      [
        'impersonation',
        config.impersonation
          ? config.impersonation.enabled
            ? `on${config.impersonation.role ? ` (${config.impersonation.role})` : ''}`
            : 'off'
          : undefined,
      ],
      ['validation', validation(integration)],
    ]);
  },
  operation: (operation: IntegrationOperation) =>
    fields([
      ['id', operation.id],
      ['status', operation.status],
      ['validation', validation(operation)],
    ]),
  status: (status: { id?: string | undefined; status: string }) =>
    fields([
      ['id', status.id],
      ['status', status.status],
    ]),
  valid: (summary: {
    kind: string;
    host?: string;
    authenticationType: string;
    autoBootstrap?: boolean;
    references?: number;
  }) =>
    fields([
      ['valid', `yes (${summary.kind})`],
      ['host', summary.host],
      ['authentication', summary.authenticationType],
      ['autoBootstrap', summary.autoBootstrap],
      [
        'references',
        summary.references ? `${summary.references}, checked for syntax only: plan and apply resolve them` : undefined,
      ],
    ]),
};

/** Checks in Immuta's `validationResults` shape, one line each: status, name, and what was found. */
export function checksTable(results: {
  status: string;
  validationTests: readonly { name: string; status: string; message?: string; fix?: string }[];
}): string {
  const width = Math.max(...results.validationTests.map((test) => test.status.length));
  const lines = results.validationTests.flatMap((test) => [
    `${test.status.padEnd(width)}  ${printable(test.name)}${test.message ? ` — ${printable(test.message)}` : ''}`,
    // The fix on a line of its own, to copy, unless the message already ends with it.
    ...(test.status === 'failed' && test.fix && !test.message?.includes(test.fix)
      ? [`${' '.repeat(width)}  fix: ${printable(test.fix)}`]
      : []),
  ]);
  const counts = ['failed', 'warning', 'skipped']
    .map((status) => [status, results.validationTests.filter((test) => test.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  return `${lines.join('\n')}\n${results.status}${counts.length ? ` (${counts.join(', ')})` : ''}\n`;
}

/** The value in the chosen format; `asTable` renders it for a person. YAML loads only when asked for. */
export async function render(format: OutputFormat, value: unknown, asTable: () => string): Promise<string> {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  if (format === 'yaml') return (await import('../yaml/index.js')).yamlBody.serialize(value);
  return asTable();
}

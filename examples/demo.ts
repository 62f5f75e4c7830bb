/**
 * `npm run demo`: the SDK's main job, end to end, printed step by step.
 *
 * With no IMMUTA_URL / IMMUTA_API_KEY it starts the package's fake Immuta on a free loopback port and runs
 * the whole lifecycle against it. With both set it targets that tenant, read-only unless `--write`
 * (then `--payload <file>` names a YAML/JSON Redshift payload to create, update and delete).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type Integration,
  isRedshiftIntegration,
  redactPayload,
  RedshiftIntegrationClient,
  type RedshiftIntegrationPayload,
  type WaitOptions,
} from '../src/index.js';
import { startFakeImmutaServer } from '../src/testing/index.js';
import { parseRedshiftPayload } from '../src/yaml/index.js';

const { values: flags } = parseArgs({
  options: { write: { type: 'boolean', default: false }, payload: { type: 'string' } },
});
const tty = process.stdout.isTTY === true;
let step = 0;

function heading(text: string): void {
  step += 1;
  console.log(`\n${step}. ${text}`);
}

function show(value: unknown): void {
  console.log(
    JSON.stringify(value, null, 2)
      .split('\n')
      .map((line) => `   ${line}`)
      .join('\n'),
  );
}

/** A script, indented and ruled so it stands apart from the demo's own lines. */
function showScript(sql: string): void {
  console.log(
    sql
      .trimEnd()
      .split('\n')
      .map((line) => `   │ ${line}`)
      .join('\n'),
  );
}

function table(rows: Record<string, string>[]): void {
  const columns = Object.keys(rows[0] ?? {});
  const width = (column: string) => Math.max(column.length, ...rows.map((row) => (row[column] ?? '').length));
  const widths = columns.map(width);
  const line = (cells: string[]) => `   ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`;
  console.log(line(columns));
  console.log(line(columns.map((column) => '-'.repeat(width(column)))));
  for (const row of rows) console.log(line(columns.map((column) => row[column] ?? '')));
}

/** A live status line on a terminal; one line per status change otherwise (CI logs, pipes). */
function progress(label: string): Pick<WaitOptions, 'onPoll'> & { done(): void } {
  const started = performance.now();
  let last = '';
  return {
    onPoll: (integration: Integration) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (tty) process.stdout.write(`\r   ${label}: ${integration.status} (${seconds} s)   `);
      else if (integration.status !== last) console.log(`   ${label}: ${integration.status} (${seconds} s)`);
      last = integration.status;
    },
    done: () => {
      if (tty) process.stdout.write('\n');
    },
  };
}

async function waitWithProgress(label: string, wait: (options: WaitOptions) => Promise<Integration>) {
  const line = progress(label);
  try {
    return await wait({ onPoll: line.onPoll });
  } finally {
    line.done();
  }
}

function summary(integration: Integration): Record<string, string> {
  const config = (integration.config ?? {}) as Record<string, unknown>;
  const where = config.host ?? config.workspaceUrl ?? '';
  return { id: integration.id, type: integration.type ?? '?', status: integration.status, host: String(where) };
}

/** The demo's own Redshift payloads: made-up credentials, shown only redacted. */
function demoPayload(autoBootstrap: boolean, host: string): RedshiftIntegrationPayload {
  return {
    type: 'Redshift',
    autoBootstrap,
    config: {
      host,
      database: 'immuta',
      initialDatabase: 'REDSHIFT_SAMPLE_DATA',
      impersonation: { enabled: false },
      authenticationType: 'userPassword',
      username: 'demo_admin@redshift.example',
      password: `demo-${Math.random().toString(36).slice(2)}`,
    },
  };
}

async function lifecycle(
  client: RedshiftIntegrationClient,
  automatic: RedshiftIntegrationPayload,
  manual?: RedshiftIntegrationPayload,
) {
  heading('Create a Redshift integration (automatic setup)');
  show(redactPayload(automatic));
  const created = await client.create(automatic);
  console.log(`   → id ${created.id}, status ${created.status}`);

  heading('Wait until it is enabled');
  const enabled = await waitWithProgress(`integration ${created.id}`, (options) =>
    client.waitUntilEnabled(created.id, options),
  );
  console.log(`   → ${enabled.status}`);

  heading('List integrations (every type on the tenant)');
  table((await client.list()).map(summary));

  heading(`Get integration ${created.id}: credentials come back redacted`);
  const fetched = await client.get(created.id);
  if (isRedshiftIntegration(fetched)) show(fetched.config);

  if (manual) {
    heading('Manual setup: Immuta hands out the SQL, you run it');
    const setup = client.manualSetup(manual);
    console.log(`   First script — run it in database ${manual.config.initialDatabase}:`);
    showScript(await setup.initialCreateScript());
    console.log(`   Second script — run it in the new database ${manual.config.database}:`);
    showScript(await setup.createScript());
    const configured = await setup.configure();
    console.log(`   → configured with the same payload: id ${configured.id}, status ${configured.status}`);
    await waitWithProgress(`integration ${configured.id}`, (options) => setup.waitUntilEnabled(options));

    heading(`Delete the manual integration ${configured.id} (script, then DELETE with no body)`);
    const removal = client.manualDelete(configured.id);
    showScript(await removal.deleteScript());
    await removal.delete();
    const gone = await waitWithProgress(`integration ${configured.id}`, (options) => removal.waitUntilDeleted(options));
    console.log(`   → ${gone.status}`);
  }

  heading(`Update integration ${created.id} (impersonation on) and wait`);
  const updatedPayload: RedshiftIntegrationPayload = {
    ...automatic,
    config: { ...automatic.config, impersonation: { enabled: true, role: 'immuta_impersonation' } },
  };
  await client.update(created.id, updatedPayload);
  const updated = await waitWithProgress(`integration ${created.id}`, (options) =>
    client.waitUntilEnabled(created.id, options),
  );
  console.log(`   → ${updated.status}`);

  heading(`Delete integration ${created.id} with its credentials and wait until it is gone`);
  const { config } = automatic;
  const credentials =
    config.authenticationType === 'okta'
      ? { authenticationType: 'okta' as const, okta: config.okta }
      : { authenticationType: 'userPassword' as const, username: config.username, password: config.password };
  await client.delete(created.id, credentials);
  const deleted = await waitWithProgress(`integration ${created.id}`, (options) =>
    client.waitForStatus(created.id, { ...options, until: 'deleted' }),
  );
  console.log(`   → ${deleted.status}`);
}

async function readOnly(client: RedshiftIntegrationClient) {
  heading('List integrations');
  const integrations = await client.list();
  table(integrations.map(summary));
  const redshift = integrations.find(isRedshiftIntegration);
  if (redshift) {
    heading(`Get Redshift integration ${redshift.id}`);
    show((await client.get(redshift.id)).config);
    heading(`Status of integration ${redshift.id}`);
    show(await client.getStatus(redshift.id));
  }
  console.log('\nRead-only run. Pass --write --payload <file> to create, update and delete an integration.');
}

async function main(): Promise<void> {
  const tenant = process.env.IMMUTA_URL && process.env.IMMUTA_API_KEY;
  if (tenant) {
    const client = new RedshiftIntegrationClient();
    console.log(`Target: ${client.baseUrl} (from IMMUTA_URL)`);
    if (!flags.write) return readOnly(client);
    if (!flags.payload) throw new Error('--write needs --payload <file> with a Redshift payload for your cluster');
    return lifecycle(client, await parseRedshiftPayload(await readFile(flags.payload, 'utf8')));
  }

  const settleMs = Number(process.env.IMMUTA_DEMO_SETTLE_MS ?? 2000);
  const server = await startFakeImmutaServer({ settle: { ms: settleMs } });
  try {
    console.log(
      `Target: embedded fake Immuta at ${server.url} (no tenant needed; set IMMUTA_URL and IMMUTA_API_KEY for yours)`,
    );
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: `demo-key-${process.pid}` });
    await lifecycle(
      client,
      demoPayload(true, 'organization.aws.amazon.com'),
      demoPayload(false, 'analytics.aws.amazon.com'),
    );
    console.log('\nDone: created, waited, listed, read, scripted, updated and deleted — no secret printed.');
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  // SDK errors carry no secrets; print their message, not a stack.
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/** How the fake reaches the database: as this user, on the test server. */
export interface FakeDataApiOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  /** Rows per `GetStatementResult` page. Default 1 000. */
  readonly pageSize?: number;
  /** Append the statement's text to a failure's `Error`, as a careless service might: for scrubbing tests. */
  readonly echoSqlInErrors?: boolean;
}

/** One request the fake received. */
export interface FakeDataApiRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

type Status = 'SUBMITTED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

interface Statement {
  readonly id: string;
  readonly database: string;
  readonly sql: string;
  readonly createdAt: number;
  status: Status;
  /** Whether a DescribeStatement has reported it unfinished: the fake shows every statement running once. */
  seenRunning: boolean;
  pid: number | undefined;
  error: string | undefined;
  result: pg.QueryResult | undefined;
  cancelRequested: boolean;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

/** Rewrites the Data API's `:name` parameters to `$n` (a `::` cast is left alone). */
function positional(sql: string, parameters: { name: string; value: string }[]): { text: string; values: string[] } {
  const values: string[] = [];
  const indexes = new Map<string, number>();
  const text = sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string) => {
    const parameter = parameters.find((each) => each.name === name);
    if (!parameter) return match;
    if (!indexes.has(name)) {
      values.push(parameter.value);
      indexes.set(name, values.length);
    }
    return `$${indexes.get(name)}`;
  });
  return { text, values };
}

function field(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { isNull: true };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { longValue: value } : { doubleValue: value };
  return { stringValue: String(value) };
}

/**
 * A loopback fake of the Redshift Data API for the real AWS SDK client (`endpoint` + static credentials):
 * `node:http` speaking the service's JSON protocol (`X-Amz-Target: RedshiftData.<Operation>`,
 * `application/x-amz-json-1.1`), backed by the test PostgreSQL server. Statements run asynchronously, each
 * on a connection of its own (as the Data API's sessions are), one statement each (the extended protocol
 * refuses more, as the API does); DescribeStatement reports SUBMITTED / STARTED before the final status.
 * Signatures are not checked.
 */
export async function startFakeDataApi(options: FakeDataApiOptions) {
  const statements = new Map<string, Statement>();
  const requests: FakeDataApiRequest[] = [];
  const connect = async (database: string) => {
    const client = new pg.Client({
      host: options.host,
      port: options.port,
      user: options.user,
      password: options.password,
      database,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  const execute = async (statement: Statement, values: string[]) => {
    let client: pg.Client | undefined;
    try {
      client = await connect(statement.database);
      statement.pid = (client as unknown as { processID: number }).processID;
      statement.status = 'STARTED';
      statement.result = await client.query({ text: statement.sql, values, queryMode: 'extended' } as pg.QueryConfig);
      statement.status = 'FINISHED';
    } catch (error) {
      const code = (error as { code?: string }).code;
      statement.status = statement.cancelRequested && code === '57014' ? 'ABORTED' : 'FAILED';
      const echo = options.echoSqlInErrors ? ` (statement: ${statement.sql})` : '';
      statement.error = `ERROR: ${(error as Error).message}${echo}`;
    } finally {
      await client?.end().catch(() => undefined);
    }
  };

  const operations: Record<string, (body: Record<string, unknown>) => Promise<unknown> | unknown> = {
    ExecuteStatement(body) {
      if (typeof body.Sql !== 'string' || typeof body.Database !== 'string')
        throw validation('Sql and Database are required');
      if (body.ClusterIdentifier === undefined && body.WorkgroupName === undefined) {
        throw validation('Either ClusterIdentifier or WorkgroupName is required');
      }
      const parameters = (body.Parameters as { name: string; value: string }[] | undefined) ?? [];
      const { text, values } = positional(body.Sql, parameters);
      const statement: Statement = {
        id: randomUUID(),
        database: body.Database,
        sql: text,
        createdAt: Date.now() / 1000,
        status: 'SUBMITTED',
        seenRunning: false,
        pid: undefined,
        error: undefined,
        result: undefined,
        cancelRequested: false,
      };
      statements.set(statement.id, statement);
      setImmediate(() => void execute(statement, values));
      return {
        Id: statement.id,
        CreatedAt: statement.createdAt,
        Database: statement.database,
        ClusterIdentifier: body.ClusterIdentifier,
      };
    },
    DescribeStatement(body) {
      const statement = find(body.Id);
      const final = statement.status === 'FINISHED' || statement.status === 'FAILED' || statement.status === 'ABORTED';
      const status = final && !statement.seenRunning ? 'STARTED' : statement.status;
      if (!final || status === 'STARTED') statement.seenRunning = true;
      return {
        Id: statement.id,
        Status: status,
        Database: statement.database,
        QueryString: statement.sql,
        CreatedAt: statement.createdAt,
        UpdatedAt: Date.now() / 1000,
        ...(status === 'FAILED' || status === 'ABORTED' ? { Error: statement.error } : {}),
        ...(status === 'FINISHED'
          ? { HasResultSet: (statement.result?.fields.length ?? 0) > 0, ResultRows: statement.result?.rowCount ?? -1 }
          : {}),
        ...(statement.pid === undefined ? {} : { RedshiftPid: statement.pid }),
      };
    },
    GetStatementResult(body) {
      const statement = find(body.Id);
      if (statement.status !== 'FINISHED' || !statement.result)
        throw validation('Query has not finished or has no result');
      const pageSize = options.pageSize ?? 1000;
      const offset = typeof body.NextToken === 'string' ? Number(body.NextToken) : 0;
      const { rows, fields } = statement.result;
      const page = rows.slice(offset, offset + pageSize);
      return {
        ColumnMetadata: fields.map((each) => ({
          name: each.name,
          label: each.name,
          typeName: String(each.dataTypeID),
        })),
        Records: page.map((row: Record<string, unknown>) => fields.map((each) => field(row[each.name]))),
        TotalNumRows: rows.length,
        ...(offset + pageSize < rows.length ? { NextToken: String(offset + pageSize) } : {}),
      };
    },
    async CancelStatement(body) {
      const statement = find(body.Id);
      if (statement.status !== 'STARTED' && statement.status !== 'SUBMITTED') {
        throw validation(`Could not cancel a query that is already in ${statement.status} state`);
      }
      statement.cancelRequested = true;
      if (statement.pid !== undefined) {
        const client = await connect('postgres');
        try {
          await client.query('SELECT pg_cancel_backend($1)', [statement.pid]);
        } finally {
          await client.end();
        }
      }
      return { Status: true };
    },
  };

  function find(id: unknown): Statement {
    const statement = typeof id === 'string' ? statements.get(id) : undefined;
    if (!statement)
      throw Object.assign(new Error(`Query does not exist: ${String(id)}`), { type: 'ResourceNotFoundException' });
    return statement;
  }
  function validation(message: string) {
    return Object.assign(new Error(message), { type: 'ValidationException' });
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('RedshiftData.') ? target.slice('RedshiftData.'.length) : '';
      const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
      requests.push({ operation, body });
      const handler = operations[operation];
      const reply = (status: number, value: unknown, errorType?: string) => {
        response.writeHead(status, {
          'content-type': JSON_TYPE,
          ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
        });
        response.end(JSON.stringify(value));
      };
      if (!handler)
        return reply(400, { __type: 'UnknownOperationException', message: operation }, 'UnknownOperationException');
      Promise.resolve()
        .then(() => handler(body))
        .then(
          (value) => reply(200, value),
          (error: Error & { type?: string }) => {
            const type = error.type ?? 'InternalServerException';
            reply(type === 'InternalServerException' ? 500 : 400, { __type: type, message: error.message }, type);
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The `endpoint` to give the SDK client. */
    endpoint: `http://127.0.0.1:${port}`,
    /** Every request received, in order. */
    requests,
    /** The ids CancelStatement was received for. */
    get cancelled(): string[] {
      return requests.filter((each) => each.operation === 'CancelStatement').map((each) => String(each.body.Id));
    },
    /** The statements' final statuses, by id. */
    statusOf: (id: string) => statements.get(id)?.status,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Static credentials for the fake: never sent anywhere but the loopback server. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIDFAKEDATAAPI00000',
  secretAccessKey: 'fake-secret-access-key-for-tests',
};

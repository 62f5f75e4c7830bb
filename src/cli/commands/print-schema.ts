import { desiredStateJsonSchema, payloadJsonSchema } from '../../config/json-schema.js';
import type { Context } from '../types.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const schema = context.values.payload ? payloadJsonSchema() : desiredStateJsonSchema();
  context.io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
}

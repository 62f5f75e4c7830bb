import { desiredStateJsonSchema, payloadJsonSchema } from '../../config/index.js';
import type { Context } from '../types.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const schema = context.values.payload ? payloadJsonSchema() : desiredStateJsonSchema();
  // JSON by default (-o json says so too); -o yaml writes the same schema as YAML.
  await context.print(schema, () => `${JSON.stringify(schema, null, 2)}\n`);
}

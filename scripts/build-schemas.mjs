// Writes the JSON Schemas the package ships (dist/schemas/*.schema.json) from the built config entry, so the
// files are generated from the zod schemas the SDK validates with and cannot drift from them.
import { mkdir, writeFile } from 'node:fs/promises';
import { desiredStateJsonSchema, payloadJsonSchema } from '../dist/config.js';

const dir = new URL('../dist/schemas/', import.meta.url);
await mkdir(dir, { recursive: true });
await writeFile(new URL('desired-state.schema.json', dir), `${JSON.stringify(desiredStateJsonSchema(), null, 2)}\n`);
await writeFile(new URL('payload.schema.json', dir), `${JSON.stringify(payloadJsonSchema(), null, 2)}\n`);

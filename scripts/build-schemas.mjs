// Writes the JSON Schemas the package ships (dist/schemas/*.schema.json) from the built config entry, so the
// files are generated from the zod schemas the SDK validates with and cannot drift from them.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { desiredStateJsonSchema, payloadJsonSchema } from '../dist/config.js';

const dir = fileURLToPath(new globalThis.URL('../dist/schemas/', import.meta.url));
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'desired-state.schema.json'), `${JSON.stringify(desiredStateJsonSchema(), null, 2)}\n`);
await writeFile(join(dir, 'payload.schema.json'), `${JSON.stringify(payloadJsonSchema(), null, 2)}\n`);

import { checkDesiredState } from '../../config/index.js';
import { strings } from '../../config/load.js';
import { referencesIn } from '../../config/references.js';
import { redactPayload } from '../../index.js';
import { nearest } from '../../internal/suggest.js';
import { parseDocumentText } from '../../yaml/yaml-text.js';
import type { Context } from '../types.js';
import { tables } from '../output.js';
import { noArguments } from '../positionals.js';

/**
 * Whether a file is a desired-state file rather than one payload: it has no `config` and lists `integrations`
 * (or a near miss of it, `integration:`, which the desired-state check then names), or pins a `tenant`.
 */
function isDesiredState(text: string): boolean {
  try {
    const value = parseDocumentText(text, 'file') as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || 'config' in value) return false;
    const known = (key: string) => key === 'integrations' || key === 'tenant' || nearest(key, ['integrations']);
    return Object.keys(value).some(known);
  } catch {
    // A syntax error: reported by the check of the kind its top-level keys name, with its line.
    return /^(?:integrations|tenant)\s*:/m.test(text) && !/^config\s*:/m.test(text);
  }
}

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  if (context.values.credentials) {
    const credentials = await context.credentials();
    const masked = redactPayload(credentials);
    await context.print({ valid: true, credentials: masked }, () =>
      tables.valid({ kind: 'delete credentials', authenticationType: credentials?.authenticationType ?? '' }),
    );
    return;
  }
  const text = await context.fileText();
  if (isDesiredState(text)) {
    // Offline: nothing from the environment, no file of a reference opened.
    const document = checkDesiredState(text);
    const entries = Object.keys(document.integrations);
    // Not resolved here, so a variable that is not set passes: say so, and which they are.
    const references = [...strings(document.integrations, 'integrations')].flatMap(([path, value]) =>
      referencesIn(value).map(({ expression }) => ({ path, reference: expression })),
    );
    await context.print(
      {
        valid: true,
        desiredState: { ...(document.tenant && { tenant: document.tenant }), entries },
        ...(references.length > 0 && { unresolvedReferences: references }),
      },
      () =>
        tables.valid({
          kind: `desired state, ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`,
          authenticationType: '',
          references: references.length,
        }),
    );
    return;
  }
  const payload = await context.payload();
  await context.print({ valid: true, payload: redactPayload(payload) }, () =>
    tables.valid({
      kind: 'payload',
      host: payload.config.host,
      authenticationType: payload.config.authenticationType,
      autoBootstrap: payload.autoBootstrap,
    }),
  );
}

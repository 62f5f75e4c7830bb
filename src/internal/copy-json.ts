import { isCredentialField } from '../model/credential-fields.js';
import { REDACTED } from '../model/redaction.js';

/** Deeper than this, a value is replaced by a note: nothing real is that deep, and recursion must stay bounded. */
const MAX_DEPTH = 64;
const TOO_DEEP = '[nested too deeply]';

/**
 * @internal A deep copy of JSON-like data with every credential field masked and every other string (keys
 * included) passed through `text`. Bounded: beyond {@link MAX_DEPTH} levels (or in a cycle) the value becomes {@link TOO_DEEP},
 * so no input can overflow the stack.
 */
export function copyJson(value: unknown, text: (value: string) => string = (same) => same, depth = 0): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => copyJson(item, text, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // Keys go through `text` too: a hostile server may put a secret in a key.
    out[text(key)] = isCredentialField(key) && typeof field === 'string' ? REDACTED : copyJson(field, text, depth + 1);
  }
  return out;
}

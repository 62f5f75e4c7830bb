import type { Integration } from '../index.js';
import { printable } from '../internal/printable.js';

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * A wait's progress on stderr: on a terminal, one live line updated in place (`\r`, then erase the line);
 * elsewhere (CI logs, pipes), one plain line per status change. `done()` ends a live line, so what prints
 * next starts on a line of its own.
 */
export function progressLine(
  stream: ProgressStream,
  id: string,
  /** Where the line's control sequences go: the raw stream, since the scrubbed one drops control characters. */
  control: (sequence: string) => void = (sequence) => stream.write(sequence),
): { onPoll(integration: Integration): void; done(): void } {
  const started = performance.now();
  let last = '';
  let live = false;
  return {
    onPoll(integration) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      // A status is the server's text: one line, whatever it holds (a line break cannot forge another line).
      // The integration's own id once it has one (a manual setup waits on an integration it has just created).
      const text = `integration ${printable(integration.id || id)}: ${printable(integration.status)} (${seconds} s)`;
      if (stream.isTTY) {
        control('\r\x1b[2K');
        stream.write(text);
        live = true;
      } else if (integration.status !== last) {
        stream.write(`${text}\n`);
      }
      last = integration.status;
    },
    done() {
      if (live) stream.write('\n');
      live = false;
    },
  };
}

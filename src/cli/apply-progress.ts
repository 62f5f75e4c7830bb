import type { ApplyEvent } from '../config/index.js';
import { printable } from '../internal/printable.js';
import type { ProgressStream } from './progress.js';

/**
 * Apply's progress on stderr, one line per event as it happens — items run side by side, so each line names
 * its entry: `analytics-prod: create … creating (1.2 s)`.
 */
export function applyProgress(stream: ProgressStream): (event: ApplyEvent) => void {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return (event) => {
    switch (event.type) {
      case 'start':
        stream.write(
          `${event.name}: ${event.action}${event.id === undefined ? '' : ` ${printable(event.id)}`} … (${seconds()})\n`,
        );
        break;
      case 'status':
        stream.write(`${event.name}: ${printable(event.status)} (${seconds()})\n`);
        break;
      case 'script':
        stream.write(
          `${event.name}: ${event.step} script ${event.ran ? 'ran' : 'generated, to run by hand'} (${seconds()})\n`,
        );
        break;
      case 'end':
        if (event.action !== 'noop' || event.outcome !== 'done') {
          stream.write(`${event.name}: ${event.action} ${event.outcome} (${seconds()})\n`);
        }
        break;
    }
  };
}

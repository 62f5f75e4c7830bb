import { printable } from '../internal/printable.js';
import type { Plan } from './plan.js';
import type { PlanAction } from './types.js';

const MARK: Readonly<Record<PlanAction, string>> = { create: '+', update: '~', delete: '-', noop: '=', unmanaged: '?' };

function shown(value: unknown): string {
  return value === undefined ? '(not set)' : printable(JSON.stringify(value));
}

/**
 * A plan as text for a person: a summary line, then one line per item — `+` create, `~` update, `-` delete,
 * `=` no change, `?` unmanaged — with its id and status, each changed field `before → after`, and the reason
 * when there is one. Holds no credential and no value a reference resolved to (a field set from one shows
 * the reference).
 *
 * @example
 * ```ts
 * const changes = await plan(client, desired);
 * process.stdout.write(formatPlan(changes));
 * if (changes.hasChanges) process.exitCode = 5;
 * ```
 *
 * @group Plan
 */
export function formatPlan(plan: Plan): string {
  const counts = { create: 0, update: 0, delete: 0, noop: 0, unmanaged: 0 };
  for (const item of plan.items) counts[item.action] += 1;
  const lines = [
    plan.hasChanges
      ? `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts.noop} unchanged` +
        (counts.unmanaged ? `, ${counts.unmanaged} unmanaged` : '')
      : `No changes: ${counts.noop} ${counts.noop === 1 ? 'entry matches' : 'entries match'} the tenant` +
        (counts.unmanaged ? ` (${counts.unmanaged} unmanaged)` : ''),
  ];
  for (const item of plan.items) {
    const where = [item.id !== undefined && `id ${item.id}`, item.status].filter(Boolean).join(', ');
    // Names, ids, statuses and reasons may hold a tenant's text: one line each, whatever they hold.
    const name = printable(item.name);
    const needsScripts = item.action === 'create' || item.action === 'update' || item.action === 'delete';
    const setup = item.autoBootstrap === false && needsScripts ? ' (manual: needs scripts run)' : '';
    lines.push(`  ${MARK[item.action]} ${name}${where ? ` [${printable(where)}]` : ''}: ${item.action}${setup}`);
    for (const change of item.changes)
      lines.push(`      ${change.field}: ${shown(change.before)} → ${shown(change.after)}`);
    if (item.reason) lines.push(`      ${printable(item.reason)}`);
    for (const each of item.unresolved ?? []) {
      lines.push(
        `      ${each.field}: ${printable(each.reference)} has no value now (${each.problem}): apply needs it`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

import type { Plan, PlanAction } from './plan.js';

const MARK: Readonly<Record<PlanAction, string>> = { create: '+', update: '~', delete: '-', noop: '=', unmanaged: '?' };

function shown(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

/**
 * A plan as text for a person: a summary line, then one line per item — `+` create, `~` update, `-` delete,
 * `=` no change, `?` unmanaged — with its id and status, each changed field `before → after`, and the reason
 * when there is one. Holds no credential and no value a reference resolved to (a field set from one shows
 * the reference).
 *
 * @example
 * ```ts
 * const plan = await client.plan(desired);
 * process.stdout.write(formatPlan(plan));
 * if (plan.hasChanges) process.exitCode = 5;
 * ```
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
    const needsScripts = item.action === 'create' || item.action === 'update' || item.action === 'delete';
    const setup = item.autoBootstrap === false && needsScripts ? ' (manual: needs scripts run)' : '';
    lines.push(`  ${MARK[item.action]} ${item.name}${where ? ` [${where}]` : ''}: ${item.action}${setup}`);
    for (const change of item.changes)
      lines.push(`      ${change.field}: ${shown(change.before)} → ${shown(change.after)}`);
    if (item.reason) lines.push(`      ${item.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

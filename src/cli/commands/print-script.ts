import type { Context } from '../types.js';
import { nearest } from '../../internal/suggest.js';
import { UsageError } from '../exit-codes.js';
import { noArguments, oneId } from '../positionals.js';

const STEPS = ['initial-create', 'create', 'cleanup', 'edit', 'delete'] as const;

/** The SQL alone by default, ready to pipe; `-o json` or `-o yaml` wraps it as `{ script }`. */
async function printScript(context: Context, sql: string): Promise<void> {
  if (context.values.output === undefined) {
    context.io.stdout.write(sql.endsWith('\n') ? sql : `${sql}\n`);
    return;
  }
  await context.print({ script: sql }, () => sql);
}

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const [step, ...rest] = args;
  const options = { signal: context.io.signal };
  // Hints name the step as typed, with its own usage line.
  const usage = context.command.usage.find((line) => line.includes(step ?? '\u0000')) ?? context.command.usage[0] ?? '';
  const sub = { ...context, command: { ...context.command, brief: `script ${step ?? ''}`, usage: [usage] } };
  switch (step) {
    case 'initial-create':
    case 'create':
    case 'cleanup': {
      noArguments(sub, rest);
      const payload = await context.payload();
      const scripts = (await context.client()).scripts;
      const call = { 'initial-create': scripts.initialCreate, create: scripts.create, cleanup: scripts.cleanup }[step];
      return printScript(context, await call(payload, options));
    }
    case 'edit': {
      const id = oneId(sub, rest);
      const payload = await context.payload();
      return printScript(context, await (await context.client()).scripts.edit(id, payload, options));
    }
    case 'delete': {
      const id = oneId(sub, rest);
      return printScript(context, await (await context.client()).scripts.delete(id, options));
    }
    default: {
      if (step === undefined) throw new UsageError(`script needs a step: one of ${STEPS.join(', ')}`);
      const suggestion = nearest(step, STEPS);
      const shown = /^[\w-]{1,40}$/.test(step) ? step : '…';
      throw new UsageError(
        `unknown script step ${shown}${suggestion ? ` (did you mean ${suggestion}?)` : ''}: one of ${STEPS.join(', ')}`,
      );
    }
  }
}

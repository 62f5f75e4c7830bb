import { VERSION } from '../version.js';
import { COMMANDS } from './command-table.js';
import { EXIT, EXIT_MEANING, type ExitCode } from './exit-codes.js';
import { GLOBAL_OPTIONS, type OptionName, OPTIONS } from './argv.js';
import type { Command } from './types.js';

const CONNECTION_HELP = `Connection: IMMUTA_URL and IMMUTA_API_KEY, or --url <url> and --api-key-file <path>.
The API key is never accepted as an option value: it would land in shell history and process lists.`;

function exitCodes(codes: readonly ExitCode[], own: Command['exitMeanings'] = {}): string {
  return `Exit codes:\n${codes.map((code) => `  ${String(code).padEnd(4)} ${own[code] ?? EXIT_MEANING[code]}`).join('\n')}`;
}

/** Each option's help line; a command may describe an option in its own terms (`-f`: which file). */
function optionLines(names: readonly OptionName[], own: Command['optionHelp'] = {}): string {
  return names.map((name) => `  ${own[name] ?? OPTIONS[name].help}`).join('\n');
}

export function globalHelp(): string {
  const commands = Object.values(COMMANDS);
  const width = Math.max(...commands.map((command) => command.brief.length));
  const lines = commands.map((command) => `  ${command.brief.padEnd(width)}  ${command.summary}`);
  return `immuta-redshift ${VERSION}: Immuta's Redshift integration from the shell.

Usage: immuta-redshift <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
${optionLines(GLOBAL_OPTIONS)}

Files are YAML or JSON; -f - reads stdin.
${CONNECTION_HELP}

${exitCodes(Object.values(EXIT))}

Example: immuta-redshift create -f redshift.yaml --wait
`;
}

export function commandHelp(command: Command): string {
  const [first, ...rest] = command.usage;
  const usage = [`Usage: immuta-redshift ${first}`, ...rest.map((line) => `       immuta-redshift ${line}`)].join('\n');
  const own = command.options.length > 0 ? `\nOptions:\n${optionLines(command.options, command.optionHelp)}\n` : '';
  const output =
    command.outputHelp !== undefined
      ? `\nOutput: ${command.outputHelp}\n`
      : command.output === 'sql'
        ? '\nOutput: the SQL alone (to pipe into psql); -o json or -o yaml prints { "script": … }.\n'
        : command.output === 'none'
          ? ''
          : '\nOutput: -o table, json or yaml (default: table on a terminal, json otherwise).\n';
  return `${usage}

${command.summary}
${own}${output}
Example: ${command.example}

${command.connects ? `${CONNECTION_HELP}\n\n` : ''}${exitCodes(command.exitCodes, command.exitMeanings)}
`;
}

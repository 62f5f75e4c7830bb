import { GLOBAL_OPTIONS, OPTIONS, type OptionName } from '../argv.js';
import { UsageError } from '../exit-codes.js';
import type { Command, Context } from '../types.js';

type Commands = Readonly<Record<string, Command>>;

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** The long options a command takes, global ones included, as typed: `--file`, `--wait`, … */
function optionsOf(commands: Commands, name: string): string[] {
  const own = commands[name]?.options ?? [];
  return [...GLOBAL_OPTIONS, ...own].map((option: OptionName) => `--${option}`);
}

function bash(commands: Commands): string {
  const cases = Object.keys(commands)
    .map((name) => `    ${name}) opts="${optionsOf(commands, name).join(' ')}" ;;`)
    .join('\n');
  return `# immuta-redshift completion for bash: source <(immuta-redshift completion bash)
_immuta_redshift() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" command="\${COMP_WORDS[1]}" opts
  if [[ \${COMP_CWORD} -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${Object.keys(commands).join(' ')}" -- "$cur") )
    return
  fi
  case "$command" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -F _immuta_redshift immuta-redshift
`;
}

function zsh(table: Commands): string {
  const commands = Object.entries(table)
    .map(([name, command]) => `    '${name}:${command.summary.replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`)
    .join('\n');
  const cases = Object.keys(table)
    .map(
      (name) =>
        `    ${name}) _arguments ${optionsOf(table, name)
          .map((option) => `'${option}[]'`)
          .join(' ')} '*:file:_files' ;;`,
    )
    .join('\n');
  return `#compdef immuta-redshift
# immuta-redshift completion for zsh: immuta-redshift completion zsh > "\${fpath[1]}/_immuta-redshift"
_immuta_redshift() {
  local -a commands
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "$words[2]" in
${cases}
  esac
}
_immuta_redshift "$@"
`;
}

function fish(commands: Commands): string {
  const lines = ['# immuta-redshift completion for fish: immuta-redshift completion fish | source'];
  lines.push('complete -c immuta-redshift -f');
  for (const [name, command] of Object.entries(commands)) {
    lines.push(
      `complete -c immuta-redshift -n '__fish_use_subcommand' -a ${name} -d '${command.summary.replace(/'/g, "\\'")}'`,
    );
    for (const option of [...GLOBAL_OPTIONS, ...command.options]) {
      const short = 'short' in OPTIONS[option] ? ` -s ${(OPTIONS[option] as { short: string }).short}` : '';
      const file = option === 'file' || option.endsWith('-file') || option === 'scripts-dir' ? ' -F' : '';
      lines.push(`complete -c immuta-redshift -n '__fish_seen_subcommand_from ${name}' -l ${option}${short}${file}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const [shell, ...rest] = args;
  if (shell === undefined || rest.length > 0 || !SHELLS.includes(shell as (typeof SHELLS)[number])) {
    throw new UsageError(`completion needs one shell: ${SHELLS.join(', ')} (immuta-redshift completion bash)`);
  }
  context.io.stdout.write({ bash, zsh, fish }[shell as (typeof SHELLS)[number]](context.commands));
}

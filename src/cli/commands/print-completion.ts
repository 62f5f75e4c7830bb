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

/** Options whose values are a fixed set, and commands whose first argument is. */
const OPTION_VALUES: Readonly<Record<string, string>> = {
  '--output': 'table json yaml',
  '-o': 'table json yaml',
  '--sslmode': 'verify-full require disable',
  '--mode': 'automatic manual',
  '--unknown-fields': 'allow reject',
};
const FIRST_ARGUMENT: Readonly<Record<string, string>> = {
  script: 'initial-create create cleanup edit delete',
  completion: SHELLS.join(' '),
};

function bash(commands: Commands): string {
  const names = Object.keys(commands).join(' ');
  const cases = Object.keys(commands)
    .map((name) => `    ${name}) opts="${optionsOf(commands, name).join(' ')}" ;;`)
    .join('\n');
  const values = Object.entries(OPTION_VALUES)
    .map(([option, list]) => `    ${option}) COMPREPLY=( $(compgen -W "${list}" -- "$cur") ); return ;;`)
    .join('\n');
  const firsts = Object.entries(FIRST_ARGUMENT)
    .map(([name, list]) => `    ${name}) words="${list}" ;;`)
    .join('\n');
  return `# immuta-redshift completion for bash: source <(immuta-redshift completion bash)
_immuta_redshift() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" at=0 i opts words=""
  # The command is the first known word, wherever global options (--profile prod, …) put it.
  for (( i = 1; i < COMP_CWORD; i++ )); do
    if [[ " ${names} " == *" \${COMP_WORDS[i]} "* ]]; then command="\${COMP_WORDS[i]}"; at=$i; break; fi
  done
  case "$prev" in
${values}
  esac
  if [[ -z "$command" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=( $(compgen -W "${GLOBAL_OPTIONS.map((option) => `--${option}`).join(' ')}" -- "$cur") )
    else
      COMPREPLY=( $(compgen -W "${names}" -- "$cur") )
    fi
    return
  fi
  case "$command" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return
  fi
  if (( COMP_CWORD == at + 1 )); then
    case "$command" in
${firsts}
    esac
    if [[ -n "$words" ]]; then COMPREPLY=( $(compgen -W "$words" -- "$cur") ); return; fi
  fi
  COMPREPLY=( $(compgen -f -- "$cur") )
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
  local command="" i
  # The command is the first known word, wherever global options put it.
  for (( i = 2; i < CURRENT; i++ )); do
    if (( \${+commands[(r)\${words[i]}:*]} )); then command="\${words[i]}"; break; fi
  done
  if [[ -z "$command" ]]; then
    _describe 'command' commands
    return
  fi
  case "$command" in
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

/**
 * Shell completion scripts for bash and zsh, generated from the commands themselves: their names
 * and summaries (the registry), their options (each command's `options`) and the literal words of
 * their synopsis lines (`generate code …`, `--format text|json|…`). Nothing here is a second list
 * of commands, so the scripts cannot drift from the CLI.
 */
import type { Command } from '../command.js';

export interface CompletionOption {
  /** `--json` */
  flag: string;
  /** `-t`, when the option has a short form. */
  short?: string;
  takesValue: boolean;
  /** The values a synopsis line spells out (`--format text|json`), if any. */
  values: string[];
  description: string;
}

export interface CompletionCommand {
  name: string;
  summary: string;
  options: CompletionOption[];
  /** Literal words a synopsis line puts right after the command (`code`, `design`; `bash`, `zsh`). */
  subcommands: string[];
  /** True when every synopsis line starts with such a word: then nothing else goes there. */
  subcommandsOnly: boolean;
}

export interface CompletionSpec {
  program: string;
  commands: CompletionCommand[];
}

const SAFE_WORD = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** `a|b|c` when every alternative is a plain word; undefined for placeholders like `<ref>`. */
function literalChoices(word: string | undefined): string[] | undefined {
  if (word === undefined || /[<>[\]\u2026]/.test(word) || word.startsWith('-')) return undefined;
  const parts = word.split('|');
  return parts.every((p) => SAFE_WORD.test(p)) ? parts : undefined;
}

/**
 * The completion data of every command, from its synopsis lines and options.
 * @example completionSpec([command], { doctor: 'check …' }).commands[0]!.options[0]!.flag // '--json'
 */
export function completionSpec(commands: readonly Command[], summaries: Readonly<Record<string, string>>, program = 'designgate'): CompletionSpec {
  return {
    program,
    commands: commands.map((command) => {
      const usageWords = command.usage.map((u) => u.split(/\s+/).filter((w) => w !== program && w !== command.name));
      const firsts = usageWords.map((words) => literalChoices(words[0]));
      const subcommands = [...new Set(firsts.flatMap((f) => f ?? []))];
      const options = Object.entries(command.options).map(([name, spec]): CompletionOption => {
        const flag = `--${name}`;
        let values: string[] = [];
        for (const words of usageWords) {
          const at = words.findIndex((w) => w.replace(/^\[/, '') === flag);
          const choices = at < 0 ? undefined : literalChoices(words[at + 1]?.replace(/\]+$/, ''));
          if (choices !== undefined) values = choices;
        }
        return { flag, ...(spec.short === undefined ? {} : { short: `-${spec.short}` }), takesValue: spec.type === 'string', values, description: spec.description };
      });
      options.push({ flag: '--help', short: '-h', takesValue: false, values: [], description: 'show this help' });
      return {
        name: command.name,
        summary: summaries[command.name] ?? '',
        options,
        subcommands,
        subcommandsOnly: subcommands.length > 0 && firsts.every((f) => f !== undefined),
      };
    }),
  };
}

/** Every name that lands in a script unquoted must be a plain word: a command or option name never needs quoting. */
function assertSafe(spec: CompletionSpec): void {
  const words = [spec.program, ...spec.commands.flatMap((c) => [c.name, ...c.subcommands, ...c.options.flatMap((o) => [o.flag, o.short ?? '-h', ...o.values])])];
  for (const w of words) if (!/^-{0,2}[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(w)) throw new Error(`completion: ${JSON.stringify(w)} is not a plain word`);
}

const fn = (program: string) => `_${program.replace(/[^A-Za-z0-9]/g, '_')}`;

/**
 * A bash script defining `_designgate` and registering it with `complete -o default` (file names
 * where nothing else fits). Load it with `source <(designgate completion bash)`.
 */
export function bashCompletion(spec: CompletionSpec): string {
  assertSafe(spec);
  const name = fn(spec.program);
  const top = [...spec.commands.map((c) => c.name), '--help', '--version'].join(' ');
  const cases = spec.commands.map((c) => {
    const lines = [`    ${c.name})`];
    const valued = c.options.filter((o) => o.takesValue);
    if (valued.length > 0) {
      lines.push('      case "$prev" in');
      for (const o of valued) {
        const pattern = [o.flag, ...(o.short === undefined ? [] : [o.short])].join('|');
        // A value without listed choices: let `-o default` offer file names.
        lines.push(o.values.length > 0 ? `        ${pattern}) COMPREPLY=( $(compgen -W "${o.values.join(' ')}" -- "$cur") ); return 0 ;;` : `        ${pattern}) return 0 ;;`);
      }
      lines.push('      esac');
    }
    const flags = c.options.flatMap((o) => [o.flag, ...(o.short === undefined ? [] : [o.short])]).join(' ');
    lines.push(`      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "${flags}" -- "$cur") ); return 0; fi`);
    if (c.subcommands.length > 0) {
      const files = c.subcommandsOnly ? '' : ' $(compgen -f -- "$cur")';
      const skip = valued.flatMap((o) => [o.flag, ...(o.short === undefined ? [] : [o.short])]).join(' ');
      lines.push(`      if [ "$(${name}_positionals "${skip}")" -eq 0 ]; then COMPREPLY=( $(compgen -W "${c.subcommands.join(' ')}" -- "$cur")${files} ); return 0; fi`);
    }
    lines.push('      ;;');
    return lines.join('\n');
  });
  return [
    `# bash completion for ${spec.program}, generated by \`${spec.program} completion bash\` from its commands.`,
    `# Load it now: source <(${spec.program} completion bash)`,
    `# Or for every shell: ${spec.program} completion bash > ~/.local/share/bash-completion/completions/${spec.program}`,
    '# How many positional words come before the cursor, after the command; $1 lists the options that take a value.',
    `${name}_positionals() {`,
    '  local i n=0 valued=" $1 "',
    '  for (( i=2; i<COMP_CWORD; i++ )); do',
    '    if [[ "${COMP_WORDS[i]}" == -* ]]; then',
    '      [[ "$valued" == *" ${COMP_WORDS[i]} "* ]] && (( i++ ))',
    '      continue',
    '    fi',
    '    (( n++ ))',
    '  done',
    '  echo "$n"',
    '}',
    `${name}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}"',
    '  local prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  COMPREPLY=()',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=( $(compgen -W "${top}" -- "$cur") )`,
    '    return 0',
    '  fi',
    '  case "${COMP_WORDS[1]}" in',
    ...cases,
    '  esac',
    '  return 0',
    '}',
    `complete -o default -F ${name} ${spec.program}`,
    '',
  ].join('\n');
}

/** Quotes for a zsh `_arguments` spec inside single quotes: `[`, `]` and `:` are syntax there. */
function zshText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, `'\\''`).replace(/([[\]:])/g, '\\$1');
}

/**
 * A zsh script for `fpath` (`#compdef`) that also works sourced after `compinit`:
 * `source <(designgate completion zsh)`.
 */
export function zshCompletion(spec: CompletionSpec): string {
  assertSafe(spec);
  const name = fn(spec.program);
  // _describe takes `name:description`: only the name's colons are syntax, and there are none.
  const described = spec.commands.map((c) => `    '${c.name}:${c.summary.replace(/'/g, `'\\''`)}'`);
  const cases = spec.commands.map((c) => {
    const args = c.options.map((o) => {
      const value = o.takesValue ? `:value:${o.values.length > 0 ? `(${o.values.join(' ')})` : ''}` : '';
      const desc = `[${zshText(o.description)}]${value}`;
      return o.short === undefined ? `'${o.flag}${desc}'` : `'(${o.short} ${o.flag})'{${o.short},${o.flag}}'${desc}'`;
    });
    if (c.subcommands.length > 0) args.push(c.subcommandsOnly ? `'1:subcommand:(${c.subcommands.join(' ')})'` : `'1:subcommand or file:{_alternative "subcommands:subcommand:(${c.subcommands.join(' ')})" "files:file:_files"}'`);
    args.push(`'*:file:_files'`);
    return [`    ${c.name})`, `      _arguments -s \\`, ...args.map((a, i) => `        ${a}${i === args.length - 1 ? '' : ' \\'}`), '      ;;'].join('\n');
  });
  return [
    `#compdef ${spec.program}`,
    `# zsh completion for ${spec.program}, generated by \`${spec.program} completion zsh\` from its commands.`,
    `# Load it now (after compinit): source <(${spec.program} completion zsh)`,
    `# Or for every shell: ${spec.program} completion zsh > "\${fpath[1]}/_${spec.program}"`,
    `${name}() {`,
    '  local -a commands',
    '  commands=(',
    ...described,
    '  )',
    '  if (( CURRENT == 2 )); then',
    `    _describe -t commands '${spec.program} command' commands`,
    '    return',
    '  fi',
    '  local command=${words[2]}',
    '  shift words',
    '  (( CURRENT-- ))',
    '  case $command in',
    ...cases,
    '  esac',
    '}',
    `if [ "\${funcstack[1]}" = "${name}" ]; then`,
    `  ${name} "$@"`,
    'else',
    `  compdef ${name} ${spec.program}`,
    'fi',
    '',
  ].join('\n');
}

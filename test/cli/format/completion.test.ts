/**
 * The completion scripts, judged by the shells themselves: the bash script is sourced in `bash -c`
 * and its function called with COMP_WORDS/COMP_CWORD as bash would; the zsh script (where zsh is
 * installed) is loaded into an interactive zsh under zpty and asked to complete a line with TAB.
 * The data comes from the real command registry, so a new command or option shows up here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, summaries } from '../../../cli/commands/index.js';
import { bashCompletion, completionSpec, zshCompletion, type CompletionSpec } from '../../../cli/format/completion.js';
import type { Command } from '../../../cli/command.js';
import { makeTempDir } from '../../helpers/repo.js';

const loaded = await Promise.all(Object.values(commands).map((load) => load()));
const spec = completionSpec(loaded, summaries);
const dir = makeTempDir('designgate-completion-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const bashFile = join(dir, 'designgate.bash');
writeFileSync(bashFile, bashCompletion(spec));
// A few files for the default (file name) completion.
mkdirSync(join(dir, 'work/docs'), { recursive: true });
writeFileSync(join(dir, 'work/docs/a.md'), '');

/** What bash offers for the words, the last being the one under the cursor. */
function bash(...words: string[]): string[] {
  const script = `source ${JSON.stringify(bashFile)}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _designgate; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', script], { cwd: join(dir, 'work'), encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '');
}

const fake = (name: string, usage: string[], options: Command['options']): Command => ({ name, usage, options, run: async () => 0 });

describe('completionSpec', () => {
  test('every registered command, with its summary and options plus --help', () => {
    assert.deepEqual(spec.commands.map((c) => c.name), Object.keys(commands));
    for (const [i, c] of spec.commands.entries()) {
      assert.equal(c.summary, summaries[c.name]);
      assert.deepEqual(c.options.map((o) => o.flag), [...Object.keys(loaded[i]!.options).map((o) => `--${o}`), '--help']);
    }
  });

  test('subcommands and option values come from the synopsis lines; placeholders do not', () => {
    const s = completionSpec(
      [
        fake('gen', ['x gen code <design> [--format text|json]', 'x gen design <path> [--wait <seconds>]'], {
          format: { type: 'string', description: 'f' },
          wait: { type: 'string', description: 'w' },
        }),
        fake('new', ['x new <code-path> [--type <type>]', 'x new story <id>'], { type: { type: 'string', short: 't', description: 't' } }),
        fake('approve', ['x approve <design|folder>…'], {}),
        fake('completion', ['x completion bash|zsh'], {}),
      ],
      {},
      'x',
    );
    const [gen, nw, approve, completion] = s.commands;
    assert.deepEqual([gen!.subcommands, gen!.subcommandsOnly], [['code', 'design'], true]);
    assert.deepEqual(gen!.options.map((o) => o.values), [['text', 'json'], [], []]);
    assert.deepEqual([nw!.subcommands, nw!.subcommandsOnly], [['story'], false]);
    assert.equal(nw!.options[0]!.short, '-t');
    assert.deepEqual(approve!.subcommands, []);
    assert.deepEqual([completion!.subcommands, completion!.subcommandsOnly], [['bash', 'zsh'], true]);
  });

  test('a name that would need quoting is refused rather than written into a script', () => {
    const bad: CompletionSpec = { program: 'designgate', commands: [{ name: 'x;rm', summary: '', options: [], subcommands: [], subcommandsOnly: false }] };
    assert.throws(() => bashCompletion(bad), /not a plain word/);
    assert.throws(() => zshCompletion(bad), /not a plain word/);
  });
});

describe('the bash script, in bash', () => {
  test('the first word: every command and the global options', () => {
    assert.deepEqual(bash('designgate', ''), [...Object.keys(commands), '--help', '--version']);
    assert.deepEqual(bash('designgate', 'do'), ['doctor']);
    assert.deepEqual(bash('designgate', 'co'), ['completion']);
  });

  test("each command's options after a dash, straight from its options", () => {
    for (const command of loaded) {
      const offered = bash('designgate', command.name, '--');
      const expected = [...Object.keys(command.options).map((o) => `--${o}`), '--help'];
      assert.deepEqual(offered, expected, command.name);
    }
  });

  test('subcommands, also after options and their values', () => {
    assert.deepEqual(bash('designgate', 'completion', ''), ['bash', 'zsh']);
    assert.deepEqual(bash('designgate', 'generate', 'c'), ['code']);
    assert.deepEqual(bash('designgate', 'generate', '--wait', '5', 'd'), ['design']);
    assert.deepEqual(bash('designgate', 'session', ''), ['list', 'show', 'resume', 'abort']);
    assert.deepEqual(bash('designgate', 'generate', 'code', ''), [], 'after the subcommand: file names (bash -o default)');
  });

  test('a mixed first position offers the word and file names', () => {
    assert.deepEqual(bash('designgate', 'new', 's'), ['story']);
    assert.deepEqual(bash('designgate', 'new', 'd'), ['docs']);
  });

  test('option values spelled out in the synopsis', () => {
    assert.deepEqual(bash('designgate', 'verify', '--format', ''), ['text', 'json', 'github', 'sarif']);
    assert.deepEqual(bash('designgate', 'init', '--preset', 'e'), ['elixir-phoenix']);
    assert.deepEqual(bash('designgate', 'verify', '--base', ''), [], 'a free value: bash falls back to file names');
  });

  test('it registers itself for designgate with file names as the default', () => {
    const out = execFileSync('bash', ['-c', `source ${JSON.stringify(bashFile)}; complete -p designgate`], { encoding: 'utf8' });
    assert.equal(out.trim(), 'complete -o default -F _designgate designgate');
  });
});

const zsh = spawnSync('zsh', ['--version']).status === 0;

/**
 * What an interactive zsh offers on TAB after `line`: compadd is wrapped to write every match it
 * is given to a file (the technique of zsh-capture-completion).
 */
function zshComplete(line: string): string[] {
  const script = join(dir, '_designgate');
  writeFileSync(script, zshCompletion(spec));
  const out = join(dir, `zsh-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(out, '');
  const driver = [
    'zmodload zsh/zpty',
    'zpty z zsh -f -i',
    `zpty -w z "PROMPT=''; autoload -U compinit; compinit -u -D; source ${script}"`,
    `zpty -w z 'compadd() { local -a __h; builtin compadd -O __h "$@"; print -rl -- \${^__h} >> ${out}; builtin compadd "$@" }'`,
    `zpty -n -w z ${JSON.stringify(line)}$'\\t'`,
    'sleep 1',
    "zpty -w z $'\\C-u'",
    "zpty -w z 'exit'",
    'zpty -d z',
  ].join('\n');
  execFileSync('zsh', ['-f', '-c', driver], { cwd: join(dir, 'work'), timeout: 20_000 });
  return [...new Set(readFileSync(out, 'utf8').split('\n').filter((l) => l !== ''))];
}

describe('the zsh script, in zsh', { skip: zsh ? false : 'zsh is not installed on this machine' }, () => {
  test('commands, subcommands, options and option values', () => {
    assert.deepEqual(zshComplete('designgate doc'), ['doctor']);
    assert.deepEqual(zshComplete('designgate generate --json '), ['code', 'design', 'architecture']);
    assert.deepEqual(zshComplete('designgate verify --format '), ['text', 'json', 'github', 'sarif']);
    assert.ok(zshComplete('designgate doctor --').includes('--json'));
  });
});

describe('the zsh script, as text', () => {
  const text = zshCompletion(spec);
  test('a #compdef file that also registers itself when sourced', () => {
    assert.ok(text.startsWith('#compdef designgate\n'));
    assert.match(text, /\n {2}compdef _designgate designgate\n/);
  });
  test('every command with its summary, every option with its description', () => {
    for (const c of spec.commands) {
      assert.ok(text.includes(`    '${c.name}:${c.summary.replace(/'/g, `'\\''`)}'\n`), c.name);
      assert.ok(text.includes(`    ${c.name})\n`), c.name);
      for (const o of c.options) assert.ok(text.includes(o.short === undefined ? `'${o.flag}[` : `{${o.short},${o.flag}}'[`), `${c.name} ${o.flag}`);
    }
  });
  test('brackets, colons and quotes in descriptions are escaped for _arguments', () => {
    const s = completionSpec([fake('x', ['designgate x'], { a: { type: 'boolean', description: "it's [a]: b" } })], { x: 's' });
    assert.match(zshCompletion(s), /'--a\[it'\\''s \\\[a\\\]\\: b\]'/);
  });
});

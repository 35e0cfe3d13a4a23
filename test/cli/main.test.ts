import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandHelp, main, topLevelHelp } from '../../cli/main.js';
import { commands, summaries } from '../../cli/commands/index.js';
import type { Io } from '../../cli/command.js';
import { makeTempDir, projectRoot, runCli } from '../helpers/repo.js';

const dir = makeTempDir(); // not a repository: help, version and usage errors need none
after(() => rmSync(dir, { recursive: true, force: true }));
const pkgVersion = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
const cli = (...args: string[]) => runCli(args, { cwd: dir });

/** A user error: exit 2, nothing on stdout, exactly these stderr lines, and no stack trace. */
function usageError(r: ReturnType<typeof cli>, ...lines: string[]): void {
  assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, { status: 2, stdout: '', stderr: `${lines.join('\n')}\n` });
  assert.doesNotMatch(r.stderr, /^ {4}at /m);
}

describe('top-level help', () => {
  test('lists every command with its summary, the options and the exit codes', () => {
    const help = topLevelHelp();
    const width = Math.max(...Object.keys(summaries).map((n) => n.length));
    const lines = help.split('\n');
    for (const [name, summary] of Object.entries(summaries)) assert.ok(lines.includes(`  ${name.padEnd(width)}  ${summary}`), name);
    assert.match(help, /^Usage: designgate <command> \[options\]$/m);
    assert.match(help, /^ {2}-h, --help/m);
    assert.match(help, /^ {2}-v, --version/m);
    assert.match(help, /0 all gates hold, 1 a gate failed, 2 usage or configuration error, 3 a generation session escalated/);
  });

  for (const flag of ['--help', '-h', 'help']) {
    test(`designgate ${flag} prints it and exits 0`, () => {
      assert.deepEqual(cli(flag), { status: 0, stdout: topLevelHelp(), stderr: '' });
    });
  }

  test('no arguments prints it and exits 2', () => {
    assert.deepEqual(cli(), { status: 2, stdout: topLevelHelp(), stderr: '' });
  });

  test('help <command> is <command> --help', async () => {
    const check = await commands['check']!();
    assert.deepEqual(cli('help', 'check'), { status: 0, stdout: commandHelp(check), stderr: '' });
    assert.deepEqual(cli('help', 'check'), cli('check', '--help'));
  });

  test('help <unknown> is an unknown command', () => {
    usageError(cli('help', 'frob'), "designgate: unknown command 'frob'", '  fix: run `designgate --help` to list the commands');
  });
});

describe('version', () => {
  for (const flag of ['--version', '-v']) {
    test(`${flag} prints the package.json version`, () => {
      assert.deepEqual(cli(flag), { status: 0, stdout: `${pkgVersion}\n`, stderr: '' });
    });
  }
});

describe('usage errors', () => {
  test('an unknown command exits 2 with the fix', () => {
    usageError(cli('frobnicate', '--all'), "designgate: unknown command 'frobnicate'", '  fix: run `designgate --help` to list the commands');
  });

  test('an unknown option exits 2 without Node\'s positional hint', () => {
    usageError(cli('status', '--frob'), "designgate: status: Unknown option '--frob'", '  fix: run `designgate status --help`');
    usageError(cli('new', '-x', 'a'), "designgate: new: Unknown option '-x'", '  fix: run `designgate new --help`');
  });

  test('a missing option value and a value for a flag exit 2', () => {
    usageError(cli('new', '--type'), "designgate: new: Option '-t, --type <value>' argument missing", '  fix: run `designgate new --help`');
    usageError(cli('check', '--json=yes'), "designgate: check: Option '--json' does not take an argument", '  fix: run `designgate check --help`');
  });

  test('a command outside a repository is a usage error without a stack', () => {
    usageError(cli('status'), `designgate: ${dir} is not inside a git repository`, '  fix: run `git init` first, or run designgate inside your repository');
  });
});

describe('main in-process', () => {
  function captureIo(overrides: Partial<Io> = {}): Io & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      cwd: dir,
      env: {},
      color: false,
      readStdin: async () => '',
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      out,
      err,
      ...overrides,
    };
  }

  test('returns the exit code instead of exiting', async () => {
    const io = captureIo();
    assert.equal(await main(['--version'], io), 0);
    assert.deepEqual(io.out, [`${pkgVersion}\n`]);
    assert.equal(await main(['frob'], io), 2);
  });

  test('<command> -h prints commandHelp on stdout', async () => {
    const io = captureIo();
    const status = await commands['status']!();
    assert.equal(await main(['status', '-h'], io), 0);
    assert.deepEqual(io.out, [commandHelp(status)]);
  });

  test('an unexpected error is reported as an internal error with the versions, no stack', async () => {
    const io = captureIo({ stdout: () => { throw new Error('stdout closed'); } });
    assert.equal(await main(['--version'], io), 2);
    assert.equal(io.err.length, 1);
    assert.equal(io.err[0], `designgate ${pkgVersion} hit an internal error (a bug, not your mistake): stdout closed\n  node ${process.version}; please report it with the command you ran. Set DESIGNGATE_DEBUG=1 for the stack.\n`);
  });

  test('DESIGNGATE_DEBUG adds the stack', async () => {
    const io = captureIo({ env: { DESIGNGATE_DEBUG: '1' }, stdout: () => { throw new Error('stdout closed'); } });
    assert.equal(await main(['--version'], io), 2);
    assert.equal(io.err.length, 2);
    assert.match(io.err[1] ?? '', /^Error: stdout closed\n {4}at /);
  });
});

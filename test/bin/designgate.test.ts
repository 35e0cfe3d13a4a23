import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { binPath, gitEnv, makeRepo } from '../helpers/repo.js';

const repo = makeRepo({
  '.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] }),
  'src/a.ts': 'export const a = 1;\n',
});
after(() => repo.cleanup());

/** Runs the bin with an environment we control fully (runCli always sets NO_COLOR). */
function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [binPath, ...args], { cwd: repo.dir, env, encoding: 'utf8' });
}
function envWithout(name: string): NodeJS.ProcessEnv {
  const env = gitEnv();
  delete env[name];
  return env;
}
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('bin/designgate', () => {
  test('is compiled JavaScript with a node shebang, and executable', () => {
    assert.ok(readFileSync(binPath, 'utf8').startsWith('#!/usr/bin/env node\n'));
    accessSync(binPath, constants.X_OK);
  });

  test('the code main returns is the exit code of the process', () => {
    const env = gitEnv();
    assert.equal(run(['--version'], env).status, 0);
    assert.equal(run(['check'], env).status, 1);
    assert.equal(run(['frob'], env).status, 2);
  });

  test('piped output has no colour even with NO_COLOR unset', () => {
    const r = run(['check'], envWithout('NO_COLOR'));
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^src\/a\.ts: error src\/a\.ts has no design/m);
    assert.doesNotMatch(r.stdout + r.stderr, /\u001b\[/);
  });

  test('a user error writes no stack trace', () => {
    const r = run(['new', 'src/a.ts', 'src/b.ts'], gitEnv());
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, /^ {4}at /m);
  });

  test('on a terminal it colours, unless NO_COLOR is set', { skip: !hasScript && 'needs script(1) for a pseudo-terminal' }, () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} check`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, env: envWithout('NO_COLOR'), encoding: 'utf8' });
    assert.ok(tty.stdout.includes('\u001b[31merror\u001b[39m'), JSON.stringify(tty.stdout));
    const noColor = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
    assert.match(noColor.stdout, /src\/a\.ts: error /);
    assert.doesNotMatch(noColor.stdout, /\u001b\[/);
  });
});

/**
 * The texts git runs: the shim line executed by a real `sh -e` (as husky runs it) with awkward bin
 * paths, its fail-closed behaviour, and husky's runner and stubs.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HOOK_NAMES, HUSKY_HOOKS, HUSKY_RUNNER, HUSKY_STUB, HUSKY_DEPRECATED, isShimLine, shellQuote, shimLine } from '../../hooks/shims.js';
import { gitEnv, makeRepo, makeTempDir } from '../helpers/repo.js';

const dir = makeTempDir('designgate-shims-');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a one-line hook file with `sh -e`, as husky's runner does. */
function runHook(line: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const file = join(dir, `hook-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, `${line}\n`);
  return spawnSync('/bin/sh', ['-e', file, ...args], { cwd: dir, env, encoding: 'utf8' });
}

/** A stand-in bin that prints its arguments as JSON. */
function fakeBin(rel: string): string {
  const abs = join(dir, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, 'console.log(JSON.stringify(process.argv.slice(2)));\n');
  return rel;
}

describe('shimLine', () => {
  test('runs node on the bin with `hook <name>` and every argument git passed, quoting intact', () => {
    for (const rel of ['node_modules/designgate/dist/bin/designgate.js', "app dir/it's $HOME/`x`/designgate.js"]) {
      fakeBin(rel);
      const r = runHook(shimLine('pre-push', rel), ['origin', 'https://example.com/a b.git']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), ['hook', 'pre-push', 'origin', 'https://example.com/a b.git']);
    }
  });

  test('an absolute bin path works from any directory', () => {
    const abs = join(dir, fakeBin('abs/designgate.js'));
    const r = runHook(shimLine('commit-msg', abs), ['.git/COMMIT_EDITMSG']);
    assert.deepEqual(JSON.parse(r.stdout), ['hook', 'commit-msg', '.git/COMMIT_EDITMSG']);
  });

  test('a missing bin refuses (exit 1) with a sentence, never skips (C6)', () => {
    const r = runHook(shimLine('pre-commit', 'node_modules/designgate/dist/bin/gone.js'), []);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^designgate - node_modules\/designgate\/dist\/bin\/gone\.js not found: refusing, so nothing unchecked gets in \(run `npm install`/);
  });

  test('node missing from PATH fails closed (exit 127, which husky reports with the PATH) (C6)', () => {
    const rel = fakeBin('nonode/designgate.js');
    const r = runHook(shimLine('pre-commit', rel), [], { PATH: '/nonexistent' });
    assert.equal(r.status, 127);
  });

  test('commit-msg skips node unless the message has an Approved-by line or a Markdown file is staged', () => {
    const repo = makeRepo({ 'a.ts': 'a\n', 'a.md': 'a\n' });
    try {
      const marker = join(repo.dir, 'ran');
      const bin = join(repo.dir, 'bin.js');
      writeFileSync(bin, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`);
      const line = shimLine('commit-msg', bin);
      const hook = join(repo.dir, 'hook');
      writeFileSync(hook, `${line}\n`);
      const attempt = (message: string, staged: Record<string, string>) => {
        rmSync(marker, { force: true });
        writeFileSync(join(repo.dir, 'MSG'), message);
        repo.git('reset', '-q');
        repo.write(staged);
        repo.git('add', ...Object.keys(staged));
        const r = spawnSync('/bin/sh', ['-e', hook, 'MSG'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        return existsSync(marker);
      };
      assert.equal(attempt('code only\n', { 'a.ts': 'b\n' }), false);
      assert.equal(attempt('approve\n\napproved-by: Bob <b@x.org>\n', { 'a.ts': 'c\n' }), true);
      assert.equal(attempt('docs\n', { 'a.md': 'b\n' }), true);
    } finally {
      repo.cleanup();
    }
  });

  test('is one line', () => {
    for (const hook of HOOK_NAMES) assert.ok(!shimLine(hook, 'x/designgate.js').includes('\n'));
  });
});

describe('isShimLine', () => {
  test("recognises designgate's line for its hook, whatever the bin path", () => {
    assert.ok(isShimLine(shimLine('pre-commit', 'node_modules/designgate/dist/bin/designgate.js'), 'pre-commit'));
    assert.ok(isShimLine(shimLine('pre-commit', '/opt/x/designgate.js'), 'pre-commit'));
    assert.ok(!isShimLine(shimLine('pre-commit', 'node_modules/designgate/dist/bin/designgate.js'), 'pre-push'));
    for (const other of ['npx lint-staged', 'exit 0', 'echo designgate hook pre-commit "$@"', '']) assert.ok(!isShimLine(other, 'pre-commit'), other);
  });
});

describe('shellQuote', () => {
  test('round-trips any text through sh', () => {
    for (const text of ["it's", '$HOME `x` "q" \\ \n', '']) {
      const r = spawnSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' });
      assert.equal(r.stdout, text);
    }
  });
});

describe("husky 9's files", () => {
  test('the stub sources the runner beside it; a stub exists for every designgate hook', () => {
    assert.equal(HUSKY_STUB, '#!/usr/bin/env sh\n. "$(dirname "$0")/h"');
    for (const hook of HOOK_NAMES) assert.ok((HUSKY_HOOKS as readonly string[]).includes(hook), hook);
    assert.equal(new Set(HUSKY_HOOKS).size, 14);
  });

  test('the runner skips a missing hook, honours HUSKY=0, adds node_modules/.bin and runs the hook with sh -e', () => {
    for (const line of ['[ ! -f "$s" ] && exit 0', '[ "${HUSKY-}" = "0" ] && exit 0', 'export PATH="node_modules/.bin:$PATH"', 'sh -e "$s" "$@"']) {
      assert.ok(HUSKY_RUNNER.includes(`\n${line}\n`), line);
    }
    const sh = spawnSync('sh', ['-n', '-c', HUSKY_RUNNER]);
    assert.equal(sh.status, 0, 'the runner is valid POSIX sh');
    assert.equal(spawnSync('sh', ['-n', '-c', HUSKY_DEPRECATED]).status, 0);
  });
});

import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, gitEnv, makeRepo, projectRoot } from '../helpers/repo.js';

const repo = makeRepo({
  '.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] }),
  'src/a.ts': 'export const a = 1;\n',
});
after(() => repo.cleanup());

// A private copy of the built package without its caches: what an install looks like before its
// first run (the package ships no cache).
const pkg = mkdtempSync(join(tmpdir(), 'designgate-bin-pkg-'));
after(() => rmSync(pkg, { recursive: true, force: true }));
for (const part of ['dist/bin', 'dist/validators', 'dist/vendor', 'schema', 'package.json']) {
  cpSync(join(projectRoot, part), join(pkg, part), { recursive: true, filter: (src) => !src.endsWith('.cache') });
}
symlinkSync(join(projectRoot, 'node_modules'), join(pkg, 'node_modules'));
const pkgBin = join(pkg, 'dist/bin/designgate.js');
const caches = (): string[] => readdirSync(join(pkg, 'dist/bin')).filter((f) => f.endsWith('.cache')).sort();
const cacheOf = (group: string): string | undefined => caches().find((f) => f.includes(`.${group}.`));
function runPkg(args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [pkgBin, ...args], { cwd: repo.dir, env: gitEnv(extra), encoding: 'utf8' });
}

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

  test('a command without a cache writes one, and the next run uses it without rewriting it', () => {
    assert.equal(cacheOf('status'), undefined);
    const first = runPkg(['status']);
    assert.equal(first.status, 0, first.stderr);
    const name = cacheOf('status');
    assert.ok(name !== undefined, caches().join(', '));
    const written = statSync(join(pkg, 'dist/bin', name));
    const second = runPkg(['status']);
    assert.equal(second.stdout, first.stdout);
    const after = statSync(join(pkg, 'dist/bin', name));
    assert.equal(after.ino, written.ino);
    assert.equal(after.mtimeMs, written.mtimeMs);
  });

  test('a corrupt cache is rejected, the command still answers right, and the cache is rewritten', () => {
    assert.equal(runPkg(['--version']).status, 0);
    const name = cacheOf('main');
    assert.ok(name !== undefined, caches().join(', '));
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(join(pkg, 'dist/bin', name), garbage);
    const r = runPkg(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version}\n`);
    assert.notDeepEqual(readFileSync(join(pkg, 'dist/bin', name)), garbage);
  });

  test('a mistyped command writes no cache; with DESIGNGATE_CODE_CACHE=off no cache is written', () => {
    assert.equal(runPkg(['frob']).status, 2);
    assert.equal(cacheOf('frob'), undefined);
    assert.equal(runPkg(['check'], { DESIGNGATE_CODE_CACHE: 'off' }).status, 1);
    assert.equal(cacheOf('check'), undefined);
    assert.deepEqual(caches().filter((f) => f.endsWith('.tmp')), []);
  });

  test('the bundle calls import() nowhere (external packages load through the loader\'s function)', () => {
    const bundle = readFileSync(join(projectRoot, 'dist/bin/cli.cjs'), 'utf8');
    // On tokens, not text: the bundled parser's messages mention `import()` in strings.
    const { parse } = createRequire(import.meta.url)('@babel/parser') as typeof import('@babel/parser');
    const tokens = parse(bundle, { sourceType: 'script', allowReturnOutsideFunction: true, tokens: true }).tokens as Array<{ type: { label: string } }>;
    const calls = tokens.filter((t, i) => t.type.label === 'import' && tokens[i + 1]?.type.label === '(');
    assert.equal(calls.length, 0);
    assert.match(bundle, /__designgateImport\("isomorphic-git"\)/);
    assert.match(bundle, /import\(/, 'the bundle does hold the text import( in strings, so the check above looks at tokens');
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

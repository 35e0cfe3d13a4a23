/**
 * End to end from the packed tarball (issue 5): `npm pack`, `npm install` into a fresh project,
 * `npx designgate init` installs the real husky hooks, then real `git commit` and `git push` to a
 * bare repository on disk. The same behaviours are tested against dist/ in test/hooks and
 * test/core/verify; here they are shown to hold for what users actually install.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alice, approve, bob, config, draft, fingerprint, pushToBare, removeScratch, signWith, sshKey } from '../hooks/fixtures/gate-repo.js';
import { copyRepo, installedRepo, packAndInstall, type InstalledRepo, type Packed } from './fixtures/packed.js';

let packed: Packed;
let prepared: InstalledRepo;
after(removeScratch);

const D = 'docs/design/a.md';
const code = { 'src/a.ts': 'export const a = 1;\n', 'test/a.test.ts': '// tests a\n' };
const approveMessage = 'Approve a\n\nApproved-by: Bob Approver <bob@example.com>';
const SHIM = `node 'node_modules/designgate/dist/bin/designgate.js' hook pre-commit "$@"`;
// After the constants: node:test runs a top-level `before` as soon as it is registered.
before(() => {
  packed = packAndInstall();
  prepared = fresh();
});

/** A repository with the package installed, the config committed (the trust root), `init` run, and a draft design of src/a.ts. */
function setup(configText?: string): InstalledRepo {
  return configText === undefined ? copyRepo(prepared) : fresh(configText);
}

function fresh(configText = config()): InstalledRepo {
  const repo = installedRepo(packed, { '.designrc.json': configText });
  repo.commitAs(alice, {}, 'config');
  const init = repo.npx(['designgate', 'init']);
  assert.equal(init.status, 0, init.stderr);
  assert.match(init.stdout, /installed the git hooks/);
  repo.commitAs(alice, { [D]: draft() }, 'design a (and the hooks)');
  return repo;
}

function commit(repo: InstalledRepo, args: string[], who = alice) {
  return repo.run(['commit', ...args], { who });
}

describe('the packed tarball', () => {
  test('holds the bin with its bundle (and no code cache), the library with its types, validators, the bundled yaml, schemas and prompts, and no sources, tests or maps', () => {
    const has = (p: string) => assert.ok(packed.files.includes(p), `${p} is in the tarball`);
    for (const p of ['package.json', 'README.md', 'docs/rules.md', 'dist/bin/designgate.js', 'dist/bin/cli.cjs', 'dist/bin/package.json', 'dist/core/index.js', 'dist/core/index.d.ts', 'dist/lint-rules/index.js', 'dist/lint-rules/index.d.ts', 'dist/validators/designrc.cjs', 'dist/vendor/yaml.cjs', 'schema/designrc.schema.json', 'generators/prompts/code.md']) has(p);
    const stray = packed.files.filter((p) => /\.map$|\.cache$|tsbuildinfo|^test\/|^(bin|cli|core|hooks|lint-rules|generators)\/.*\.ts$|^dist\/(cli|hooks|generators)\//.test(p) || (p.endsWith('.ts') && !p.endsWith('.d.ts')));
    assert.deepEqual(stray, []);
  });

  test('the library is importable by its package name and checks a repository; the remark preset resolves', () => {
    const repo = installedRepo(packed, { '.designrc.json': config(), 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' });
    repo.commitAs(alice, {}, 'config and code');
    const script = `
      import { readFile } from 'node:fs/promises';
      import { join } from 'node:path';
      import { loadWorkspace, runLocalGates, hasErrors } from 'designgate';
      const preset = await import('designgate/remark-preset');
      const env = process.env;
      const ws = await loadWorkspace({ cwd: process.cwd(), env });
      const read = (p) => readFile(join(ws.repoRoot, p), 'utf8').catch(() => undefined);
      const { problems } = await runLocalGates(ws, read, { env, now: new Date(), architecture: false });
      console.log(JSON.stringify({ failed: hasErrors(problems), rules: problems.map((p) => p.file + ' ' + p.ruleId), preset: typeof preset.default }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { failed: boolean; rules: string[]; preset: string };
    assert.equal(out.failed, true);
    assert.ok(out.rules.includes('src/b.ts missing-design'), r.stdout);
    assert.notEqual(out.preset, 'undefined');
  });
});

describe('installed from the tarball, the bundled bin', () => {
  test('finds the prompts shipped in generators/prompts (generate --dry-run contacts no model)', () => {
    const repo = setup(config({ generator: { model: 'qwen2.5-coder:7b', testCommand: 'node --test {test}' } }));
    const r = repo.npx(['designgate', 'generate', 'design', 'src/b.ts', '--dry-run']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /src\/b\.ts/);
  });
});

describe('installed from the tarball, `npx designgate init` hooks refuse at commit', () => {
  test('init writes husky hooks that run the installed bin by a path inside the repository', () => {
    const repo = setup();
    assert.equal(repo.git('config', 'core.hooksPath').trim(), '.husky/_');
    assert.ok(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8').includes(SHIM));
    repo.write({ 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' });
    repo.git('add', '-A');
    const r = commit(repo, ['-m', 'code without a design']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^designgate - src\/b\.ts: error src\/b\.ts has no design: expected docs\/design\/b\.md \[missing-design\]$/m);
    assert.match(r.stderr, /^husky - pre-commit script failed \(code 1\)$/m);
  });

  test('unapproved, approval with the code, `commit -a`, `commit <path>`, then approved passes and stale is refused', () => {
    const repo = setup();
    repo.write(code);
    repo.git('add', '-A');
    let r = commit(repo, ['-m', 'code']);
    assert.equal(r.status, 1, 'a draft design');
    assert.match(r.stderr, /src\/a\.ts needs an approved design, but docs\/design\/a\.md is a draft \(no approval\) \[design-not-approved\]/);

    repo.write({ [D]: approve(D, draft()) });
    repo.git('add', '-A');
    r = commit(repo, ['-m', approveMessage], bob);
    assert.equal(r.status, 1, 'approval before implementation: not in the same commit');
    assert.match(r.stderr, /the approval by bob@example\.com is not committed yet \[approval-not-committed\]/);

    repo.write({ [D]: draft() });
    repo.commitAs(alice, code, 'code committed with --no-verify');
    repo.write({ 'src/a.ts': 'export const a = 2;\n' });
    r = commit(repo, ['-a', '-m', 'commit -a']);
    assert.equal(r.status, 1, '`git commit -a` is checked');
    assert.match(r.stderr, /src\/a\.ts needs an approved design/);
    r = commit(repo, ['src/a.ts', '-m', 'commit a path']);
    assert.equal(r.status, 1, '`git commit <path>` is checked');
    assert.match(r.stderr, /src\/a\.ts needs an approved design/);

    repo.commitAs(bob, { 'src/a.ts': 'export const a = 1;\n', [D]: approve(D, draft()) }, approveMessage);
    repo.write({ 'src/a.ts': 'export const a = 3;\n' });
    r = commit(repo, ['-a', '-m', 'approved code']);
    assert.equal(r.status, 0, r.stderr);

    repo.commitAs(alice, { [D]: approve(D, draft()).replace('Does one thing.', 'Does two things.') }, 'edit after approval (--no-verify)');
    repo.write({ 'src/a.ts': 'export const a = 4;\n' });
    r = commit(repo, ['-a', '-m', 'code on a stale design']);
    assert.equal(r.status, 1, 'a stale design');
    assert.match(r.stderr, /\[approval-stale\]/);
  });

  test('forged approvals: unsigned by the author, or signed by Mallory as Bob', () => {
    const bobKey = sshKey('bob');
    const malloryKey = sshKey('mallory');
    const signed = config({ approvers: [{ name: bob.name, email: bob.email, keys: [bobKey.publicKey] }], signedApprovals: true });
    const unsigned = setup(signed);
    unsigned.commitAs(alice, { [D]: approve(D, draft()) }, approveMessage);
    unsigned.write(code);
    unsigned.git('add', '-A');
    let r = commit(unsigned, ['-m', 'code']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[approval-unsigned\]/);

    const forged = setup(signed);
    forged.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage, signWith(malloryKey.key));
    forged.write(code);
    forged.git('add', '-A');
    r = commit(forged, ['-m', 'code']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[approval-unknown-key\]/);
  });

  test('a refused commit leaves tree, index and stash as they were, a partially staged file included', () => {
    const repo = setup();
    repo.commitAs(alice, { 'src/a.ts': 'one\ntwo\nthree\n', 'test/a.test.ts': 't\n' }, 'code (--no-verify)');
    repo.write({ 'src/a.ts': 'ONE\ntwo\nthree\n' });
    repo.git('add', 'src/a.ts');
    repo.write({ 'src/a.ts': 'ONE\ntwo\nTHREE\n', 'notes.txt': 'kept in a stash\n' });
    repo.git('stash', 'push', '-q', '-u', '--', 'notes.txt');
    repo.write({ 'notes.txt': 'untracked\n' });
    const before = fingerprint(repo);
    const r = commit(repo, ['-m', 'code']);
    assert.equal(r.status, 1);
    assert.equal(fingerprint(repo), before);
    assert.equal(repo.git('show', ':src/a.ts'), 'ONE\ntwo\nthree\n');
    assert.equal(readFileSync(join(repo.dir, 'src/a.ts'), 'utf8'), 'ONE\ntwo\nTHREE\n');
  });
});

describe('installed from the tarball, push and verify', () => {
  function pushed(): { repo: InstalledRepo; base: string } {
    const repo = setup();
    repo.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage);
    pushToBare(repo);
    return { repo, base: repo.git('rev-parse', 'HEAD').trim() };
  }
  const bad = { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' };

  test('a --no-verify commit is refused by pre-push; pushed with HUSKY=0 it is caught by `npx designgate verify`', () => {
    const { repo, base } = pushed();
    repo.commitAs(alice, bad, 'unapproved, committed with --no-verify');
    let r = repo.run(['push', 'origin', 'main']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/b\.ts has no design/);
    assert.match(r.stderr, /failed to push some refs/);
    r = repo.run(['push', '-q', 'origin', 'main'], { env: { HUSKY: '0' } });
    assert.equal(r.status, 0, r.stderr);
    const v = repo.npx(['designgate', 'verify', '--base', base, '--head', 'origin/main']);
    assert.equal(v.status, 1, v.stderr);
    assert.match(v.stdout + v.stderr, /src\/b\.ts has no design: expected docs\/design\/b\.md \[missing-design\]/);
  });

  test('a hook edited to `exit 0` in the change lets the commit through; verify still refuses it and names .husky/', () => {
    const { repo, base } = pushed();
    writeFileSync(join(repo.dir, '.husky/pre-commit'), `exit 0\n${readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')}`);
    repo.write(bad);
    repo.git('add', '-A');
    const r = commit(repo, ['-q', '-m', 'neutered hook and unapproved code']);
    assert.equal(r.status, 0, r.stderr);
    const v = repo.npx(['designgate', 'verify', '--base', base, '--head', 'HEAD', '--format', 'json']);
    assert.equal(v.status, 1, v.stderr);
    const problems = (JSON.parse(v.stdout) as { problems: Array<{ file: string; ruleId: string; severity: string }> }).problems;
    assert.ok(problems.some((p) => p.file === 'src/b.ts' && p.ruleId === 'missing-design' && p.severity === 'error'), v.stdout);
    assert.ok(problems.some((p) => p.file === '.husky/' && p.ruleId === 'protected-path-changed'), v.stdout);
  });
});

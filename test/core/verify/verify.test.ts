/**
 * Range verification on real histories, and the bypass catalogue of reliability.md (C1–C15): each
 * case played with real hooks, real pushes to a bare repository and the built `designgate verify`,
 * and named by the layer that catches it.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGit } from '../../../core/git/index.js';
import type { Problem } from '../../../core/problem.js';
import { protectedKey, verifyCommits, verifyRange } from '../../../core/verify/verify.js';
import { lintDocuments } from '../../../cli/check-staged.js';
import { checkHooks, installHooks } from '../../../hooks/install.js';
import { prePush } from '../../../hooks/pre-push.js';
import { binPath, runCli } from '../../helpers/repo.js';
import { BASELINE_FILE, formatBaseline } from '../../../core/baseline/format.js';
import { alice, approve, bob, config, draft, gateRepo, hookEnv, mallory, removeScratch, scratchDir, type GateRepo } from '../../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => {
  repos.forEach((r) => r.cleanup());
  removeScratch();
});
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const D = 'docs/design/a.md';
const approveMessage = 'Approve a\n\nApproved-by: Bob Approver <bob@example.com>';
const code = { 'src/a.ts': 'export const a = 1;\n', 'test/a.test.ts': '// tests a\n' };
const bad = { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' };

function repo(configText?: string): GateRepo {
  const r = gateRepo(configText);
  repos.push(r);
  return r;
}

/** main = config → draft design → Bob's approval, pushed to a bare origin; returns the repo. */
async function withOrigin(options: { install?: boolean; configText?: string } = {}): Promise<GateRepo> {
  const r = repo(options.configText);
  if (options.install !== false) await r.install();
  r.commitAs(alice, { [D]: draft() }, 'design a');
  r.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage);
  const bare = scratchDir('designgate-origin-');
  execFileSync('git', ['init', '-q', '--bare', bare]);
  r.git('remote', 'add', 'origin', bare);
  r.git('push', '-q', 'origin', 'main');
  return r;
}

async function verify(r: GateRepo, base: string, head = 'HEAD') {
  const env = hookEnv(r.home);
  const git = await openGit({ cwd: r.dir, env });
  try {
    return await verifyRange({ git, ctx: { cwd: r.dir, env }, base, head, now: new Date(), lint: lintDocuments });
  } finally {
    await git.close();
  }
}

const errors = (problems: readonly Problem[]) => [...new Set(problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.ruleId}`))].sort();

function cliVerify(r: GateRepo, args: string[], env: Record<string, string> = {}) {
  const out = runCli(['verify', ...args, '--format', 'json'], { cwd: r.dir, env });
  return { ...out, json: out.status <= 1 ? (JSON.parse(out.stdout) as { problems: Problem[]; commits: string[] }) : undefined };
}

describe('verifyRange judges every commit at its own tree', () => {
  test('approved code passes; every commit of the range is listed', async () => {
    const r = await withOrigin();
    r.commitAs(alice, code, 'code');
    const result = await verify(r, 'origin/main');
    assert.deepEqual(errors(result.problems), []);
    assert.equal(result.commits.length, 1);
  });

  test('code committed before its design was approved is refused even though the approval came later in the range', async () => {
    const r = repo();
    r.commitAs(alice, { [D]: draft() }, 'design a');
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, code, 'code first');
    r.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage);
    const result = await verify(r, base);
    assert.deepEqual(errors(result.problems), ['src/a.ts design-not-approved', 'test/a.test.ts design-not-approved']);
  });

  test('an approval in the same commit as its code is refused (approval before implementation)', async () => {
    const r = repo();
    r.commitAs(alice, { [D]: draft() }, 'design a');
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(bob, { ...code, [D]: approve(D, draft()) }, approveMessage);
    const result = await verify(r, base);
    assert.ok(errors(result.problems).includes('src/a.ts design-not-approved'));
    assert.ok(errors(result.problems).includes(`${D} approval-not-committed`));
    assert.ok(errors(result.problems).includes('src/a.ts approval-commit-not-narrow'));
  });

  test('an evil merge (a merge commit that itself adds unapproved code) is judged; clean merges are not re-judged', async () => {
    const r = await withOrigin({ install: false });
    r.git('checkout', '-q', '-b', 'feature');
    r.commitAs(alice, code, 'approved code on a branch');
    r.git('checkout', '-q', 'main');
    r.commitAs(alice, { 'README.md': 'main moves\n' }, 'main moves');
    r.git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    r.write(bad);
    r.git('add', '-A');
    r.git('commit', '-q', '--no-verify', '-m', 'merge with a surprise');
    const result = await verify(r, 'origin/main');
    assert.deepEqual(errors(result.problems), ['src/b.ts missing-design', 'test/b.test.ts missing-design']);
    assert.match(result.problems.find((p) => p.file === 'src/b.ts')!.message, /^in [0-9a-f]{12}: /);
  });

  test('approvers are read from the base: a change that registers its own approver does not approve itself (A4, R1)', async () => {
    const r = await withOrigin({ install: false });
    r.commitAs(alice, { '.designrc.json': config({ approvers: [{ name: bob.name, email: bob.email }, { name: mallory.name, email: mallory.email }] }) }, 'add mallory');
    r.commitAs(alice, { 'docs/design/b.md': draft() }, 'design b');
    r.commitAs(mallory, { 'docs/design/b.md': approve('docs/design/b.md', draft(), [mallory]) }, 'Approve b\n\nApproved-by: Mallory Forger <mallory@example.com>');
    r.commitAs(alice, bad, 'code b');
    const result = await verify(r, 'origin/main');
    assert.ok(errors(result.problems).includes('docs/design/b.md approval-not-approver'));
    assert.ok(errors(result.problems).includes('.designrc.json trust-root-unapproved'), 'the root change itself needs a base approver');
    assert.ok(errors(result.problems).includes('src/b.ts design-not-approved'));
    assert.ok(result.problems.some((p) => p.ruleId === 'protected-path-changed' && p.file === '.designrc.json' && p.severity === 'warning'));
  });

  test('an approval the range adds must verify even when no code relies on it yet', async () => {
    const r = await withOrigin({ install: false });
    r.commitAs(alice, { 'docs/design/b.md': draft() }, 'design b');
    r.commitAs(alice, { 'docs/design/b.md': approve('docs/design/b.md', draft()) }, 'Alice writes Bob\'s approval\n\nApproved-by: Bob Approver <bob@example.com>');
    const result = await verify(r, 'origin/main');
    assert.ok(errors(result.problems).includes('docs/design/b.md approval-not-committer'));
  });

  test('changed designs are linted as they stand at the head', async () => {
    const r = await withOrigin({ install: false });
    r.commitAs(alice, { 'docs/design/b.md': '---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nNo API.\n' }, 'design b');
    const result = await verify(r, 'origin/main');
    assert.deepEqual(errors(result.problems), ['docs/design/b.md required-sections']);
  });

  test('changed designs and tests are aligned at the head, at the level the base sets', async () => {
    const r = repo(config({ gates: { approval: 'off', completeness: 'error', architecture: 'off', alignment: 'error' } }));
    const design = `${draft()}\n## Test Scenarios\n\n- adds one\n- parse/1 keeps the sign\n`;
    r.commitAs(alice, { [D]: design, 'src/a.ts': 'x\n', 'test/a.test.ts': "test('adds one', () => {});\ndescribe('parse/1', () => { test('keeps the sign', () => {}); });\n" }, 'aligned');
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, { 'test/a.test.ts': "test('adds one', () => {});\ndescribe('parse/1', () => { test('keeps its sign', () => {}); });\n" }, 'rename a test');
    // The change cannot switch the gate off for itself: the base's config governs.
    r.commitAs(alice, { '.designrc.json': config({ gates: { approval: 'off', completeness: 'error', architecture: 'off', alignment: 'off' } }) }, 'alignment off');
    const result = await verify(r, base);
    assert.deepEqual(errors(result.problems), ['docs/design/a.md scenario-without-test', 'test/a.test.ts test-without-scenario']);
  });

  test('verifyCommits without a trusted base (a first push) warns that approvals were checked against the pushed config', async () => {
    const r = repo();
    r.commitAs(alice, { [D]: draft() }, 'design a');
    const head = r.git('rev-parse', 'HEAD').trim();
    const env = hookEnv(r.home);
    const git = await openGit({ cwd: r.dir, env });
    try {
      const result = await verifyCommits({ git, ctx: { cwd: r.dir, env }, base: undefined, head, revisions: [head], now: new Date() });
      assert.equal(result.commits.length, 2);
      assert.ok(result.problems.some((p) => p.ruleId === 'no-trusted-base'));
    } finally {
      await git.close();
    }
  });

  test('protectedKey groups hook and workflow folders and names configs and signers files', () => {
    assert.equal(protectedKey('.husky/pre-commit'), '.husky/');
    assert.equal(protectedKey('.github/workflows/ci.yml'), '.github/workflows/');
    assert.equal(protectedKey('packages/a/.designrc.json'), 'packages/a/.designrc.json');
    assert.equal(protectedKey('.designgate/allowed_signers'), '.designgate/allowed_signers');
    assert.equal(protectedKey('src/a.ts'), undefined);
  });
});

describe('reliability C1–C15: who catches each bypass', () => {
  test('C1 — `commit --no-verify`: caught by pre-push; `push --no-verify`: caught by verify', async () => {
    const r = await withOrigin();
    r.commitAs(alice, bad, 'unapproved, --no-verify');
    assert.notEqual(r.git('log', '-1', '--format=%s').trim(), '', 'the local commit exists');
    const pushed = r.run(['push', 'origin', 'main']);
    assert.equal(pushed.status, 1);
    assert.match(pushed.stderr, /src\/b\.ts has no design/);
    const base = r.git('rev-parse', 'origin/main').trim();
    assert.equal(r.run(['push', '-q', '--no-verify', 'origin', 'main']).status, 0);
    const v = cliVerify(r, ['--base', base]);
    assert.equal(v.status, 1);
    assert.deepEqual(errors(v.json!.problems), ['src/b.ts missing-design', 'test/b.test.ts missing-design']);
  });

  test('C2 — `HUSKY=0 git push`: caught by verify, with the same findings pre-push reports', async () => {
    const r = await withOrigin();
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, bad, 'unapproved');
    const head = r.git('rev-parse', 'HEAD').trim();
    assert.equal(r.run(['push', '-q', 'origin', 'main'], { env: { HUSKY: '0' } }).status, 0);
    const v = cliVerify(r, ['--base', base]);
    assert.equal(v.status, 1);
    const env = hookEnv(r.home);
    const git = await openGit({ cwd: r.dir, env });
    try {
      const local = await prePush({ git, repoRoot: r.dir, env, args: ['origin'], stdin: `refs/heads/main ${head} refs/heads/main ${base}\n` });
      assert.deepEqual(errors(v.json!.problems), errors(local));
    } finally {
      await git.close();
    }
  });

  test('C3 — core.hooksPath unset: the commit goes through unchecked; status warns; verify catches it', async () => {
    const r = await withOrigin();
    r.git('config', '--unset', 'core.hooksPath');
    const warnings = await checkHooks({ repoRoot: r.dir, env: hookEnv(r.home) });
    assert.ok(warnings.some((p) => p.ruleId === 'hooks-path'));
    r.write(bad);
    r.run(['add', '-A']);
    assert.equal(r.run(['commit', '-q', '-m', 'unchecked']).status, 0);
    assert.equal(cliVerify(r, ['--base', 'origin/main']).status, 1);
  });

  test('C4 — `.husky/pre-commit` edited to `exit 0` in the change: the local commit passes; verify still refuses the code', async () => {
    const r = await withOrigin();
    writeFileSync(join(r.dir, '.husky/pre-commit'), 'exit 0\n');
    r.write(bad);
    r.run(['add', '-A']);
    assert.equal(r.run(['commit', '-q', '-m', 'neutered hook and unapproved code']).status, 0);
    const v = cliVerify(r, ['--base', 'origin/main']);
    assert.equal(v.status, 1);
    assert.ok(errors(v.json!.problems).includes('src/b.ts missing-design'));
    assert.ok(v.json!.problems.some((p) => p.file === '.husky/' && p.ruleId === 'protected-path-changed'));
  });

  test('C5 — the change adds an ignore glob for its own code: verify reads "ignore" from the base and refuses', async () => {
    const r = await withOrigin({ install: false });
    r.commitAs(alice, { ...bad, '.designrc.json': config({ ignore: ['src/b.ts'] }) }, 'exempt my own code');
    const v = cliVerify(r, ['--base', 'origin/main']);
    assert.equal(v.status, 1);
    assert.ok(errors(v.json!.problems).includes('src/b.ts missing-design'));
    assert.ok(errors(v.json!.problems).includes('.designrc.json trust-root-unapproved'));
  });

  test('C5 — a change that grows the adoption baseline for its own code, also editing .designrc.json: verify reads the baseline and approvers from the base and refuses', async () => {
    const r = await withOrigin({ install: false });
    const mallorysConfig = config({ approvers: [{ name: bob.name, email: bob.email }, { name: mallory.name, email: mallory.email }] });
    r.commitAs(mallory, { ...bad, '.designrc.json': mallorysConfig, [BASELINE_FILE]: formatBaseline(['src/b.ts']) }, 'exempt my own code\n\nApproved-by: Mallory Forger <mallory@example.com>');
    const v = cliVerify(r, ['--base', 'origin/main']);
    assert.equal(v.status, 1);
    assert.deepEqual(errors(v.json!.problems), [`${BASELINE_FILE} baseline-grown`, '.designrc.json trust-root-unapproved', 'src/b.ts missing-design', 'test/b.test.ts missing-design']);
    assert.match(v.json!.problems.find((p) => p.ruleId === 'baseline-grown')!.fix ?? '', /designgate new src\/b\.ts/);
  });

  test('C5 — growth of the baseline approved by a base approver passes, and its files need no design', async () => {
    const r = await withOrigin({ install: false });
    r.commitAs(alice, { 'src/legacy.ts': 'old\n', [BASELINE_FILE]: formatBaseline(['src/legacy.ts']) }, 'Baseline legacy code\n\nApproved-by: Bob Approver <bob@example.com>');
    const v = cliVerify(r, ['--base', 'origin/main']);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.deepEqual(errors(v.json!.problems), []);
  });

  test('C5 — the base baseline exempts its files in a change; shrinking it needs no approval', async () => {
    const r = await withOrigin({ install: false });
    r.commitAs(alice, { 'src/legacy.ts': 'old\n', 'src/old.ts': 'old\n', [BASELINE_FILE]: formatBaseline(['src/legacy.ts', 'src/old.ts']) }, 'Baseline\n\nApproved-by: Bob Approver <bob@example.com>');
    r.git('push', '-q', 'origin', 'main');
    r.commitAs(alice, { 'src/legacy.ts': 'edited\n', 'src/old.ts': null, [BASELINE_FILE]: formatBaseline(['src/legacy.ts']) }, 'edit legacy code, drop old');
    const v = cliVerify(r, ['--base', 'origin/main']);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.deepEqual(errors(v.json!.problems), []);
    // The pre-push hook runs the same verify code.
    const env = hookEnv(r.home);
    const git = await openGit({ cwd: r.dir, env });
    try {
      const head = r.git('rev-parse', 'HEAD').trim();
      const remote = r.git('rev-parse', 'origin/main').trim();
      const problems = await prePush({ git, repoRoot: r.dir, env, args: ['origin', 'x'], stdin: `refs/heads/main ${head} refs/heads/main ${remote}\n`, lint: lintDocuments });
      assert.deepEqual(errors(problems), []);
    } finally {
      await git.close();
    }
  });

  test('C6 — node missing from PATH (a GUI client): the hook fails closed, never "skipping"', async () => {
    const r = await withOrigin();
    const bin = scratchDir('designgate-path-');
    for (const tool of ['git', 'sh', 'basename', 'dirname', 'env']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
    r.write(bad);
    r.run(['add', '-A']);
    const noNode = r.run(['commit', '-m', 'no node'], { env: { PATH: bin } });
    assert.equal(noNode.status, 1);
    assert.match(noNode.stderr, /husky - pre-commit script failed \(code 127\)/);
    assert.match(noNode.stderr, /husky - command not found in PATH=/);
    // designgate itself gone (no npm install yet): refused with a sentence.
    await installHooks({ repoRoot: r.dir, env: hookEnv(r.home), binPath: join(r.dir, 'node_modules/designgate/dist/bin/designgate.js') });
    const noBin = r.run(['commit', '-m', 'no designgate']);
    assert.equal(noBin.status, 1);
    assert.match(noBin.stderr, /designgate - node_modules\/designgate\/dist\/bin\/designgate\.js not found: refusing/);
  });

  test('C7 — `git commit -a` and `git commit <path>` (a temporary index): caught by pre-commit', async () => {
    const r = await withOrigin();
    r.commitAs(alice, bad, 'tracked, --no-verify');
    r.write({ 'src/b.ts': 'y\n' });
    assert.equal(r.run(['commit', '-a', '-m', 'a']).status, 1);
    assert.equal(r.run(['commit', 'src/b.ts', '-m', 'path']).status, 1);
  });

  test('C8 — an unapproved design staged, the work tree restored to the approved text: caught by pre-commit (the staged blob)', async () => {
    const r = await withOrigin();
    r.write({ ...code, [D]: approve(D, draft()).replace('Does one thing.', 'Does more.') });
    r.run(['add', '-A']);
    r.write({ [D]: approve(D, draft()) });
    const c = r.run(['commit', '-m', 'x']);
    assert.equal(c.status, 1);
    assert.match(c.stderr, /docs\/design\/a\.md is stale/);
  });

  test('C9 — pre-push with a new branch, a deletion, a src:dst refspec and several refs: every ref checked', async () => {
    const r = await withOrigin();
    const main = r.git('rev-parse', 'HEAD').trim();
    r.commitAs(alice, bad, 'bad');
    const badSha = r.git('rev-parse', 'HEAD').trim();
    const zero = '0'.repeat(40);
    const stdin = [
      `refs/heads/main ${main} refs/heads/main ${main}`,
      `(delete) ${zero} refs/heads/old ${main}`,
      `refs/heads/main ${main} refs/heads/copy ${zero}`,
      `HEAD ${badSha} refs/heads/release ${zero}`,
      '',
    ].join('\n');
    const env = hookEnv(r.home);
    const git = await openGit({ cwd: r.dir, env });
    try {
      const problems = await prePush({ git, repoRoot: r.dir, env, args: ['origin'], stdin });
      assert.deepEqual(errors(problems), ['src/b.ts missing-design', 'test/b.test.ts missing-design']);
      const onlyGood = stdin.split('\n').slice(0, 3).join('\n');
      assert.deepEqual(errors(await prePush({ git, repoRoot: r.dir, env, args: ['origin'], stdin: onlyGood })), []);
    } finally {
      await git.close();
    }
  });

  test('C10 — a force push that rewrites an approved commit\'s content: caught by pre-push; verify never passes it', async () => {
    const r = await withOrigin();
    r.commitAs(alice, code, 'code');
    r.git('push', '-q', 'origin', 'main');
    const old = r.git('rev-parse', 'HEAD').trim();
    r.git('reset', '-q', '--hard', 'HEAD~2');
    const stale = approve(D, draft()).replace('Does one thing.', 'Does another thing.');
    r.commitAs(bob, { [D]: stale }, approveMessage);
    r.commitAs(alice, code, 'code again');
    const forced = r.run(['push', '-f', 'origin', 'main']);
    assert.equal(forced.status, 1);
    assert.match(forced.stderr, /\[approval-stale\]|is stale/);
    assert.equal(cliVerify(r, ['--base', old]).status, 2, 'the old tip is not an ancestor: exit 2, never a pass');
    const fromMergeBase = cliVerify(r, ['--base', r.git('merge-base', old, 'HEAD').trim()]);
    assert.equal(fromMergeBase.status, 1);
  });

  test('C11 — a shallow clone (fetch-depth: 1): verify exits 2 with the fix, never passes', async () => {
    const r = await withOrigin();
    const clone = scratchDir('designgate-shallow-');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone]);
    const out = runCli(['verify', '--base', 'HEAD~1'], { cwd: clone });
    assert.equal(out.status, 2);
    assert.match(out.stderr, /shallow clone/);
    assert.match(out.stderr, /fetch-depth: 0/);
  });

  test('C12 — `--base HEAD`, a base off the history, or no --base: exit 2', async () => {
    const r = await withOrigin();
    assert.equal(cliVerify(r, ['--base', 'HEAD']).status, 2);
    const missing = runCli(['verify'], { cwd: r.dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--base is required/);
    r.git('checkout', '-q', '-b', 'side', 'HEAD~1');
    r.commitAs(alice, { 'README.md': 'side\n' }, 'side');
    const off = runCli(['verify', '--base', 'main'], { cwd: r.dir });
    assert.equal(off.status, 2);
    assert.match(off.stderr, /is not an ancestor of HEAD/);
    const inverted = runCli(['verify', '--base', 'HEAD', '--head', 'HEAD~1'], { cwd: r.dir });
    assert.equal(inverted.status, 2);
    assert.match(inverted.stderr, /inverted/);
  });

  test('C13 — a clean merge bringing unapproved code: caught by pre-merge-commit; `merge --no-verify`: caught by verify', async () => {
    const r = await withOrigin();
    r.git('checkout', '-q', '-b', 'feature');
    r.commitAs(alice, bad, 'unapproved');
    r.git('checkout', '-q', 'main');
    r.commitAs(alice, { 'README.md': 'moves\n' }, 'main moves');
    assert.equal(r.run(['merge', '--no-edit', 'feature']).status, 1);
    r.run(['merge', '--abort']);
    assert.equal(r.run(['merge', '--no-verify', '--no-edit', 'feature']).status, 0);
    const v = cliVerify(r, ['--base', 'origin/main']);
    assert.equal(v.status, 1);
    assert.ok(errors(v.json!.problems).includes('src/b.ts missing-design'));
  });

  test('C14 — a dependency rewrites .husky/_: status warns (checkHooks); verify still gates', async () => {
    const r = await withOrigin();
    writeFileSync(join(r.dir, '.husky/_/pre-commit'), '#!/usr/bin/env sh\nexit 0\n');
    assert.deepEqual((await checkHooks({ repoRoot: r.dir, env: hookEnv(r.home) })).map((p) => `${p.file} ${p.ruleId}`), ['.husky/_/pre-commit hooks-modified']);
    r.write(bad);
    r.run(['add', '-A']);
    assert.equal(r.run(['commit', '-q', '-m', 'unchecked']).status, 0);
    assert.equal(cliVerify(r, ['--base', 'origin/main']).status, 1);
  });

  test('C15 — no environment variable bypasses verify (there is no override at all; a signed override trailer is not offered)', async () => {
    const r = await withOrigin();
    r.commitAs(alice, bad, 'unapproved');
    for (const env of [{ HUSKY: '0' }, { CI: 'true' }, { DESIGNGATE_SKIP: '1', SKIP: 'designgate' }]) {
      assert.equal(cliVerify(r, ['--base', 'origin/main'], env).status, 1, JSON.stringify(env));
    }
  });
});

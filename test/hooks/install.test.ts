/**
 * Installing the hooks into real repositories: husky's files and core.hooksPath, shims that run the
 * bin from the repository root whether package.json is at the root, in a subfolder or nowhere,
 * existing hooks and lint-staged configs kept, a hooksPath that does not take reported loudly, and
 * the integrity check `designgate status` uses (reliability C3, C4, C14).
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DesignGateError } from '../../core/errors.js';
import { checkHooks, findLintStagedConfig, hooksPath, installHooks, shimPath } from '../../hooks/install.js';
import { HOOK_NAMES, HUSKY_HOOKS, HUSKY_RUNNER, HUSKY_STUB, LINT_STAGED_COMMAND, shimLine } from '../../hooks/shims.js';
import { binPath, projectRoot } from '../helpers/repo.js';
import { alice, draft, gateRepo, hookEnv, type GateRepo } from './fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

function fresh(): GateRepo {
  const repo = gateRepo();
  repos.push(repo);
  return repo;
}

const read = (repo: GateRepo, rel: string) => readFileSync(join(repo.dir, rel), 'utf8');
const install = (repo: GateRepo, bin = binPath, env: Record<string, string> = {}) => installHooks({ repoRoot: repo.dir, env: hookEnv(repo.home, alice, env), binPath: bin });

describe('installHooks', () => {
  test("writes husky's runner, stubs and .gitignore, a shim per hook, and sets core.hooksPath", async () => {
    const repo = fresh();
    const report = await install(repo);
    assert.equal(repo.git('config', 'core.hooksPath').trim(), '.husky/_');
    assert.equal(read(repo, '.husky/_/h'), HUSKY_RUNNER);
    assert.equal(read(repo, '.husky/_/.gitignore'), '*');
    for (const hook of HUSKY_HOOKS) {
      assert.equal(read(repo, `.husky/_/${hook}`), HUSKY_STUB);
      assert.ok(statSync(join(repo.dir, `.husky/_/${hook}`)).mode & 0o100, `${hook} is executable`);
    }
    for (const hook of HOOK_NAMES) assert.equal(read(repo, `.husky/${hook}`), `${shimLine(hook, binPath)}\n`);
    assert.ok(report.written.includes('.husky/pre-commit'));
    assert.equal(repo.git('status', '--porcelain', '--', '.husky/_').trim(), '', '.husky/_ is ignored, as husky has it');
  });

  test('is idempotent: a second run changes nothing and adds no second line', async () => {
    const repo = fresh();
    await install(repo);
    const before = HOOK_NAMES.map((h) => read(repo, `.husky/${h}`));
    const again = await install(repo);
    assert.deepEqual(HOOK_NAMES.map((h) => read(repo, `.husky/${h}`)), before);
    assert.ok(!again.written.includes('.husky/pre-commit'));
  });

  test("keeps an existing hook's lines and appends designgate's", async () => {
    const repo = fresh();
    mkdirSync(join(repo.dir, '.husky'), { recursive: true });
    writeFileSync(join(repo.dir, '.husky/pre-push'), 'npm test\n');
    const report = await install(repo);
    assert.equal(read(repo, '.husky/pre-push'), `npm test\n${shimLine('pre-push', binPath)}\n`);
    assert.ok(report.notes.some((n) => n.includes('.husky/pre-push existed')));
  });

  test('package.json in a subfolder (a Phoenix app): the shim runs the bin by its path from the root, and commits are gated', async () => {
    const repo = fresh();
    mkdirSync(join(repo.dir, 'assets/node_modules'), { recursive: true });
    writeFileSync(join(repo.dir, 'assets/package.json'), '{ "name": "assets", "private": true }\n');
    symlinkSync(projectRoot, join(repo.dir, 'assets/node_modules/designgate'));
    const bin = join(repo.dir, 'assets/node_modules/designgate/dist/bin/designgate.js');
    await install(repo, bin);
    assert.equal(shimPath(repo.dir, bin), 'assets/node_modules/designgate/dist/bin/designgate.js');
    assert.ok(read(repo, '.husky/pre-commit').includes("'assets/node_modules/designgate/dist/bin/designgate.js'"));
    writeFileSync(join(repo.dir, '.gitignore'), 'node_modules\n');
    repo.commitAs(alice, { 'docs/design/a.md': draft() }, 'design');
    repo.write({ 'src/a.ts': 'x\n', 'test/a.test.ts': 't\n' });
    repo.run(['add', '-A']);
    const r = repo.run(['commit', '-m', 'code']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/a\.ts needs an approved design/);
  });

  test('no package.json at all: the shim runs the bin by its absolute path', async () => {
    const repo = fresh();
    await install(repo);
    assert.equal(shimPath(repo.dir, binPath), binPath);
    assert.ok(read(repo, '.husky/commit-msg').includes(`'${binPath}'`));
  });

  test('fails loudly when core.hooksPath does not take (an override git reads before the repository config)', async () => {
    const repo = fresh();
    const override = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.hooksPath', GIT_CONFIG_VALUE_0: '/somewhere/else' };
    await assert.rejects(install(repo, binPath, override), (e: unknown) => {
      assert.ok(e instanceof DesignGateError && e.code === 'GIT');
      assert.match(e.message, /git did not take core\.hooksPath: it is `\/somewhere\/else`, expected `\.husky\/_`/);
      assert.match(e.fix ?? '', /git config --show-origin core\.hooksPath/);
      return true;
    });
  });

  test('says so when it replaces another core.hooksPath, and when no prepare script installs the hooks in new clones', async () => {
    const repo = fresh();
    repo.git('config', 'core.hooksPath', '.githooks');
    const report = await install(repo);
    assert.ok(report.notes.some((n) => n.includes('core.hooksPath was `.githooks`')));
    assert.ok(report.notes.some((n) => n.includes('"prepare": "husky"')));
  });
});

describe('lint-staged integration', () => {
  test('a package.json lint-staged config run from .husky/pre-commit gets one entry, once', async () => {
    const repo = fresh();
    mkdirSync(join(repo.dir, '.husky'));
    writeFileSync(join(repo.dir, '.husky/pre-commit'), 'lint-staged\n');
    writeFileSync(join(repo.dir, 'package.json'), JSON.stringify({ name: 'x', 'lint-staged': { '*.md': 'remark' } }, null, 2));
    const report = await install(repo);
    const pkg = JSON.parse(read(repo, 'package.json')) as { 'lint-staged': Record<string, unknown> };
    assert.deepEqual(pkg['lint-staged'], { '*.md': 'remark', '*': LINT_STAGED_COMMAND });
    assert.equal(read(repo, '.husky/pre-commit'), 'lint-staged\n', 'designgate runs inside lint-staged, not a second time');
    assert.ok(report.notes.some((n) => n.includes('package.json: added one lint-staged entry')));
    await install(repo);
    assert.equal(JSON.stringify(JSON.parse(read(repo, 'package.json'))).split(LINT_STAGED_COMMAND).length, 2);
    assert.deepEqual(await checkHooks({ repoRoot: repo.dir, env: hookEnv(repo.home), hooks: ['pre-commit'] }), []);
  });

  test("a .lintstagedrc.json whose '*' is taken gets the next free catch-all key", async () => {
    const repo = fresh();
    mkdirSync(join(repo.dir, '.husky'));
    writeFileSync(join(repo.dir, '.husky/pre-commit'), 'npx lint-staged\n');
    writeFileSync(join(repo.dir, '.lintstagedrc.json'), '{\n\t"*": "prettier --check"\n}\n');
    await install(repo);
    assert.equal(read(repo, '.lintstagedrc.json'), `{\n\t"*": "prettier --check",\n\t"**": "${LINT_STAGED_COMMAND}"\n}\n`);
  });

  test('a JavaScript config is not edited: the shim line is added to .husky/pre-commit instead, with a note', async () => {
    const repo = fresh();
    mkdirSync(join(repo.dir, '.husky'));
    writeFileSync(join(repo.dir, '.husky/pre-commit'), 'npx lint-staged\n');
    writeFileSync(join(repo.dir, 'lint-staged.config.mjs'), 'export default {}\n');
    const report = await install(repo);
    assert.equal(read(repo, 'lint-staged.config.mjs'), 'export default {}\n');
    assert.equal(read(repo, '.husky/pre-commit'), `npx lint-staged\n${shimLine('pre-commit', binPath)}\n`);
    assert.ok(report.notes.some((n) => n.includes("'*': () => 'designgate hook pre-commit'")));
  });

  test('findLintStagedConfig looks at the root and one package folder down', () => {
    const repo = fresh();
    assert.equal(findLintStagedConfig(repo.dir), undefined);
    mkdirSync(join(repo.dir, 'web'));
    writeFileSync(join(repo.dir, 'web/package.json'), '{}');
    writeFileSync(join(repo.dir, 'web/.lintstagedrc.yaml'), '"*": x\n');
    assert.deepEqual(findLintStagedConfig(repo.dir), { file: 'web/.lintstagedrc.yaml', kind: 'other' });
  });
});

describe('checkHooks (for designgate status)', () => {
  test('a fresh installation has no problem', async () => {
    const repo = fresh();
    await install(repo);
    assert.deepEqual(await checkHooks({ repoRoot: repo.dir, env: hookEnv(repo.home) }), []);
  });

  test('hooks never installed, or core.hooksPath unset (C3)', async () => {
    const repo = fresh();
    const problems = await checkHooks({ repoRoot: repo.dir, env: hookEnv(repo.home) });
    assert.ok(problems.some((p) => p.ruleId === 'hooks-path' && p.message.includes('core.hooksPath is unset')));
    assert.ok(problems.every((p) => p.severity === 'warning'));
    await install(repo);
    repo.git('config', '--unset', 'core.hooksPath');
    assert.deepEqual((await checkHooks({ repoRoot: repo.dir, env: hookEnv(repo.home) })).map((p) => p.ruleId), ['hooks-path']);
  });

  test('core.hooksPath asked already (from a subfolder, as status does) is used instead of asking again', async () => {
    const repo = fresh();
    await install(repo);
    mkdirSync(join(repo.dir, 'deep/er'), { recursive: true });
    assert.equal(await hooksPath(join(repo.dir, 'deep/er'), hookEnv(repo.home)), '.husky/_');
    const given = (value: string | undefined) => checkHooks({ repoRoot: repo.dir, env: hookEnv(repo.home), hooksPath: Promise.resolve(value) });
    assert.deepEqual(await given('.husky/_'), []);
    assert.deepEqual((await given(undefined)).map((p) => p.ruleId), ['hooks-path']);
  });

  test('a shim edited to `exit 0` first, a removed line, a rewritten stub or runner (C4, C14)', async () => {
    const repo = fresh();
    await install(repo);
    writeFileSync(join(repo.dir, '.husky/pre-commit'), `exit 0\n${read(repo, '.husky/pre-commit')}`);
    writeFileSync(join(repo.dir, '.husky/pre-push'), 'echo hi\n');
    writeFileSync(join(repo.dir, '.husky/_/commit-msg'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(repo.dir, '.husky/_/pre-merge-commit'), 0o644);
    writeFileSync(join(repo.dir, '.husky/_/h'), '#!/bin/sh\nexit 0\n');
    const found = (await checkHooks({ repoRoot: repo.dir, env: hookEnv(repo.home) })).map((p) => `${p.file} ${p.ruleId}`).sort();
    assert.deepEqual(found, [
      '.husky/_/commit-msg hooks-modified',
      '.husky/_/h hooks-modified',
      '.husky/_/pre-merge-commit hooks-missing',
      '.husky/pre-commit hooks-modified',
      '.husky/pre-push hooks-modified',
    ]);
  });
});

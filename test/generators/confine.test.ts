import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { confineTarget, isNormalRelative, protectedReason } from '../../generators/confine.js';
import { isDesignGateError } from '../../core/errors.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
after(() => rmSync(base, { recursive: true, force: true }));
const repo = join(base, 'repo');
const sibling = join(base, 'repo-evil');
mkdirSync(join(repo, 'src'), { recursive: true });
mkdirSync(join(repo, 'docs/design'), { recursive: true });
mkdirSync(sibling);
const isDesign = (p: string) => p.startsWith('docs/design/') && p.endsWith('.md');
const options = { isDesign };

async function refused(path: string, reason: RegExp, opts = options): Promise<void> {
  await assert.rejects(confineTarget(repo, path, opts), (e: unknown) => {
    assert.ok(isDesignGateError(e));
    assert.equal(e.code, 'USAGE');
    assert.match(e.message, new RegExp(`^refusing to write ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    assert.match(e.message, reason);
    return true;
  });
}

describe('isNormalRelative (F1)', () => {
  test('plain relative paths only', () => {
    assert.equal(isNormalRelative('src/a.ts'), true);
    for (const bad of ['', '/etc/passwd', '../x', 'a/../b', 'a//b', './a', 'C:/x', 'c:x', 'a\\b', 'a\0b', 'a/']) assert.equal(isNormalRelative(bad), false, bad);
  });
});

describe('protectedReason (F3)', () => {
  test('git, hooks, CI, manifests, designgate config and records, designs', () => {
    const cases: Array<[string, RegExp]> = [
      ['.git/hooks/pre-commit', /git's own folder/],
      ['sub/.git/config', /git's own folder/],
      ['.GIT/config', /git's own folder/],
      ['.husky/pre-commit', /\.husky\/ is protected/],
      ['.github/workflows/ci.yml', /\.github\/workflows\/ is protected/],
      ['.designgate/sessions/x/steps.jsonl', /\.designgate\/ is protected/],
      ['package.json', /package\.json is protected/],
      ['packages/a/package.json', /package\.json is protected/],
      ['.designrc.json', /\.designrc\.json is protected/],
      ['.lintstagedrc.json', /\.lintstagedrc\.json is protected/],
      ['.gitattributes', /\.gitattributes is protected/],
      ['docs/design/a.md', /design document/],
    ];
    for (const [path, reason] of cases) assert.match(protectedReason(path, options) ?? '', reason, path);
    assert.equal(protectedReason('src/package.ts', options), undefined);
    assert.equal(protectedReason('.github/ISSUE_TEMPLATE.md', options), undefined);
    assert.equal(protectedReason('docs/design/a.md', { isDesign, allowDesign: 'docs/design/a.md' }), undefined);
  });
});

describe('confineTarget (F2, F3)', () => {
  test('a mapped path inside the repository: its absolute path', async () => {
    assert.equal(await confineTarget(repo, 'src/a.js', options), join(repo, 'src/a.js'));
    assert.equal(await confineTarget(repo, 'new/deep/a.js', options), join(repo, 'new/deep/a.js'));
  });
  test('F2: a folder that is a link to a sibling with the same prefix is refused', async () => {
    symlinkSync(sibling, join(repo, 'src-link'));
    await refused('src-link/a.js', /outside the repository/);
  });
  test('F2: a link inside the repository that redirects the write is refused too', async () => {
    mkdirSync(join(repo, '.husky'), { recursive: true });
    symlinkSync(join(repo, '.husky'), join(repo, 'hooks-here'));
    await refused('hooks-here/pre-commit', /a symbolic link on the way leads to \.husky\/pre-commit/);
  });
  test('a target that is itself a link is refused', async () => {
    writeFileSync(join(repo, 'real.js'), 'x');
    symlinkSync(join(repo, 'real.js'), join(repo, 'src/linked.js'));
    await refused('src/linked.js', /it is a symbolic link/);
  });
  test('a file where a folder should be is refused', async () => {
    writeFileSync(join(repo, 'afile'), 'x');
    await refused('afile/a.js', /afile is a file, not a folder/);
  });
  test('F1/F3: abnormal and protected paths are refused before the file system is looked at', async () => {
    await refused('../outside.js', /not a plain relative path/);
    await refused('.husky/pre-commit', /\.husky\/ is protected/);
    await refused('docs/design/a.md', /design document/);
  });
});

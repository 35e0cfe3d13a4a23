/**
 * The library entry used as a library user would: only through core/index.js, on real repositories.
 * test/e2e/tarball.test.ts imports the same entry by its package name from the packed tarball.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as designgate from '../../core/index.js';
import { gitEnv, scratch } from '../helpers/repo.js';

const { designDigest, designState, hasErrors, isDesignGateError, loadWorkspace, openGit, runLocalGates, verifyRange } = designgate;
const env = gitEnv();
const tmp = scratch();
const config = JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/{path}.md', test: 'test/{path}.test.ts' }] });
const design = '---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nA.\n';

function reader(root: string): designgate.ReadText {
  return (path) => readFile(join(root, path), 'utf8').catch(() => undefined);
}

describe('the library entry', () => {
  test('exports exactly the documented surface', () => {
    assert.deepEqual(Object.keys(designgate).sort(), [
      'DesignGateError',
      'checkStructure',
      'designDigest',
      'designState',
      'hasErrors',
      'isDesignGateError',
      'loadConfig',
      'loadWorkspace',
      'openGit',
      'parseConfig',
      'runLocalGates',
      'sortProblems',
      'toRepoPath',
      'verifyRange',
    ]);
  });

  test('loadWorkspace + runLocalGates: missing-design for code alone, nothing once design and test exist', async () => {
    const repo = tmp.repo({ '.designrc.json': config, 'src/a.ts': 'export {};\n' });
    const run = async () => {
      const ws = await loadWorkspace({ cwd: repo.dir, env });
      return runLocalGates(ws, reader(ws.repoRoot), { env, now: new Date(), architecture: false });
    };
    const before = await run();
    assert.ok(hasErrors(before.problems));
    assert.deepEqual(before.problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.ruleId}`).sort(), ['src/a.ts missing-design', 'src/a.ts missing-test']);
    repo.commit({ 'docs/a.md': design, 'test/a.test.ts': '// a\n' });
    const after = await run();
    assert.deepEqual(after.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(after.components[0]?.state.state, 'draft');
  });

  test('designDigest is the digest designState derives', () => {
    assert.equal(designState('docs/a.md', design).digest, designDigest('docs/a.md', design));
    assert.match(designDigest('docs/a.md', design), /^sha256:[0-9a-f]{64}$/);
  });

  test('a malformed config throws a CONFIG DesignGateError', async () => {
    const repo = tmp.repo({ '.designrc.json': '{ "components": 3 }\n', 'src/a.ts': 'x\n' });
    await assert.rejects(loadWorkspace({ cwd: repo.dir, env }), (e: unknown) => isDesignGateError(e) && e.code === 'CONFIG');
  });

  test('verifyRange through openGit reports a commit of code without a design', async () => {
    const repo = tmp.repo({ '.designrc.json': config });
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit({ 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' }, 'code without a design');
    const git = await openGit({ cwd: repo.dir, env });
    try {
      const result = await verifyRange({ git, ctx: { cwd: git.root, env }, base, head: 'HEAD', now: new Date() });
      assert.equal(result.commits.length, 1);
      assert.ok(result.problems.some((p) => p.file === 'src/b.ts' && p.ruleId === 'missing-design'), JSON.stringify(result.problems));
    } finally {
      await git.close();
    }
  });
});

/** `check --staged` (runCheckStaged) and the lint bridge the CLI injects into the gates. */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Io } from '../../cli/command.js';
import { lintDocuments, runCheckStaged, stagedProblems } from '../../cli/check-staged.js';
import { configLocator } from '../../core/verify/governing.js';
import { alice, draft, gateRepo, hookEnv, type GateRepo } from '../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

function repo(): GateRepo {
  const r = gateRepo();
  repos.push(r);
  r.commitAs(alice, { 'docs/design/a.md': draft() }, 'design');
  return r;
}

function io(r: GateRepo): Io & { out: string; err: string } {
  const sink = {
    out: '',
    err: '',
    cwd: r.dir,
    env: hookEnv(r.home),
    color: false,
    stdout: (t: string) => void (sink.out += t),
    stderr: (t: string) => void (sink.err += t),
    readStdin: async () => '',
  };
  return sink;
}

describe('runCheckStaged', () => {
  test('nothing staged: exit 0 and the check passes', async () => {
    const r = repo();
    const sink = io(r);
    assert.equal(await runCheckStaged(sink, { json: false }), 0);
    assert.equal(sink.out, '');
    assert.match(sink.err, /check: /);
  });

  test('staged code without a design: exit 1, text or JSON', async () => {
    const r = repo();
    r.write({ 'src/b.ts': 'x\n' });
    r.git('add', '-A');
    const text = io(r);
    assert.equal(await runCheckStaged(text, { json: false }), 1);
    assert.match(text.out, /src\/b\.ts: error src\/b\.ts has no design/);
    assert.match(text.err, /^2 errors, 0 warnings\n$/);
    const json = io(r);
    assert.equal(await runCheckStaged(json, { json: true }), 1);
    assert.deepEqual((JSON.parse(json.out) as { problems: Array<{ ruleId: string }> }).problems.map((p) => p.ruleId).sort(), ['missing-design', 'missing-test']);
    assert.equal((await stagedProblems(json)).length, 2);
  });
});

describe('lintDocuments', () => {
  test('runs the real design lint rules with the facts of the snapshot; nothing to lint imports nothing', async () => {
    const read = async (p: string) =>
      p === '.designrc.json' ? Buffer.from(JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] })) : undefined;
    const governing = (await configLocator('/repo', read)('docs/design/a.md'))!;
    const request = (documents: Array<{ path: string; text: string }>) => ({ governing, documents, files: async () => ['docs/design/a.md'], read: async () => undefined });
    assert.deepEqual(await lintDocuments(request([])), []);
    const problems = await lintDocuments(request([{ path: 'docs/design/a.md', text: 'no frontmatter\n' }]));
    assert.deepEqual(problems.map((p) => `${p.file} ${p.ruleId}`), ['docs/design/a.md frontmatter-present']);
  });
});

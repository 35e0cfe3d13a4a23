import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { designDigest } from '../../core/digest.js';
import { loadWorkspace } from '../../core/workspace.js';
import { runLocalGates } from '../../core/local-gates.js';
import { gitEnv, makeRepo, type TempRepo, type Tree } from '../helpers/repo.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const design = (purpose: string) =>
  `---\ntype: module\nstatus: draft\nstories: []\ndepends_on: []\n---\n\n## Purpose\n\n${purpose}\n\n## Public API\n\nx\n\n## Dependencies\n\nx\n\n## Test Scenarios\n\nx\n`;
const approved = (path: string, text: string) =>
  text.replace('status: draft\n', `status: approved\napproval:\n  digest: ${designDigest(path, text)}\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z\n`);

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function gates(tree: Tree, options: { architecture?: boolean; paths?: string[] } = {}) {
  const r = makeRepo(tree);
  repos.push(r);
  const env = gitEnv();
  const ws = await loadWorkspace({ cwd: r.dir, env });
  const read = async (p: string) => readFile(join(r.dir, p), 'utf8').catch(() => undefined);
  return runLocalGates(ws, read, { env, now: new Date(), architecture: options.architecture ?? false, ...(options.paths ? { paths: options.paths } : {}) });
}

const rules = [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }];
const base: Tree = {
  'src/a.ts': 'export {};\n',
  'test/a.test.ts': '//\n',
  'src/b.ts': 'export {};\n',
  'test/b.test.ts': '//\n',
  'docs/design/b.md': design('B.'),
};

test('approval gate off: derived states only, no verdicts', async () => {
  const r = await gates({
    ...base,
    '.designrc.json': JSON.stringify({ components: rules, gates: { approval: 'off' } }),
    'docs/design/a.md': approved('docs/design/a.md', design('A.')),
  });
  assert.equal(r.approvals.size, 0);
  assert.deepEqual(r.components.map((c) => [c.code, c.state.state]), [['src/a.ts', 'approved'], ['src/b.ts', 'draft']]);
  assert.deepEqual(r.problems, []);
});

test('approval gate on: a hand-written approval block is unverified, with a fix', async () => {
  const r = await gates({
    ...base,
    '.designrc.json': JSON.stringify({ components: rules, approvers: [{ name: 'Jane Doe', email: 'jane@example.com', keys: [] }], signedApprovals: false }),
    'docs/design/a.md': approved('docs/design/a.md', design('A.')),
  });
  assert.equal(r.approvals.get('docs/design/a.md')?.state, 'unverified');
  assert.equal(r.approvals.get('docs/design/b.md')?.state, 'draft');
  const problem = r.problems.find((p) => p.file === 'docs/design/a.md' && p.severity === 'error');
  assert.ok(problem?.ruleId.startsWith('approval-'), JSON.stringify(r.problems));
  assert.match(problem?.fix ?? '', /designgate approve/);
});

test('architecture: true adds Gate 1; false does not', async () => {
  const tree: Tree = {
    ...base,
    '.designrc.json': JSON.stringify({ components: rules, architecture: 'docs/architecture.md', gates: { approval: 'off', architecture: 'error' } }),
    'docs/design/a.md': design('A.'),
    'docs/architecture.md': '---\nstatus: draft\ncontexts:\n  web:\n    owns: [lib/]\n    depends_on: []\n---\n\n# Architecture\n',
  };
  const withArch = await gates(tree, { architecture: true });
  assert.ok(withArch.problems.some((p) => p.ruleId === 'design-outside-architecture' && p.file === 'docs/design/a.md'), JSON.stringify(withArch.problems));
  const without = await gates(tree, { architecture: false });
  assert.ok(!without.problems.some((p) => p.ruleId === 'design-outside-architecture'));
});

test('paths limit every gate', async () => {
  const r = await gates(
    {
      'src/a.ts': 'export {};\n',
      'src/b.ts': 'export {};\n',
      '.designrc.json': JSON.stringify({ components: rules, gates: { approval: 'off' } }),
    },
    { paths: ['src/a.ts'] },
  );
  assert.deepEqual([...new Set(r.problems.map((p) => p.file))], ['src/a.ts']);
});

test('approval gate on, only plain drafts: the history is not walked, no verdicts', async () => {
  const r = await gates({ ...base, '.designrc.json': JSON.stringify({ components: rules }), 'docs/design/a.md': design('A.') });
  assert.equal(r.approvals.size, 0);
  assert.deepEqual(r.problems, []);
});

test('a draft that says status: approved is judged (and reported) without an approval block', async () => {
  const r = await gates({
    ...base,
    '.designrc.json': JSON.stringify({ components: rules }),
    'docs/design/a.md': design('A.').replace('status: draft', 'status: approved'),
  });
  assert.equal(r.approvals.get('docs/design/a.md')?.state, 'draft');
  assert.ok(r.problems.some((p) => p.file === 'docs/design/a.md' && p.ruleId === 'approval-status-mismatch'), JSON.stringify(r.problems));
});

test('architecture: true adds design ↔ test alignment under gates.alignment; status (false) does not', async () => {
  const tree: Tree = {
    ...base,
    '.designrc.json': JSON.stringify({ components: rules, gates: { approval: 'off', alignment: 'error' } }),
    'docs/design/a.md': design('A.').replace('## Test Scenarios\n\nx\n', '## Test Scenarios\n\n- reads it\n- writes it\n'),
    'test/a.test.ts': "import { test } from 'node:test';\ntest('reads it', () => {});\ntest('renamed', () => {});\n",
  };
  const checked = await gates(tree, { architecture: true });
  assert.deepEqual(checked.problems.map((p) => `${p.file}:${p.line} ${p.ruleId} ${p.severity}`), [
    'docs/design/a.md:23 scenario-without-test error',
    'test/a.test.ts:3 test-without-scenario error',
  ]);
  assert.deepEqual((await gates(tree, { architecture: false })).problems, []);
  assert.deepEqual((await gates(tree, { architecture: true, paths: ['src/b.ts'] })).problems, []);
});

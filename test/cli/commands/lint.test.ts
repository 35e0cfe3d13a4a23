import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { designDigest } from '../../../core/digest.js';
import { makeRepo, runCli, type TempRepo, type Tree } from '../../helpers/repo.js';

const cleanup: Array<() => void> = [];
after(() => cleanup.forEach((f) => f()));
function repo(tree: Tree, options: { initialCommit?: boolean } = {}): TempRepo {
  const r = makeRepo(tree, options);
  cleanup.push(() => r.cleanup());
  return r;
}
const lint = (cwd: string, ...args: string[]) => runCli(['lint', ...args], { cwd });

const written = '\n## Purpose\n\nP.\n\n## Public API\n\nA.\n\n## Dependencies\n\nD.\n\n## Test Scenarios\n\nT.\n';
const config = (extra: object = {}) =>
  JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], ...extra });
const clean: Tree = {
  '.designrc.json': config({ stories: 'docs/stories/*.md', architecture: 'docs/architecture.md' }),
  'docs/design/a.md': `---\ntype: module\nstatus: draft\nstories: [US-1]\ndepends_on: [util/b]\n---\n${written}`,
  'docs/design/util/b.md': `---\ntype: module\nstatus: draft\n---\n${written}`,
  'docs/stories/US-1.md': '# Log in\n',
  'docs/architecture.md': '---\nstatus: draft\n---\n# Architecture\n',
  'README.md': '# not a design\n',
};
const UNKNOWN_STORY = 'Unexpected unknown story `AUTH-12`, expected the id of a story that exists';

describe('designgate lint on a clean repository', () => {
  const r = repo(clean);
  test('checks every design, the architecture and the stories; exit 0', () => {
    assert.deepEqual(lint(r.dir), { status: 0, stdout: '', stderr: 'lint: 4 documents checked, no problems\n' });
  });
  test('--json prints an empty list', () => {
    assert.deepEqual(lint(r.dir, '--json'), { status: 0, stdout: '{\n  "problems": []\n}\n', stderr: '' });
  });
  test('a folder or a file, relative to the current directory', () => {
    assert.equal(lint(r.dir, 'docs/design/util').stderr, 'lint: 1 document checked, no problems\n');
    assert.equal(lint(`${r.dir}/docs`, 'design/a.md').stderr, 'lint: 1 document checked, no problems\n');
  });
});

describe('designgate lint with problems', () => {
  const draft = `---\ntype: module\nstatus: approved\napproval:\n  digest: D\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z\n---\n${written}`;
  const r = repo({
    ...clean,
    'docs/design/a.md': `---\ntype: module\nstatus: draft\nstories: [US-1, AUTH-12]\n---\n${written}`,
    'docs/design/stale.md': draft.replace('D\n', `${designDigest('docs/design/stale.md', draft)}\n`).replace('P.', 'P, edited.'),
    'docs/design/util/b.md': '# no frontmatter\n',
  });
  test('prints `file:line:col: severity message [rule-id]` and exits 1', () => {
    const result = lint(r.dir);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout.split('\n').filter(Boolean), [
      `docs/design/a.md:4:17: error ${UNKNOWN_STORY} [known-stories]`,
      `docs/design/stale.md:5:11: error Unexpected stale approval digest, expected ${designDigest('docs/design/stale.md', r.git('show', 'HEAD:docs/design/stale.md'))} — run \`designgate approve docs/design/stale.md\` to re-approve [approval-digest]`,
      'docs/design/util/b.md:1:1: error Unexpected document without frontmatter, expected a YAML block opened by `---` on line 1 [frontmatter-present]',
    ]);
    assert.equal(result.stderr, 'lint: 5 documents checked, 3 errors, 0 warnings\n');
  });
  test('--json carries file, line, column, ruleId, severity and message', () => {
    const result = lint(r.dir, '--json', 'docs/design/a.md');
    assert.equal(result.status, 1);
    assert.deepEqual(JSON.parse(result.stdout), {
      problems: [{ file: 'docs/design/a.md', line: 4, column: 17, ruleId: 'known-stories', severity: 'error', message: UNKNOWN_STORY }],
    });
    assert.equal(result.stderr, '');
  });
  test('paths narrow the run; the facts (stories, components) still come from the whole repository', () => {
    assert.equal(lint(r.dir, 'docs/architecture.md').status, 0);
    assert.equal(lint(r.dir, 'docs/design/a.md').stdout, `docs/design/a.md:4:17: error ${UNKNOWN_STORY} [known-stories]\n`);
  });
});

describe('severity follows the gates', () => {
  const r = repo({
    '.designrc.json': config({ gates: { approval: 'warn', completeness: 'error', architecture: 'warn' } }),
    'docs/design/a.md': `---\ntype: module\nstatus: approved\n---\n${written}`,
  });
  test('warnings alone exit 0', () => {
    const result = lint(r.dir);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^docs\/design\/a\.md:3:9: warning Unexpected `status: approved` without an approval block.* \[approval-consistency\]\n$/);
    assert.equal(result.stderr, 'lint: 1 document checked, 0 errors, 1 warning\n');
  });
  test('approval off: nothing to report', () => {
    const off = repo({ '.designrc.json': config({ gates: { approval: 'off' } }), 'docs/design/a.md': `---\ntype: module\nstatus: approved\n---\n${written}` });
    assert.equal(lint(off.dir).status, 0);
  });
});

describe('a fresh draft from `designgate new`', () => {
  test('fails only on its empty sections', () => {
    const r = repo({ '.designrc.json': config(), 'src/a.ts': 'export {};\n' });
    const created = runCli(['new', 'src/a.ts'], { cwd: r.dir });
    assert.equal(created.status, 0, created.stderr);
    const result = lint(r.dir, '--json');
    assert.equal(result.status, 1);
    const problems = (JSON.parse(result.stdout) as { problems: Array<{ ruleId: string; message: string }> }).problems;
    assert.deepEqual(
      problems.map((p) => p.ruleId),
      ['required-sections', 'required-sections', 'required-sections', 'required-sections'],
    );
    for (const p of problems) assert.match(p.message, /^Unexpected empty section `## /);
  });
});

describe('nothing to lint, and mistakes', () => {
  test('a repository without designs: says so, exit 0', () => {
    const r = repo({ '.designrc.json': config(), 'src/a.ts': 'x' });
    assert.deepEqual(lint(r.dir), { status: 0, stdout: '', stderr: 'lint: no design documents to lint\n' });
    assert.deepEqual(lint(r.dir, '--json'), { status: 0, stdout: '{\n  "problems": []\n}\n', stderr: '' });
  });
  test('an untracked new design is linted too (the work tree, as `check` sees it)', () => {
    const r = repo({ '.designrc.json': config(), 'src/a.ts': 'x' });
    r.write({ 'docs/design/new.md': '# draft\n' });
    assert.equal(lint(r.dir).status, 1);
  });
  test('a path that does not exist is a usage error, exit 2', () => {
    const r = repo(clean);
    assert.deepEqual(lint(r.dir, 'docs/nope.md'), {
      status: 2,
      stdout: '',
      stderr: 'designgate: lint: no such file or folder: docs/nope.md\n  fix: give paths of design documents or folders that hold them, relative to the current directory\n',
    });
  });
  test('outside a repository with a config: exit 2 with the fix', () => {
    const r = repo({ 'README.md': 'x' });
    const result = lint(r.dir);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^designgate: /);
  });
});

describe('a monorepo: each package is linted under its own config, paths from the repository root', () => {
  test('problems name repository paths and approvals hash them', () => {
    const pkg = (name: string) => ({
      [`packages/${name}/.designrc.json`]: config(),
      [`packages/${name}/docs/design/a.md`]: `---\ntype: module\nstatus: draft\nowner: me\n---\n${written}`,
    });
    const r = repo({ ...pkg('x'), ...pkg('y') });
    const result = lint(r.dir);
    assert.equal(result.status, 1);
    assert.deepEqual(
      result.stdout.split('\n').filter(Boolean).map((l) => l.split(': ')[0]),
      ['packages/x/docs/design/a.md:4:1', 'packages/y/docs/design/a.md:4:1'],
    );
  });
});

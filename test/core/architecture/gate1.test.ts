import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkGate1 } from '../../../core/architecture/gate1.js';
import { loadWorkspace } from '../../../core/workspace.js';
import { workTreeReader } from '../../../cli/read-file.js';
import { gitEnv, makeRepo, type TempRepo, type Tree } from '../../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const config = (architecture: 'off' | 'warn' | 'error' = 'error') =>
  JSON.stringify({
    components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
    gates: { approval: 'off', completeness: 'off', architecture },
  });
const design = (deps: string[] = []) => `---\nstatus: draft\ndepends_on: [${deps.join(', ')}]\n---\n\n## Purpose\n\nWhy.\n`;
const architecture = (extra = '') =>
  `---\nstatus: draft\ncontexts:\n  core:\n    owns: [src/core/]\n    depends_on: []\n    stories: [US-1]\n  web:\n    owns: [src/web/]\n    depends_on: [core]\n${extra}---\n\n# Architecture\n`;
const story = (id: string) => `---\nid: ${id}\ntitle: Story ${id}\n---\n\nAs a user I want things so that I am happy.\n\n## Acceptance criteria\n\n- it works\n`;

const base: Tree = {
  '.designrc.json': config(),
  'docs/architecture.md': architecture(),
  'docs/stories/US-1.md': story('US-1'),
  'src/core/a.ts': 'export const a = 1;\n',
  'docs/design/core/a.md': design(),
  'src/web/page.ts': 'export const p = 1;\n',
  'docs/design/web/page.md': design(['core/a']),
};

async function gate(tree: Tree, options: { paths?: readonly string[] } = {}) {
  const r = makeRepo({ ...base, ...tree });
  repos.push(r);
  const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
  return checkGate1(ws.groups[0]!, workTreeReader(ws.repoRoot), options);
}
const lines = (problems: ReadonlyArray<{ file: string; line?: number; ruleId: string; severity: string }>) =>
  problems.map((p) => `${p.file}:${p.line ?? ''} ${p.ruleId} ${p.severity}`).sort();

describe('checkGate1 on generated repositories', () => {
  test('a repository inside its architecture passes and hands back the architecture and stories', async () => {
    const r = await gate({});
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.architecture?.contexts.map((c) => c.name), ['core', 'web']);
    assert.deepEqual([...r.stories], [['US-1', 'docs/stories/US-1.md']]);
  });

  test('a design outside any context is rejected, naming the folder its context would need', async () => {
    const r = await gate({ 'src/billing/invoice.ts': 'x', 'docs/design/billing/invoice.md': design() });
    assert.deepEqual(lines(r.problems), ['docs/design/billing/invoice.md: design-outside-architecture error']);
    assert.match(r.problems[0]!.message, /no context of the architecture owns: it would need a context owning src\/billing\//);
    assert.equal(r.problems[0]!.fix, 'add src/billing/ to the "owns" of a context in docs/architecture.md, or add a context for it');
  });

  test('a forbidden depends_on is located at the entry and names the allowed contexts', async () => {
    const r = await gate({ 'docs/design/core/a.md': design(['web/page']) });
    assert.deepEqual(lines(r.problems), ['docs/design/core/a.md:3 forbidden-dependency error']);
    assert.equal(r.problems[0]!.message, 'depends_on "web/page" reaches context "web", which context "core" may not depend on (allowed: core)');
  });

  test('a dependency cycle between contexts is reported with its path', async () => {
    const r = await gate({ 'docs/architecture.md': architecture().replace('depends_on: []', 'depends_on: [web]') });
    assert.deepEqual(lines(r.problems), ['docs/architecture.md:10 architecture-cycle error']);
    assert.match(r.problems[0]!.message, /core → web → core/);
  });

  test('a story served by nobody is reported on the story', async () => {
    const r = await gate({ 'docs/stories/US-2.md': story('US-2') });
    assert.deepEqual(lines(r.problems), ['docs/stories/US-2.md: story-unserved error']);
  });

  test('a malformed story is reported, and the gate level sets the severity', async () => {
    const r = await gate({ '.designrc.json': config('warn'), 'docs/stories/US-1.md': '---\nid: US-1\ntitle: T\n---\n\nJust text.\n' });
    assert.deepEqual(lines(r.problems), ['docs/stories/US-1.md:5 story-shape warning', 'docs/stories/US-1.md:5 story-shape warning']);
  });

  test('gates.architecture off checks nothing', async () => {
    const r = await gate({ '.designrc.json': config('off'), 'src/billing/x.ts': 'x', 'docs/design/billing/x.md': design() });
    assert.deepEqual(r.problems, []);
  });

  test('paths limit the designs checked (the staged files of a commit)', async () => {
    const r = await gate({ 'src/billing/x.ts': 'x', 'docs/design/billing/x.md': design() }, { paths: ['docs/design/web/page.md'] });
    assert.deepEqual(r.problems, []);
  });

  test('with no design in scope (a commit of code only), the architecture and the stories are still checked', async () => {
    const r = await gate({ 'docs/design/core/a.md': design(['web/page']), 'docs/stories/US-1.md': '---\nid: US-1\ntitle: T\n---\n\nJust text.\n' }, { paths: [] });
    assert.deepEqual(lines(r.problems), ['docs/stories/US-1.md:5 story-shape error', 'docs/stories/US-1.md:5 story-shape error']);
    assert.ok(r.architecture !== undefined);
  });

  test('a design in scope still has its depends_on resolved against every component', async () => {
    const r = await gate({ 'docs/design/core/a.md': design(['web/page']) }, { paths: ['docs/design/core/a.md'] });
    assert.deepEqual(lines(r.problems), ['docs/design/core/a.md:3 forbidden-dependency error']);
  });

  test('without an architecture document only the stories are checked', async () => {
    const r = await gate({ 'docs/architecture.md': null, 'src/billing/x.ts': 'x', 'docs/design/billing/x.md': design() });
    assert.equal(r.architecture, undefined);
    assert.deepEqual(r.problems, []);
  });

  test('an unapproved architecture is reported while the approval gate is on', async () => {
    const r = await gate({
      '.designrc.json': JSON.stringify({ ...JSON.parse(config()), gates: { approval: 'warn', completeness: 'off', architecture: 'error' } }),
    });
    assert.deepEqual(lines(r.problems), ['docs/architecture.md: architecture-unapproved error']);
  });
});

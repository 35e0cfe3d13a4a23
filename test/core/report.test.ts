/**
 * core/report: the data of `designgate report`, gathered from real repositories by the real gates:
 * every component state, contexts and their allowed dependencies, actual and forbidden
 * dependencies, stories (and one no file has), problems with fixes, approvers, and a verified
 * approval made by `designgate approve` with a real SSH key.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gatherReport, componentState, COMPONENT_STATES, type ReportData } from '../../core/report.js';
import { loadWorkspace } from '../../core/workspace.js';
import { BASELINE_FILE, formatBaseline } from '../../core/baseline/format.js';
import { workTreeReader } from '../../cli/read-file.js';
import { gitEnv, makeRepo, runCli, type TempRepo } from '../helpers/repo.js';
import { configText, draftDesign, generatedReportTree, smallReportTree } from '../helpers/report-project.js';
import { DESIGN, bob, cacheKeyDir, sshRepo } from './approval/helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function report(repo: TempRepo): Promise<ReportData> {
  const ws = await loadWorkspace({ cwd: repo.dir, env: gitEnv() });
  return gatherReport(ws, workTreeReader(ws.repoRoot), { env: gitEnv(), now: new Date('2026-11-25T12:00:00Z'), cacheKeyDir });
}

describe('componentState', () => {
  test("the design's own state first, then suspect, then a missing test", () => {
    assert.equal(componentState('missing', true, false), 'missing');
    assert.equal(componentState('stale', true, true), 'stale');
    assert.equal(componentState('unverified', false, true), 'unverified');
    assert.equal(componentState('approved', true, false), 'suspect');
    assert.equal(componentState('approved-unsigned', false, false), 'untested');
    assert.equal(componentState('approved', false, true), 'approved');
  });
});

describe('gatherReport on a small repository', async () => {
  const repo = makeRepo(smallReportTree());
  repos.push(repo);
  const data = await report(repo);
  const byId = new Map(data.components.map((c) => [c.id, c]));

  test('every component with the state the gates derive', () => {
    const states = Object.fromEntries(data.components.map((c) => [c.id, c.state]));
    assert.deepEqual(states, {
      'api/handler': 'approved',
      'api/missing': 'missing',
      'core/approved': 'approved',
      'core/draft': 'draft',
      'core/invalid': 'invalid',
      'core/leaky': 'draft',
      'core/stale': 'stale',
      'core/suspect': 'suspect',
      'core/untested': 'untested',
      'tools/orphan': 'draft',
    });
    assert.deepEqual(data.counts, { missing: 1, invalid: 1, draft: 3, unverified: 0, stale: 1, suspect: 1, untested: 1, approved: 2 });
    assert.deepEqual(Object.keys(data.counts), [...COMPONENT_STATES]);
  });

  test('an approved component with a scenario without a test is untested when the alignment gate is on', async () => {
    const tree = smallReportTree();
    tree['.designrc.json'] = configText({ gates: { approval: 'off', completeness: 'error', architecture: 'warn', alignment: 'warn' } });
    tree['test/api/handler.test.ts'] = "import { test } from 'node:test';\ntest('it works', () => {});\n";
    const r = makeRepo(tree);
    repos.push(r);
    const states = Object.fromEntries((await report(r)).components.map((c) => [c.id, c.state]));
    assert.equal(states['core/approved'], 'untested');
    assert.equal(states['api/handler'], 'approved');
  });

  test('paths, context, type, stories and depends_on of a component', () => {
    assert.deepEqual(byId.get('api/handler'), {
      id: 'api/handler',
      code: 'src/api/handler.ts',
      design: 'docs/design/api/handler.md',
      test: 'test/api/handler.test.ts',
      codeExists: true,
      testExists: true,
      designState: 'approved',
      state: 'approved',
      suspect: false,
      context: 'api',
      type: 'module',
      stories: ['US-1'],
      dependsOn: ['core/approved'],
      approvers: [],
    });
    assert.equal(byId.get('tools/orphan')!.context, undefined);
    assert.equal(byId.get('api/missing')!.codeExists, true);
    assert.deepEqual(byId.get('api/missing')!.stories, []);
  });

  test('contexts with what they allow, and the edges: allowed, actual, forbidden', () => {
    assert.deepEqual(data.contexts, [
      { id: 'core', name: 'core', purpose: 'The domain.', owns: ['src/core/'], dependsOn: [], stories: ['US-3'] },
      { id: 'api', name: 'api', purpose: 'HTTP handlers.', owns: ['src/api/'], dependsOn: ['core'], stories: [] },
    ]);
    assert.deepEqual(data.edges, [
      { from: 'api', to: 'core', kind: 'allowed', forbidden: false },
      { from: 'api/handler', to: 'core/approved', kind: 'actual', forbidden: false },
      { from: 'core/leaky', to: 'api/handler', kind: 'actual', forbidden: true },
    ]);
  });

  test('stories from their files, and one a design names without a file', () => {
    assert.deepEqual(data.stories, [
      { id: 'US-1', title: 'Sign in', file: 'docs/stories/US-1.md' },
      { id: 'US-2', title: 'Export data', file: 'docs/stories/US-2.md' },
      { id: 'US-3', title: 'Audit log', file: 'docs/stories/US-3.md' },
      { id: 'US-9' },
    ]);
  });

  test('problems come with their fixes; the forbidden dependency and the missing design among them', () => {
    const rules = new Set(data.problems.map((p) => p.ruleId));
    for (const rule of ['forbidden-dependency', 'missing-design', 'missing-test', 'design-outside-architecture', 'suspect-design']) assert.ok(rules.has(rule), rule);
    const forbidden = data.problems.find((p) => p.ruleId === 'forbidden-dependency')!;
    assert.equal(forbidden.file, 'docs/design/core/leaky.md');
    assert.ok(forbidden.fix);
  });

  test('approvers, notes and the head commit', () => {
    assert.deepEqual(data.approvers, [{ name: 'Jane Doe', email: 'jane@example.com', keys: 0, paths: ['**'], config: '.designrc.json', approved: 0 }]);
    assert.deepEqual(data.notes, ['docs/architecture.md is draft']);
    assert.equal(data.head, repo.git('rev-parse', '--short=12', 'HEAD').trim());
    assert.equal(data.repository, repo.dir.split('/').pop());
    assert.equal(data.generatedAt, '2026-11-25T12:00:00.000Z');
  });
});

describe('gatherReport in other repositories', () => {
  test('the adoption baseline: its size in the data (and so in --json and on the page); none gives 0', async () => {
    const tree = { '.designrc.json': configText({ gates: { approval: 'off' }, signedApprovals: false }), 'src/a.ts': '', 'src/b.ts': '', 'docs/design/a.md': draftDesign('A.'), 'test/a.test.ts': '' };
    const without = makeRepo(tree);
    const adopted = makeRepo({ ...tree, [BASELINE_FILE]: formatBaseline(['src/b.ts', 'src/c.ts']) });
    repos.push(without, adopted);
    assert.deepEqual((await report(without)).baseline, { file: BASELINE_FILE, size: 0 });
    const data = await report(adopted);
    assert.deepEqual(data.baseline, { file: BASELINE_FILE, size: 2 });
    assert.ok(!data.problems.some((p) => p.file === 'src/b.ts'), 'the baselined file needs no design');
    const json = JSON.parse(runCli(['report', '--json'], { cwd: adopted.dir }).stdout) as ReportData;
    assert.deepEqual(json.baseline, { file: BASELINE_FILE, size: 2 });
  });

  test('without an architecture: no contexts, no context on components, a note saying so', async () => {
    const repo = makeRepo({ '.designrc.json': configText({ gates: { approval: 'off' }, signedApprovals: false }), 'src/a.ts': '', 'docs/design/a.md': draftDesign('A.'), 'test/a.test.ts': '' });
    repos.push(repo);
    const data = await report(repo);
    assert.deepEqual(data.contexts, []);
    assert.equal(data.components[0]!.context, undefined);
    assert.deepEqual(data.notes, ['.designrc.json has signedApprovals off: approvals are unsigned attestations', '.designrc.json: no architecture (docs/architecture.md), so components are not grouped into contexts']);
  });

  test('a monorepo: ids, contexts and edges are prefixed by the package folder, and each design belongs to its nearest config', async () => {
    const pkg = (tree: Record<string, string | null>) => Object.fromEntries(Object.entries(tree).map(([k, v]) => [`packages/a/${k}`, v]));
    const small = smallReportTree();
    const repo = makeRepo({ ...pkg(small as Record<string, string | null>), 'README.md': 'x' });
    repos.push(repo);
    const data = await report(repo);
    assert.ok(data.components.every((c) => c.id.startsWith('packages/a/') && c.design.startsWith('packages/a/docs/design/')));
    assert.deepEqual(data.contexts.map((c) => c.id), ['packages/a/core', 'packages/a/api']);
    assert.ok(data.edges.some((e) => e.from === 'packages/a/core/leaky' && e.to === 'packages/a/api/handler' && e.forbidden));
    assert.equal(data.approvers[0]!.config, 'packages/a/.designrc.json');
  });

  test('a verified approval (designgate approve, signed with a real SSH key) names its approver', async () => {
    const repo = sshRepo(bob);
    repos.push(repo);
    const r = runCli(['approve', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    const data = await report(repo);
    const c = data.components.find((x) => x.design === DESIGN)!;
    assert.equal(c.designState, 'approved');
    assert.deepEqual(c.approvers, ['bob@x.org']);
    assert.equal(data.approvers.find((a) => a.email === bob.email)!.approved, 1);
    assert.equal(data.approvers.find((a) => a.email !== bob.email)!.approved, 0);
  });

  test('500 components: gathered in seconds, every state present, forbidden edges found', async () => {
    const repo = makeRepo(generatedReportTree({ contexts: 10, perContext: 50, stories: 30 }));
    repos.push(repo);
    const started = performance.now();
    const data = await report(repo);
    const ms = performance.now() - started;
    assert.equal(data.components.length, 500);
    assert.deepEqual(data.counts, { missing: 50, invalid: 0, draft: 50, unverified: 0, stale: 50, suspect: 0, untested: 50, approved: 300 });
    assert.equal(data.stories.length, 30);
    assert.equal(data.edges.filter((e) => e.forbidden).length, 9);
    assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
  });
});

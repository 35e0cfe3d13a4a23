import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { traceGroup, traceWorkspace, type Trace } from '../../core/trace.js';
import { loadWorkspace } from '../../core/workspace.js';
import { workTreeReader } from '../../cli/read-file.js';
import { gitEnv, makeRepo, type TempRepo, type Tree } from '../helpers/repo.js';
import { ARCHITECTURE, phoenixArchitecture, phoenixProject } from '../helpers/phoenix-project.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function trace(tree: Tree, approvals?: Map<string, string>): Promise<Trace> {
  const r = makeRepo(tree);
  repos.push(r);
  const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
  return traceWorkspace(ws, workTreeReader(ws.repoRoot), approvals === undefined ? {} : { approvals });
}

/** One line per link, so a whole trace reads as a list. */
function flat(t: Trace): string[] {
  const out: string[] = [];
  for (const s of t.stories) {
    if (s.contexts.length === 0) out.push(`${s.id} -> (no context)`);
    for (const c of s.contexts) {
      const ctx = `${c.name ?? '(outside)'}:${c.state}${c.declared ? '' : ':undeclared'}`;
      if (c.designs.length === 0) out.push(`${s.id} -> ${ctx} -> (no design)`);
      for (const d of c.designs) out.push(`${s.id} -> ${ctx} -> ${d.component}:${d.state} -> ${d.code.state} -> ${d.test.state}`);
    }
  }
  return out;
}

describe('trace', () => {
  test('every story of a Phoenix-style project, with each link\'s state', async () => {
    const t = await trace(phoenixProject());
    assert.deepEqual(t.stories.map((s) => [s.id, s.title, s.file]), [
      ['US-1', 'Sign in "fast" & <safe> #1', 'docs/stories/US-1.md'],
      ['US-2', 'Run a session', 'docs/stories/US-2.md'],
      ['US-10', 'Export invoices', 'docs/stories/US-10.md'],
    ]);
    assert.deepEqual(flat(t), [
      'US-1 -> accounts:draft -> accounts/user:approved -> present -> present',
      'US-1 -> web:draft -> (no design)',
      'US-2 -> sessions:draft -> sessions/orchestrator:approved -> present -> untested',
      'US-2 -> sessions:draft -> sessions/repo:stale -> present -> present',
      'US-2 -> web:draft -> my_app_web/controllers/session_controller:draft -> missing -> present',
      'US-2 -> accounts:draft:undeclared -> accounts/user:approved -> present -> present',
      'US-10 -> (no context)',
    ]);
    const design = t.stories[0]!.contexts[0]!.designs[0]!;
    assert.deepEqual(design, {
      component: 'accounts/user',
      design: 'docs/design/accounts/user.md',
      state: 'approved',
      code: { path: 'lib/my_app/accounts/user.ex', state: 'present' },
      test: { path: 'test/my_app/accounts/user_test.exs', state: 'present' },
    });
  });

  test('an edit of one context makes only its approved designs suspect', async () => {
    const t = await trace({ ...phoenixProject(), [ARCHITECTURE]: phoenixArchitecture('Runs and records agent sessions.') });
    const states = flat(t).filter((l) => l.includes(':approved') || l.includes(':suspect'));
    assert.deepEqual(states, [
      'US-1 -> accounts:draft -> accounts/user:approved -> present -> present',
      'US-2 -> sessions:draft -> sessions/orchestrator:suspect -> present -> untested',
      'US-2 -> accounts:draft:undeclared -> accounts/user:approved -> present -> present',
    ]);
  });

  test('verified approval states handed in replace the derived ones', async () => {
    const t = await trace(phoenixProject(), new Map([['docs/design/accounts/user.md', 'unverified']]));
    assert.equal(t.stories[0]!.contexts[0]!.designs[0]!.state, 'unverified');
  });

  test('without an architecture, designs serving a story lie outside every context', async () => {
    const t = await trace({ ...phoenixProject(), [ARCHITECTURE]: null });
    assert.deepEqual(flat(t).slice(0, 2), [
      'US-1 -> (outside):missing:undeclared -> accounts/user:approved -> present -> present',
      'US-2 -> (outside):missing:undeclared -> accounts/user:approved -> present -> present',
    ]);
  });

  test('a test file missing a scenario\'s test is untested, with the scenarios listed; the alignment gate off shows it present', async () => {
    const tree = (alignment: string): Tree => ({
      '.designrc.json': JSON.stringify({ preset: 'python', gates: { approval: 'off', alignment } }),
      'docs/stories/US-1.md': '---\nid: US-1\ntitle: Parse\n---\n\nAs a user, I want it.\n',
      'docs/design/parser.md': '---\nstatus: draft\nstories: [US-1]\n---\n\n## Purpose\n\nP.\n\n## Test Scenarios\n\n- reads a file\n- rejects tabs, naming the line\n',
      'src/parser.py': '\n',
      'tests/parser_test.py': 'def test_reads_a_file():\n    pass\n',
    });
    const warned = (await trace(tree('warn'))).stories[0]!.contexts[0]!.designs[0]!;
    assert.deepEqual(warned.test, { path: 'tests/parser_test.py', state: 'untested', scenariosWithoutTest: [{ text: 'rejects tabs, naming the line', line: 13 }] });
    const off = (await trace(tree('off'))).stories[0]!.contexts[0]!.designs[0]!;
    assert.deepEqual(off.test, { path: 'tests/parser_test.py', state: 'present' });
  });

  test('a monorepo traces each config group with its own paths', async () => {
    const nested = Object.fromEntries(Object.entries(phoenixProject()).map(([path, text]) => [`apps/my_app/${path}`, text]));
    const r = makeRepo(nested);
    repos.push(r);
    const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
    const t = await traceGroup(ws.groups[0]!, workTreeReader(ws.repoRoot));
    assert.equal(t.stories[0]!.file, 'apps/my_app/docs/stories/US-1.md');
    assert.equal(t.stories[0]!.contexts[0]!.designs[0]!.code.path, 'apps/my_app/lib/my_app/accounts/user.ex');
  });
});

/** `designgate trace` end to end: the built bin on a sample Phoenix-style project. */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeRepo, runCli, type TempRepo } from '../../helpers/repo.js';
import { phoenixProject } from '../../helpers/phoenix-project.js';
import { edgesByLabel, parseMermaidFlowchart } from '../../helpers/mermaid.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function project(): TempRepo {
  const r = makeRepo(phoenixProject());
  repos.push(r);
  return r;
}

describe('designgate trace', () => {
  test('prints the chain for every story of a Phoenix-style project', () => {
    const r = runCli(['trace'], { cwd: project().dir });
    assert.equal(r.status, 0, r.stderr);
    const stories = r.stdout.split('\n').filter((l) => /^US-/.test(l));
    assert.deepEqual(stories, ['US-1 Sign in "fast" & <safe> #1 (docs/stories/US-1.md)', 'US-2 Run a session (docs/stories/US-2.md)', 'US-10 Export invoices (docs/stories/US-10.md)']);
    assert.match(r.stdout, /^ {2}context sessions: draft\n {4}design docs\/design\/sessions\/orchestrator\.md: approved\n {6}code lib\/my_app\/sessions\/orchestrator\.ex: present\n {6}test test\/my_app\/sessions\/orchestrator_test\.exs: untested$/m);
    assert.match(r.stdout, /^ {4}design docs\/design\/sessions\/repo\.md: stale$/m);
    assert.match(r.stdout, /^ {6}code lib\/my_app_web\/controllers\/session_controller\.ex: missing$/m);
    assert.match(r.stdout, /^ {2}context: missing \(no context serves US-10, and no design lists it\)$/m);
  });

  test('--format mermaid is a flowchart that parses into the same chains', () => {
    const r = runCli(['trace', '--format', 'mermaid'], { cwd: project().dir });
    assert.equal(r.status, 0, r.stderr);
    const graph = parseMermaidFlowchart(r.stdout);
    const edges = edgesByLabel(graph);
    assert.ok(edges.includes('US-1: Sign in "fast" & <safe> #1 → context accounts (draft)'), edges.join('\n'));
    assert.ok(edges.includes('context sessions (draft) → design sessions/orchestrator (approved)'));
    assert.ok(edges.includes('design sessions/orchestrator (approved) → lib/my_app/sessions/orchestrator.ex'));
    assert.ok(edges.includes('lib/my_app/sessions/orchestrator.ex → test/my_app/sessions/orchestrator_test.exs (untested)'));
    assert.ok(edges.includes('US-2: Run a session ⇢ context accounts (draft)'));
    assert.ok(edges.includes('US-10: Export invoices → no context'));
    // Every story node starts a chain that reaches a test or a missing link.
    const from = (id: string) => graph.edges.filter((e) => e.from === id).map((e) => e.to);
    const stories = [...graph.nodes].filter(([, n]) => n.classes.includes('story')).map(([id]) => id);
    assert.equal(stories.length, 3);
    for (const s of stories) {
      const ends: string[] = [];
      const walk = (id: string) => (from(id).length === 0 ? ends.push(graph.nodes.get(id)!.label) : from(id).forEach(walk));
      walk(s);
      assert.ok(ends.every((l) => l.startsWith('test/') || l === 'no design' || l === 'no context'), ends.join(', '));
    }
  });

  test('--format markdown, --json and a bad format', () => {
    const dir = project().dir;
    const md = runCli(['trace', '--format', 'markdown'], { cwd: dir });
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^\| Story \| Context \| Design \| Code \| Test \|\n\| --- \| --- \| --- \| --- \| --- \|\n/);
    const json = runCli(['trace', '--json'], { cwd: dir });
    assert.equal(json.status, 0, json.stderr);
    const data = JSON.parse(json.stdout) as { stories: Array<{ id: string; contexts: unknown[] }> };
    assert.deepEqual(data.stories.map((s) => [s.id, s.contexts.length]), [['US-1', 2], ['US-2', 3], ['US-10', 0]]);
    assert.equal(runCli(['trace', '--format', 'json'], { cwd: dir }).stdout, json.stdout);
    const bad = runCli(['trace', '--format', 'svg'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown trace format "svg" \(known: text, json, markdown, mermaid\)/);
    assert.match(bad.stderr, /designgate trace --format text\|json\|markdown\|mermaid/);
  });
});

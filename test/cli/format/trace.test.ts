import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatTraceJson, formatTraceMarkdown, formatTraceMermaid, formatTraceText, mermaidLabel } from '../../../cli/format/trace.js';
import type { Trace, TraceDesign } from '../../../core/trace.js';
import { decodeLabel, edgesByLabel, parseMermaidFlowchart } from '../../helpers/mermaid.js';

const d = (component: string, state: string, code: 'present' | 'missing' = 'present', tested = true): TraceDesign => ({
  component,
  design: `docs/design/${component}.md`,
  state,
  code: { path: `lib/my_app/${component}.ex`, state: code },
  test: { path: `test/my_app/${component}_test.exs`, state: tested ? 'present' : 'untested' },
});

const trace: Trace = {
  stories: [
    {
      id: 'US-1',
      title: 'Sign in "fast" | <safe> & #1',
      file: 'docs/stories/US-1.md',
      contexts: [
        { name: 'accounts', state: 'approved', declared: true, designs: [d('accounts/user', 'approved')] },
        { name: 'web', state: 'approved', declared: true, designs: [] },
      ],
    },
    {
      id: 'US-2',
      title: 'Run a session',
      file: 'docs/stories/US-2.md',
      contexts: [
        { name: 'sessions', state: 'approved', declared: true, designs: [d('sessions/orchestrator', 'suspect', 'present', false), d('sessions/repo', 'stale', 'missing')] },
        { name: 'accounts', state: 'approved', declared: false, designs: [d('accounts/user', 'approved')] },
        { state: 'missing', declared: false, designs: [d('misc/util', 'draft')] },
      ],
    },
    { id: 'US-3', title: 'Export', file: 'docs/stories/US-3.md', contexts: [] },
  ],
};

describe('trace formats', () => {
  test('text is the tree of every link, naming the missing ones', () => {
    const text = formatTraceText(trace);
    assert.equal(text.split('\n')[0], 'US-1 Sign in "fast" | <safe> & #1 (docs/stories/US-1.md)');
    assert.match(text, /^ {2}context accounts: approved\n {4}design docs\/design\/accounts\/user\.md: approved\n {6}code lib\/my_app\/accounts\/user\.ex: present\n {6}test test\/my_app\/accounts\/user_test\.exs: present$/m);
    assert.match(text, /^ {2}context web: approved\n {4}design: missing \(no design of this context lists US-1 in its stories\)$/m);
    assert.match(text, /^ {6}test test\/my_app\/sessions\/orchestrator_test\.exs: untested$/m);
    assert.match(text, /^ {2}context accounts: approved \(the architecture does not list US-2 under it\)$/m);
    assert.match(text, /^ {2}context: missing \(these designs lie outside every context\)$/m);
    assert.match(text, /^US-3 Export \(docs\/stories\/US-3\.md\)\n {2}context: missing \(no context serves US-3, and no design lists it\)\n$/m);
    assert.match(formatTraceText({ stories: [] }), /^no stories found/);
  });

  test('json is the data as it is', () => {
    assert.deepEqual(JSON.parse(formatTraceJson(trace)), trace);
  });

  test('markdown has one row per design, pipes escaped and missing links marked', () => {
    const rows = formatTraceMarkdown(trace).trimEnd().split('\n');
    assert.equal(rows[0], '| Story | Context | Design | Code | Test |');
    assert.equal(rows[1], '| --- | --- | --- | --- | --- |');
    assert.equal(rows[2], '| US-1 Sign in "fast" \\| <safe> & #1 | accounts (approved) | docs/design/accounts/user.md (approved) | lib/my_app/accounts/user.ex (present) | test/my_app/accounts/user_test.exs (present) |');
    assert.equal(rows[3], '| US-1 Sign in "fast" \\| <safe> & #1 | web (approved) | *missing* |  |  |');
    assert.ok(rows.includes('| US-2 Run a session | accounts (approved, undeclared) | docs/design/accounts/user.md (approved) | lib/my_app/accounts/user.ex (present) | test/my_app/accounts/user_test.exs (present) |'));
    assert.ok(rows.includes('| US-2 Run a session | *outside every context* | docs/design/misc/util.md (draft) | lib/my_app/misc/util.ex (present) | test/my_app/misc/util_test.exs (present) |'));
    assert.equal(rows[rows.length - 1], '| US-3 Export | *missing* | *missing* |  |  |');
    // Every row has the header's five cells (unescaped pipes would add some).
    for (const row of rows) assert.equal(row.split(/(?<!\\)\|/).length - 2, 5, row);
  });

  test('mermaid parses back into the story → context → design → code → test graph', () => {
    const graph = parseMermaidFlowchart(formatTraceMermaid(trace));
    assert.equal(graph.direction, 'LR');
    assert.deepEqual(edgesByLabel(graph), [
      'US-1: Sign in "fast" | <safe> & #1 → context accounts (approved)',
      'US-1: Sign in "fast" | <safe> & #1 → context web (approved)',
      'US-2: Run a session → context sessions (approved)',
      'US-2: Run a session ⇢ context accounts (approved)',
      'US-2: Run a session ⇢ outside every context',
      'US-3: Export → no context',
      'context accounts (approved) → design accounts/user (approved)',
      'context sessions (approved) → design sessions/orchestrator (suspect)',
      'context sessions (approved) → design sessions/repo (stale)',
      'context web (approved) → no design',
      'design accounts/user (approved) → lib/my_app/accounts/user.ex',
      'design misc/util (draft) → lib/my_app/misc/util.ex',
      'design sessions/orchestrator (suspect) → lib/my_app/sessions/orchestrator.ex',
      'design sessions/repo (stale) → lib/my_app/sessions/repo.ex (missing)',
      'lib/my_app/accounts/user.ex → test/my_app/accounts/user_test.exs',
      'lib/my_app/misc/util.ex → test/my_app/misc/util_test.exs',
      'lib/my_app/sessions/orchestrator.ex → test/my_app/sessions/orchestrator_test.exs (untested)',
      'lib/my_app/sessions/repo.ex (missing) → test/my_app/sessions/repo_test.exs',
      'outside every context → design misc/util (draft)',
    ]);
    // One node per thing: accounts/user is reached from two stories but drawn once.
    const labels = [...graph.nodes.values()].map((n) => n.label);
    assert.equal(labels.filter((l) => l === 'design accounts/user (approved)').length, 1);
    // A class per state.
    const classOf = (label: string) => [...graph.nodes.values()].find((n) => n.label === label)?.classes;
    assert.deepEqual(classOf('design sessions/orchestrator (suspect)'), ['suspect']);
    assert.deepEqual(classOf('no design'), ['missing']);
    assert.deepEqual(classOf('test/my_app/sessions/orchestrator_test.exs (untested)'), ['untested']);
  });

  test('an untested link lists the scenarios without a test in text, and is drawn untested in every format', () => {
    const design: TraceDesign = { ...d('parser', 'draft'), test: { path: 'test/my_app/parser_test.exs', state: 'untested', scenariosWithoutTest: [{ text: 'rejects tabs', line: 12 }] } };
    const one: Trace = { stories: [{ id: 'US-1', title: 'Parse', file: 'docs/stories/US-1.md', contexts: [{ name: 'core', state: 'draft', declared: true, designs: [design] }] }] };
    assert.match(formatTraceText(one), /^ {6}test test\/my_app\/parser_test\.exs: untested\n {8}no test for the scenario "rejects tabs" \(docs\/design\/parser\.md:12\)$/m);
    assert.match(formatTraceMarkdown(one), /\| test\/my_app\/parser_test\.exs \(untested\) \|$/m);
    const graph = parseMermaidFlowchart(formatTraceMermaid(one));
    assert.deepEqual([...graph.nodes.values()].find((n) => n.label === 'test/my_app/parser_test.exs (untested)')?.classes, ['untested']);
  });

  test('labels are escaped with entity codes and decode to the text', () => {
    const text = 'US-1: a "b" <c> & #d';
    assert.equal(mermaidLabel(text), 'US-1: a #quot;b#quot; #lt;c#gt; #amp; #35;d');
    assert.equal(decodeLabel(mermaidLabel(text)), text);
    assert.throws(() => parseMermaidFlowchart('flowchart LR\n  end["x"]\n'), /reserved/);
    assert.throws(() => parseMermaidFlowchart('flowchart LR\n  n1["x"]\n  n1 --> n2\n'), /undeclared node n2/);
    assert.throws(() => parseMermaidFlowchart('flowchart LR\n  n1[x]\n'), /not flowchart syntax/);
  });
});

/** What a set of changes requires of its snapshot, on an in-memory snapshot read through the same reader the gates use. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { configLocator } from '../../../core/verify/governing.js';
import { checkSnapshot, lintDocuments, severityOf, stricter, type SnapshotChange } from '../../../core/verify/snapshot.js';
import type { LintRequest } from '../../../core/verify/types.js';
import { lintDocuments as realLint } from '../../../cli/check-staged.js';

const rule = { code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' };
const cfg = (gates: Record<string, string> = {}) => JSON.stringify({ components: [rule], stories: 'docs/stories/*.md', gates: { approval: 'error', completeness: 'error', ...gates } });
const DESIGN = '---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nx\n';

function snap(files: Record<string, string>) {
  const read = async (p: string) => (files[p] === undefined ? undefined : Buffer.from(files[p]));
  return { read, locate: configLocator('/repo', read) };
}

async function check(files: Record<string, string>, changes: SnapshotChange[]) {
  const s = snap(files);
  return checkSnapshot({ changes, read: s.read, locate: s.locate });
}

const summary = (problems: { file: string; ruleId: string; severity: string }[]) => problems.map((p) => `${p.file} ${p.ruleId} ${p.severity}`).sort();

describe('checkSnapshot', () => {
  test('a changed code file needs its design and its test; a test without a design is refused too', async () => {
    const found = await check({ '.designrc.json': cfg(), 'src/a.ts': 'x', 'test/b.test.ts': 't' }, [
      { status: 'A', path: 'src/a.ts' },
      { status: 'A', path: 'test/b.test.ts' },
    ]);
    assert.deepEqual(summary(found.problems), ['src/a.ts missing-design error', 'src/a.ts missing-test error', 'test/b.test.ts missing-design error']);
    assert.deepEqual(found.needs, []);
  });

  test('a present design becomes a need, once, listing every file relying on it', async () => {
    const found = await check({ '.designrc.json': cfg(), 'src/a.ts': 'x', 'test/a.test.ts': 't', 'docs/design/a.md': DESIGN }, [
      { status: 'M', path: 'src/a.ts' },
      { status: 'M', path: 'test/a.test.ts' },
    ]);
    assert.deepEqual(found.problems, []);
    assert.equal(found.needs.length, 1);
    assert.equal(found.needs[0]!.design, 'docs/design/a.md');
    assert.equal(found.needs[0]!.text, DESIGN);
    assert.deepEqual(found.needs[0]!.files, ['src/a.ts', 'test/a.test.ts']);
  });

  test('deleting a design or a test whose code remains is refused; deleting all three is fine', async () => {
    const files = { '.designrc.json': cfg(), 'src/a.ts': 'x' };
    const found = await check(files, [
      { status: 'D', path: 'docs/design/a.md' },
      { status: 'D', path: 'test/a.test.ts' },
    ]);
    assert.deepEqual(summary(found.problems), ['docs/design/a.md design-deleted error', 'test/a.test.ts test-deleted error']);
    const all = await check({ '.designrc.json': cfg() }, ['src/a.ts', 'docs/design/a.md', 'test/a.test.ts'].map((path) => ({ status: 'D' as const, path })));
    assert.deepEqual(all.problems, []);
  });

  test('a renamed design leaves the old code without one; the moved document is linted', async () => {
    const found = await check({ '.designrc.json': cfg(), 'src/a.ts': 'x', 'docs/design/b.md': DESIGN }, [{ status: 'R', path: 'docs/design/b.md', oldPath: 'docs/design/a.md' }]);
    assert.deepEqual(summary(found.problems), ['docs/design/a.md design-deleted error']);
    assert.deepEqual(found.documents.map((d) => d.path), ['docs/design/b.md']);
  });

  test('designs and stories are handed to the lint rules; unmapped files are ignored', async () => {
    const found = await check({ '.designrc.json': cfg(), 'docs/design/a.md': DESIGN, 'docs/stories/US-1.md': '# s', 'README.md': 'r' }, [
      { status: 'A', path: 'docs/design/a.md' },
      { status: 'A', path: 'docs/stories/US-1.md' },
      { status: 'A', path: 'README.md' },
    ]);
    assert.deepEqual(found.documents.map((d) => d.path), ['docs/design/a.md', 'docs/stories/US-1.md']);
    assert.deepEqual(found.problems, []);
  });

  test('gates: approval off asks for no approval; completeness warn gives warnings; both off ask for nothing', async () => {
    const files = { 'src/a.ts': 'x', 'docs/design/a.md': DESIGN };
    const off = await check({ ...files, '.designrc.json': cfg({ approval: 'off' }) }, [{ status: 'A', path: 'src/a.ts' }]);
    assert.deepEqual(off.needs, []);
    assert.deepEqual(summary(off.problems), ['src/a.ts missing-test error']);
    const warn = await check({ 'src/a.ts': 'x', '.designrc.json': cfg({ approval: 'warn', completeness: 'warn' }) }, [{ status: 'A', path: 'src/a.ts' }]);
    assert.deepEqual(summary(warn.problems), ['src/a.ts missing-design warning', 'src/a.ts missing-test warning']);
    const none = await check({ 'src/a.ts': 'x', '.designrc.json': cfg({ approval: 'off', completeness: 'off' }) }, [{ status: 'A', path: 'src/a.ts' }]);
    assert.deepEqual(none.problems, []);
  });

  test('texts come from readText when the caller shares decoded texts, blobs from read otherwise', async () => {
    const files: Record<string, string> = { '.designrc.json': cfg(), 'src/a.ts': 'x', 'test/a.test.ts': 't', 'docs/design/a.md': DESIGN };
    const s = snap(files);
    const asked: string[] = [];
    const readText = async (p: string) => (asked.push(p), files[p]);
    const found = await checkSnapshot({ changes: [{ status: 'M', path: 'src/a.ts' }], read: async () => undefined, readText, locate: s.locate });
    assert.deepEqual(found.problems, []);
    assert.equal(found.needs[0]?.text, DESIGN);
    assert.deepEqual(asked.sort(), ['docs/design/a.md', 'test/a.test.ts']);
  });

  test('stricter and severityOf', () => {
    assert.equal(stricter('off', 'warn'), 'warn');
    assert.equal(stricter('error', 'warn'), 'error');
    assert.equal(severityOf('warn'), 'warning');
    assert.equal(severityOf('error'), 'error');
  });
});

describe('lintDocuments', () => {
  test('one request per config, paths relative to the config, the snapshot listed lazily', async () => {
    const files = { 'pkg/.designrc.json': cfg(), 'pkg/docs/design/a.md': DESIGN, 'pkg/docs/stories/US-1.md': '---\nid: US-1\n---\n' };
    const s = snap(files);
    const found = await checkSnapshot({ changes: [{ status: 'A', path: 'pkg/docs/design/a.md' }], read: s.read, locate: s.locate });
    const requests: LintRequest[] = [];
    let listed = 0;
    const problems = await lintDocuments(async (r) => (requests.push(r), []), found.documents, { list: async () => (listed++, Object.keys(files)), read: s.read });
    assert.deepEqual(problems, []);
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0]!.documents, [{ path: 'docs/design/a.md', text: DESIGN }]);
    assert.equal(listed, 0, 'nothing listed until a rule asks');
    assert.deepEqual((await requests[0]!.files()).sort(), ['.designrc.json', 'docs/design/a.md', 'docs/stories/US-1.md']);
    assert.equal(await requests[0]!.read('docs/stories/US-1.md'), '---\nid: US-1\n---\n');
    assert.deepEqual(await lintDocuments(undefined, found.documents, { list: async () => [], read: s.read }), []);
  });

  test('with the real rules: repository-relative problems', async () => {
    const bad = '---\ntype: module\nstatus: draft\nstories: [US-9]\n---\n\nno sections\n';
    const files = { '.designrc.json': cfg(), 'docs/design/a.md': bad, 'docs/stories/US-1.md': '---\nid: US-1\n---\n' };
    const s = snap(files);
    const found = await checkSnapshot({ changes: [{ status: 'A', path: 'docs/design/a.md' }], read: s.read, locate: s.locate });
    const problems = await lintDocuments(realLint, found.documents, { list: async () => Object.keys(files), read: s.read });
    assert.ok(problems.some((p) => p.file === 'docs/design/a.md' && p.ruleId === 'known-stories'));
  });
});

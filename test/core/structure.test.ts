import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkStructure, type ReadText } from '../../core/structure.js';
import { loadWorkspace } from '../../core/workspace.js';
import { workTreeReader } from '../../cli/read-file.js';
import { gitEnv, makeRepo, type TempRepo, type Tree } from '../helpers/repo.js';
import { BASELINE_FILE, formatBaseline } from '../../core/baseline/format.js';
import { isDesignGateError } from '../../core/errors.js';

const design = (type: string) => `---\ntype: ${type}\nstatus: draft\n---\n\n## Purpose\n\nWhy.\n`;
const rules = { components: [{ code: 'lib/{path}.ex', design: 'docs/design/{path}.md', test: 'test/{path}_test.exs' }] };
const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
async function structureOf(tree: Tree, options: { paths?: readonly string[] } = {}, read?: (root: string) => ReadText) {
  const r = makeRepo(tree);
  repos.push(r);
  const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
  return checkStructure(ws, (read ?? workTreeReader)(ws.repoRoot), options);
}
const summary = (problems: ReadonlyArray<{ file: string; ruleId: string; severity: string }>) => problems.map((p) => `${p.file} ${p.ruleId} ${p.severity}`);

const tree: Tree = {
  '.designrc.json': JSON.stringify(rules),
  'lib/a.ex': 'a',
  'lib/ab.ex': 'ab',
  'lib/a/x.ex': 'x',
  'lib/b.ex': 'b',
  'docs/design/a.md': design('module'),
  'docs/design/ab.md': design('module'),
  'docs/design/a/x.md': design('module'),
  'docs/design/b.md': '---\ntype: module\ntype: x\n---\n',
  'test/a_test.exs': 'x',
  'test/ab_test.exs': 'x',
  'test/b_test.exs': 'x',
  'docs/design/c.md': design('gadget'),
};

describe('checkStructure', () => {
  test('a complete repository: one component per code file, no problems', async () => {
    const { components, problems } = await structureOf({
      '.designrc.json': JSON.stringify(rules),
      'lib/a.ex': 'a',
      'docs/design/a.md': design('module'),
      'test/a_test.exs': 'x',
      'README.md': '# r\n',
    });
    assert.deepEqual(problems, []);
    assert.equal(components.length, 1);
    const [c] = components;
    assert.deepEqual({ ...c, state: c?.state.state }, { code: 'lib/a.ex', design: 'docs/design/a.md', test: 'test/a_test.exs', codeExists: true, testExists: true, state: 'draft', baselined: false });
    assert.match(c?.state.digest ?? '', /^sha256:[0-9a-f]{64}$/);
  });

  test('missing test, unreadable design and unknown type, each with a fix; components in code-unit order', async () => {
    const { components, problems } = await structureOf(tree);
    assert.deepEqual(components.map((c) => `${c.code} ${c.state.state}`), ['lib/a.ex draft', 'lib/a/x.ex draft', 'lib/ab.ex draft', 'lib/b.ex invalid', 'lib/c.ex draft']);
    assert.deepEqual(summary(problems), [
      'docs/design/b.md design-unreadable error',
      'docs/design/c.md unknown-type error',
      'lib/a/x.ex missing-test error',
    ]);
    const unreadable = problems[0]!;
    assert.deepEqual([unreadable.line, unreadable.column], [3, 1]);
    assert.equal(unreadable.fix, 'fix the frontmatter of docs/design/b.md (see `designgate lint docs/design/b.md`)');
    assert.equal(problems[1]!.message, "unknown component type 'gadget' (known: module, context, schema, service, ui, cli)");
    assert.equal(problems[1]!.fix, 'use one of the known types, or add the type under "types" in .designrc.json');
    for (const p of problems) assert.ok(p.fix);
  });

  test('the reader decides what a design says (work tree or index), and is asked for designs only', async () => {
    const asked: string[] = [];
    const { components, problems } = await structureOf(tree, {}, () => async (path) => {
      asked.push(path);
      return design('service');
    });
    assert.deepEqual(asked.sort(), ['docs/design/a.md', 'docs/design/a/x.md', 'docs/design/ab.md', 'docs/design/b.md', 'docs/design/c.md']);
    assert.ok(components.every((c) => c.state.state === 'draft' && c.state.type === 'service'));
    assert.deepEqual(summary(problems), ['lib/a/x.ex missing-test error']);
  });

  test('a design the reader cannot find is missing', async () => {
    const { components } = await structureOf(tree, { paths: ['lib/a.ex'] }, () => async () => undefined);
    assert.equal(components[0]?.state.state, 'missing');
  });
});

describe('checkStructure path filtering', () => {
  const codes = async (paths: readonly string[]) => (await structureOf(tree, { paths })).components.map((c) => c.code);

  test('a file selects its component', async () => assert.deepEqual(await codes(['lib/a.ex']), ['lib/a.ex']));
  test('a design or a test path selects its component', async () => {
    assert.deepEqual(await codes(['docs/design/b.md']), ['lib/b.ex']);
    assert.deepEqual(await codes(['test/ab_test.exs']), ['lib/ab.ex']);
  });
  test('a folder, with or without a trailing slash, does not leak into a name it prefixes', async () => {
    assert.deepEqual(await codes(['lib/a']), ['lib/a/x.ex']);
    assert.deepEqual(await codes(['lib/a/']), ['lib/a/x.ex']);
  });
  test("'' and '.' select everything", async () => {
    assert.equal((await codes([''])).length, 5);
    assert.equal((await codes(['.'])).length, 5);
  });
  test('a path that selects nothing gives nothing', async () => {
    const r = await structureOf(tree, { paths: ['README.md', 'lib/none'] });
    assert.deepEqual(r, { components: [], problems: [], baseline: [] });
  });
  test('only the problems of the selected components', async () => {
    assert.deepEqual(summary((await structureOf(tree, { paths: ['lib/a'] })).problems), ['lib/a/x.ex missing-test error']);
    assert.deepEqual(summary((await structureOf(tree, { paths: ['lib/a.ex', 'docs/design/c.md'] })).problems), ['docs/design/c.md unknown-type error']);
  });
});

describe('checkStructure in a monorepo', () => {
  const pkgRules = { components: [{ code: 'src/{path}.ts', design: 'design/{path}.md', test: 'src/{path}.test.ts' }] };
  const mono: Tree = {
    'packages/a/.designrc.json': JSON.stringify({ ...pkgRules, ignore: ['*.gen.ts', '/src/skip.ts', 'src/vendor/', '!src/vendor/keep.ts'] }),
    'packages/a/src/x.ts': 'x',
    'packages/a/src/x.test.ts': 'x',
    'packages/a/design/x.md': design('module'),
    'packages/a/src/deep/y.gen.ts': 'ignored at any depth',
    'packages/a/src/skip.ts': 'ignored, anchored',
    'packages/a/src/deep/skip.ts': 'not ignored: the anchored pattern names src/skip.ts only',
    'packages/a/src/vendor/lib.ts': 'ignored folder',
    'packages/a/src/vendor/keep.ts': 're-included',
    'packages/b/.designrc.json': JSON.stringify({ ...pkgRules, gates: { completeness: 'warn' } }),
    'packages/b/src/skip.ts': 'b has no ignore',
    'packages/b/design/skip.md': design('widget'),
    'skip.ts': 'above every config',
  };

  test('each group by its own rules and ignores, with repository-relative paths in files, messages and fixes', async () => {
    const { components, problems } = await structureOf(mono);
    assert.deepEqual(components.map((c) => c.code), ['packages/a/src/deep/skip.ts', 'packages/a/src/vendor/keep.ts', 'packages/a/src/x.ts', 'packages/b/src/skip.ts']);
    assert.deepEqual(summary(problems), [
      'packages/a/src/deep/skip.ts missing-design error',
      'packages/a/src/deep/skip.ts missing-test error',
      // re-included, but its test path src/vendor/keep.test.ts is still ignored
      'packages/a/src/vendor/keep.ts mapping-conflict error',
      'packages/a/src/vendor/keep.ts missing-design error',
      'packages/b/design/skip.md unknown-type error',
      'packages/b/src/skip.ts missing-test warning',
    ]);
    const bTest = problems.find((p) => p.file === 'packages/b/src/skip.ts')!;
    assert.equal(bTest.message, 'packages/b/src/skip.ts has no test: expected packages/b/src/skip.test.ts');
    assert.equal(bTest.fix, 'create packages/b/src/skip.test.ts');
    assert.equal(problems.find((p) => p.ruleId === 'unknown-type')!.fix, 'use one of the known types, or add the type under "types" in packages/b/.designrc.json');
    assert.equal(problems[0]!.fix, 'designgate new packages/a/src/deep/skip.ts');
  });

  test('a package under packages/a gives the findings it gives at the root, prefixed', async () => {
    const atRoot = Object.fromEntries(Object.entries(mono).filter(([k]) => k.startsWith('packages/a/')).map(([k, v]) => [k.slice('packages/a/'.length), v]));
    const root = await structureOf(atRoot);
    const nested = await structureOf(mono, { paths: ['packages/a'] });
    const strip = (text: string) => text.replaceAll('packages/a/', '');
    assert.deepEqual(nested.problems.map((p) => ({ ...p, file: strip(p.file), message: strip(p.message), fix: strip(p.fix ?? '') })), root.problems);
    assert.deepEqual(nested.components.map((c) => strip(c.code)), root.components.map((c) => c.code));
  });

  test('paths select within a package', async () => {
    const { components } = await structureOf(mono, { paths: ['packages/b'] });
    assert.deepEqual(components.map((c) => c.design), ['packages/b/design/skip.md']);
  });
});

describe('checkStructure and the adoption baseline', () => {
  const adopted: Tree = {
    '.designrc.json': JSON.stringify(rules),
    'lib/legacy.ex': 'old',
    'lib/written.ex': 'old',
    'docs/design/written.md': design('module'),
    'test/written_test.exs': 'x',
    'lib/new.ex': 'new',
    [BASELINE_FILE]: formatBaseline(['lib/gone.ex', 'lib/legacy.ex', 'lib/written.ex']),
  };

  test('a baselined code file needs neither design nor test; others still do', async () => {
    const { components, problems, baseline } = await structureOf(adopted);
    assert.deepEqual(baseline, ['lib/gone.ex', 'lib/legacy.ex', 'lib/written.ex']);
    assert.deepEqual(components.filter((c) => c.baselined).map((c) => c.code), ['lib/legacy.ex']);
    assert.deepEqual(summary(problems.filter((p) => p.file.startsWith('lib/'))), ['lib/new.ex missing-design error', 'lib/new.ex missing-test error']);
  });

  test('entries whose design now exists or whose file is gone are baseline-stale-entry warnings at their line, fixed by adopt', async () => {
    const { problems } = await structureOf(adopted);
    const stale = problems.filter((p) => p.ruleId === 'baseline-stale-entry');
    assert.deepEqual(stale.map((p) => `${p.file}:${p.line} ${p.severity}`), [`${BASELINE_FILE}:4 warning`, `${BASELINE_FILE}:6 warning`]);
    assert.match(stale[0]!.message, /lib\/gone\.ex .*no longer a code file/);
    assert.match(stale[1]!.message, /lib\/written\.ex .*docs\/design\/written\.md/);
    assert.match(stale[0]!.fix ?? '', /`designgate adopt`/);
  });

  test('with paths, only the entries in scope are judged', async () => {
    const { problems } = await structureOf(adopted, { paths: ['lib/legacy.ex'] });
    assert.deepEqual(problems, []);
  });

  test('a malformed baseline stops the gate with a located CONFIG error (exit 2)', async () => {
    await assert.rejects(
      structureOf({ ...adopted, [BASELINE_FILE]: '{ "version": 1, "files": ["lib/b.ex", "lib/a.ex"] }' }),
      (e: unknown) => isDesignGateError(e) && e.code === 'CONFIG' && e.causes[0]?.line === 1 && /sorted/.test(e.causes[0]?.message ?? ''),
    );
  });
});

/**
 * `designgate adopt` through the built bin in real repositories: it writes, shrinks and grows the
 * baseline, never overwrites uncommitted edits of it, and stops on a malformed one.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_FILE, formatBaseline } from '../../../core/baseline/format.js';
import { binPath, runCli, scratch, type TempRepo } from '../../helpers/repo.js';

before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));
const temp = scratch();

const design = '---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nWhy.\n';
const config = JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], gates: { approval: 'off' } });

/** An existing code base: two design-less files, one designed, one ignored, in a monorepo package too. */
function legacy(): TempRepo {
  return temp.repo({
    '.designrc.json': config,
    'src/b.ts': 'b\n',
    'src/a.ts': 'a\n',
    'src/done.ts': 'd\n',
    'docs/design/done.md': design,
    'test/done.test.ts': 't\n',
    'packages/p/.designrc.json': JSON.stringify({ components: [{ code: 'lib/{path}.py', design: 'docs/{path}.md', test: 'tests/{path}_test.py' }], gates: { approval: 'off' } }),
    'packages/p/lib/x.py': 'x = 1\n',
  });
}

const adopt = (r: TempRepo, ...args: string[]) => runCli(['adopt', ...args], { cwd: r.dir });
const baselineOf = (r: TempRepo) => readFileSync(join(r.dir, BASELINE_FILE), 'utf8');

describe('designgate adopt', () => {
  test('writes every design-less code file of every config, sorted, says what it added and the next step; check --all then passes', () => {
    const r = legacy();
    assert.equal(runCli(['check', '--all'], { cwd: r.dir }).status, 1);
    const out = adopt(r);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(baselineOf(r), formatBaseline(['packages/p/lib/x.py', 'src/a.ts', 'src/b.ts']));
    assert.equal(baselineOf(r), '{\n  "version": 1,\n  "files": [\n    "packages/p/lib/x.py",\n    "src/a.ts",\n    "src/b.ts"\n  ]\n}\n');
    assert.match(out.stdout, /^updated \.designgate\/baseline\.json: 3 added, 0 removed, 3 files baselined$/m);
    assert.match(out.stdout, /^  \+ src\/a\.ts$/m);
    assert.match(out.stdout, /^next: commit it .*Approved-by: Name <email>.*baseline-grown/m);
    const check = runCli(['check', '--all'], { cwd: r.dir });
    assert.equal(check.status, 0, check.stdout);
  });

  test('--dry-run says the same and writes nothing; --json gives the outcome as data', () => {
    const r = legacy();
    const dry = adopt(r, '--dry-run');
    assert.equal(dry.status, 0);
    assert.match(dry.stdout, /^would update \.designgate\/baseline\.json: 3 added/m);
    assert.ok(!existsSync(join(r.dir, BASELINE_FILE)));
    const json = JSON.parse(adopt(r, '--dry-run', '--json').stdout) as Record<string, unknown>;
    assert.deepEqual(json, { file: BASELINE_FILE, dryRun: true, written: false, added: ['packages/p/lib/x.py', 'src/a.ts', 'src/b.ts'], removed: [], files: ['packages/p/lib/x.py', 'src/a.ts', 'src/b.ts'] });
    assert.ok(!existsSync(join(r.dir, BASELINE_FILE)));
  });

  test('re-run: entries whose design now exists or whose file is gone are removed; a new design-less file is added', () => {
    const r = legacy();
    adopt(r);
    r.commit({ 'docs/design/a.md': design, 'src/b.ts': null, 'src/c.ts': 'c\n' }, 'adopted, then work');
    const out = adopt(r, '--json');
    assert.deepEqual(JSON.parse(out.stdout), { file: BASELINE_FILE, dryRun: false, written: true, added: ['src/c.ts'], removed: ['src/a.ts', 'src/b.ts'], files: ['packages/p/lib/x.py', 'src/c.ts'] });
    assert.equal(baselineOf(r), formatBaseline(['packages/p/lib/x.py', 'src/c.ts']));
  });

  test('shrinking only: the next step says no approval is needed; an up-to-date baseline is left alone', () => {
    const r = legacy();
    adopt(r);
    r.commit({ 'docs/design/a.md': design }, 'adopted, then a design');
    assert.match(adopt(r).stdout, /- src\/a\.ts\nnext: commit it .*shrinking needs no approval/);
    r.commit({}, 'shrunk');
    assert.equal(adopt(r).stdout, '.designgate/baseline.json is up to date: 2 files baselined, nothing to add or remove\n');
  });

  test('refuses (exit 2) to overwrite a baseline with uncommitted edits, leaving them as they were', () => {
    const r = legacy();
    adopt(r);
    r.commit({}, 'adopted');
    r.write({ 'src/new.ts': 'n\n' });
    const edited = formatBaseline(['packages/p/lib/x.py', 'src/a.ts']);
    writeFileSync(join(r.dir, BASELINE_FILE), edited);
    const out = adopt(r);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /\.designgate\/baseline\.json has uncommitted edits/);
    assert.match(out.stderr, /git checkout -- \.designgate\/baseline\.json/);
    assert.equal(baselineOf(r), edited);
    assert.equal(adopt(r, '--dry-run').status, 0, 'a dry run writes nothing, so it may run');
  });

  test('a malformed baseline: exit 2 with file:line and the fix', () => {
    const r = legacy();
    r.write({ [BASELINE_FILE]: '{\n  "version": 1,\n  "files": ["src/b.ts", "src/a.ts"]\n}\n' });
    const out = adopt(r);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /^  \.designgate\/baseline\.json:3:\d+: files\[1\]: must come before "src\/b\.ts"/m);
    assert.match(out.stderr, /fix: .*designgate adopt/);
  });

  test('nothing to baseline: no file is written', () => {
    const r = temp.repo({ '.designrc.json': config, 'src/a.ts': 'a\n', 'docs/design/a.md': design, 'test/a.test.ts': 't\n' });
    const out = adopt(r);
    assert.equal(out.status, 0);
    assert.equal(out.stdout, 'every code file has its design: there is nothing to baseline\n');
    assert.ok(!existsSync(join(r.dir, BASELINE_FILE)));
  });

  test('takes no paths', () => {
    const out = adopt(legacy(), 'src');
    assert.equal(out.status, 2);
    assert.match(out.stderr, /adopt takes no paths/);
  });

  test('--draft drafts the design-less files instead of baselining them: --dry-run shows each prompt, contacts no model, writes nothing', () => {
    const r = legacy();
    // Without a generator block there is no model: a setup error with the fix.
    const unset = adopt(r, '--draft', '--dry-run');
    assert.equal(unset.status, 2);
    assert.match(unset.stderr, /no "generator" block/);
    const generator = { model: 'qwen2.5-coder:7b', testCommand: 'true {test}' };
    writeFileSync(join(r.dir, '.designrc.json'), JSON.stringify({ ...JSON.parse(config), generator }));
    const sub = join(r.dir, 'packages/p/.designrc.json');
    writeFileSync(sub, JSON.stringify({ ...JSON.parse(readFileSync(sub, 'utf8')), generator }));
    const out = adopt(r, '--draft', '--dry-run');
    assert.equal(out.status, 0, out.stderr);
    for (const code of ['src/a.ts', 'src/b.ts', 'lib/x.py']) assert.ok(out.stdout.includes(code), `${code} in the dry run`);
    assert.ok(!out.stdout.includes('src/done.ts'), 'a designed file is not drafted');
    assert.ok(!existsSync(join(r.dir, BASELINE_FILE)));
    assert.ok(!existsSync(join(r.dir, 'docs/design/a.md')));
  });

  test('paths are only for --draft; --draft with every file designed has nothing to do', () => {
    const r = legacy();
    const refused = adopt(r, 'src/a.ts');
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /only --draft takes code paths/);
    const done = temp.repo({ '.designrc.json': config, 'src/done.ts': 'd\n', 'docs/design/done.md': design, 'test/done.test.ts': 't\n' });
    const nothing = adopt(done, '--draft');
    assert.equal(nothing.status, 0);
    assert.match(nothing.stdout, /nothing to draft/);
  });
});

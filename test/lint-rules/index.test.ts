import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createPreset, optionsFor, presetFor, ruleIds } from '../../lint-rules/index.js';
import { designDigest } from '../../core/digest.js';
import { makeRepo, makeTempDir, projectRoot, runCli, type TempRepo, type Tree } from '../helpers/repo.js';

const cleanup: Array<() => void> = [];
after(() => cleanup.forEach((f) => f()));
function repo(tree: Tree): TempRepo {
  const r = makeRepo(tree);
  cleanup.push(() => r.cleanup());
  return r;
}

const config = {
  components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
  stories: 'docs/stories/*.md',
  architecture: 'docs/architecture.md',
  gates: { approval: 'warn', completeness: 'error', architecture: 'warn' },
};
const written = '\n## Purpose\n\nP.\n\n## Public API\n\nA.\n\n## Dependencies\n\nD.\n\n## Test Scenarios\n\nT.\n';
const basic: Tree = {
  '.designrc.json': JSON.stringify(config),
  'docs/design/a.md': `---\ntype: module\nstatus: draft\nstories: [US-1]\ndepends_on: [sub/b]\n---\n${written}`,
  'docs/design/sub/b.md': `---\ntype: module\nstatus: draft\n---\n${written}`,
  'docs/stories/login.md': '---\nid: US-1\n---\n# Log in\n',
  'docs/stories/US-2.md': '# Sign up\n',
  'docs/architecture.md': '---\nstatus: draft\n---\n# Architecture\n',
  'node_modules/pkg/docs/design/c.md': '# never walked\n',
};

describe('optionsFor and presetFor', () => {
  test('read the nearest .designrc.json and find the stories and components in the work tree', async () => {
    const r = repo(basic);
    const options = await optionsFor(join(r.dir, 'docs/design/sub'));
    assert.ok(options);
    assert.equal(options.root, r.dir);
    assert.equal(options.repoPrefix, '');
    assert.deepEqual(options.knownStories, ['US-1', 'US-2']);
    assert.deepEqual(options.knownComponents, ['a', 'sub/b']);
    assert.equal(options.architecture, 'docs/architecture.md');
    assert.equal(options.gates?.approval, 'warn');
  });

  test('a config in a package folder: paths and digests are relative to the repository through repoPrefix', async () => {
    const r = repo({ 'README.md': '# monorepo\n', ...Object.fromEntries(Object.entries(basic).map(([k, v]) => [`packages/a/${k}`, v])) });
    const options = await optionsFor(join(r.dir, 'packages/a'));
    assert.equal(options?.root, join(r.dir, 'packages/a'));
    assert.equal(options?.repoPrefix, 'packages/a/');
  });

  test('no config: undefined options and the bare preset', async () => {
    const dir = makeTempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    assert.equal(await optionsFor(dir), undefined);
    assert.deepEqual(await presetFor(dir), createPreset({}));
  });

  test('a malformed config is an error naming the file and the mistake', async () => {
    const r = repo({ '.designrc.json': '{ "components": 5 }\n' });
    await assert.rejects(optionsFor(r.dir), (error: Error) => {
      assert.match(error.message, /^designgate remark preset: \/.*\/\.designrc\.json:1:\d+: components: /);
      return true;
    });
  });

  test('presetFor carries the options to every rule', async () => {
    const r = repo(basic);
    const preset = await presetFor(r.dir);
    const entries = (preset.plugins ?? []).slice(3) as Array<[unknown, [string, { knownStories?: string[] }]]>;
    assert.equal(entries.length, ruleIds.length);
    for (const [, [, options]] of entries) assert.deepEqual(options.knownStories, ['US-1', 'US-2']);
  });
});

describe('the default export (what remark-cli and editors load)', () => {
  test('builds its options from the .designrc.json above the current directory', () => {
    const r = repo(basic);
    const index = pathToFileURL(join(projectRoot, 'lint-rules/index.ts')).href;
    const script = `const { default: preset } = await import(${JSON.stringify(index)}); const [, [, o]] = preset.plugins.at(-1); console.log(JSON.stringify({ root: o.root, stories: o.knownStories, components: o.knownComponents }));`;
    // The temp repository has no node_modules: load tsx from the project by its path.
    const tsx = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/esm/index.mjs')).href;
    const result = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: join(r.dir, 'docs'), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { root: r.dir, stories: ['US-1', 'US-2'], components: ['a', 'sub/b'] });
  });
});

// The built preset and bin: `npm test` builds first; a bare `node --test` run without dist skips these.
const distPreset = join(projectRoot, 'dist/lint-rules/index.js');
const distBin = join(projectRoot, 'dist/bin/designgate.js');
const built = existsSync(distPreset) && existsSync(distBin);

describe('remark-cli with the preset reports what `designgate lint` reports', { skip: built ? false : 'dist/ not built (run node scripts/build.mjs)' }, () => {
  test('same problems, severities and positions', () => {
    const draft = `---\ntype: module\nstatus: approved\napproval:\n  digest: D\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z\n---\n${written}`;
    const r = repo({
      ...basic,
      'docs/design/a.md': `---\ntype: module\nstatus: draft\nstories: [US-1, US-9]\ndepends_on: [sub/b, sub/c]\nowner: me\n---\n\n## Purpose\n\nOne paragraph: what this component is for and why it exists.\n`,
      'docs/design/crlf.md': `\uFEFF---\r\ntype: servce\r\nstatus: drafty\r\n---\r\n${written.replace(/\n/g, '\r\n')}`,
      'docs/design/stale.md': draft.replace('D\n', `${designDigest('docs/design/stale.md', draft)}\n`).replace('P.', 'P, edited.'),
      'docs/design/banner.md': `----\ntype: module\n----\n${written}`,
      'docs/design/tabs.md': `---\ntype: module\nstatus: draft\nstories:\n\t- US-1\n---\n${written}`,
      'docs/architecture.md': '---\nstatus: approved\n---\n# Architecture\n',
      'docs/notes.md': '# not a design: left alone\n',
    });
    const ours = runCli(['lint', '--json'], { cwd: r.dir });
    assert.equal(ours.status, 1, ours.stderr);
    const fromCli = (JSON.parse(ours.stdout) as { problems: Array<Record<string, unknown>> }).problems.map(
      (p) => `${p['file']}:${p['line']}:${p['column']} ${p['severity']} ${p['ruleId']} ${p['message']}`,
    );

    const remark = spawnSync(process.execPath, [join(projectRoot, 'node_modules/remark-cli/cli.js'), '--no-stdout', '--no-color', '--use', distPreset, 'docs'], {
      cwd: r.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    assert.equal(remark.status, 1, remark.stderr);
    const fromRemark: string[] = [];
    let file = '';
    for (const line of remark.stderr.split('\n')) {
      const m = /^ *(\d+):(\d+)(?:-\d+:\d+)? +(error|warning) +(.+?) +([a-z-]+) +designgate$/.exec(line);
      if (m) fromRemark.push(`${file}:${m[1]}:${m[2]} ${m[3]} ${m[5]} ${m[4]}`);
      else if (/^[\w.]/.test(line)) file = line.replace(/: no issues found$/, '');
    }
    assert.ok(fromRemark.length >= 10, remark.stderr);
    assert.deepEqual([...fromRemark].sort(), [...fromCli].sort());
  });
});

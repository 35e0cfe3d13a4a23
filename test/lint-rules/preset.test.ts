import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLint from 'remark-lint';
import type { PluggableList } from 'unified';
import { createPreset, designgateMessageControl, ruleIds, rules, severityOf } from '../../lint-rules/preset.js';
import { RULES_DOC_URL } from '../../lint-rules/support/report.js';
import type { DesignLintOptions, RuleId } from '../../lint-rules/support/options.js';
import { projectRoot } from '../helpers/repo.js';
import { design, run, show, where } from './helpers.js';

const fixtures = join(projectRoot, 'test/fixtures/lint-rules');
const fixtureOptions: DesignLintOptions = { ...JSON.parse(readFileSync(join(fixtures, 'options.json'), 'utf8')), root: projectRoot };
const NOT_RULES = ['index.ts', 'preset.ts', 'run.ts'];
const ruleFiles = readdirSync(join(projectRoot, 'lint-rules'), { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !NOT_RULES.includes(e.name))
  .map((e) => e.name.slice(0, -3))
  .sort();

describe('the rule registry', () => {
  test('every rule file is in the preset, and every preset rule has its file, fixtures and docs section', () => {
    assert.ok(ruleFiles.length >= 7);
    assert.deepEqual([...ruleIds].sort(), ruleFiles);
    const fixtureDirs = readdirSync(fixtures, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(fixtureDirs, ruleFiles);
    const docs = readFileSync(join(projectRoot, 'docs/rules.md'), 'utf8');
    for (const id of ruleFiles) assert.match(docs, new RegExp(`^## ${id}$`, 'm'), `docs/rules.md has no section for ${id}`);
  });

  test('each rule module default-exports the registered plugin, named designgate:<file name>', async () => {
    for (const id of ruleFiles) {
      const module = (await import(`../../lint-rules/${id}.js`)) as { default: { name: string } };
      assert.equal(module.default, rules[id as RuleId]);
      assert.equal(module.default.name, `designgate:${id}`);
    }
  });

  test('docs/rules.md is exactly what scripts/gen-rules-doc.mjs generates', () => {
    const r = spawnSync(process.execPath, [join(projectRoot, 'scripts/gen-rules-doc.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });
});

describe('the preset', () => {
  test('remark-frontmatter, then remark-lint and our message control, then every rule with its severity and the options', () => {
    const options: DesignLintOptions = { knownStories: ['US-1'] };
    const plugins = createPreset(options).plugins as PluggableList;
    assert.deepEqual(plugins[0], [remarkFrontmatter, ['yaml']]);
    assert.equal(plugins[1], remarkLint);
    assert.equal(plugins[2], designgateMessageControl);
    assert.deepEqual(plugins.slice(3), ruleIds.map((id) => [rules[id], ['error', options]]));
  });

  test('the approval rules follow gates.approval, the others are errors, and severity overrides both', () => {
    assert.equal(severityOf('approval-digest', {}), 'error');
    assert.equal(severityOf('approval-digest', { gates: { approval: 'warn' } }), 'warn');
    assert.equal(severityOf('approval-consistency', { gates: { approval: 'off' } }), 'off');
    assert.equal(severityOf('required-sections', { gates: { approval: 'off', completeness: 'off' } }), 'error');
    assert.equal(severityOf('required-sections', { severity: { 'required-sections': 'warn' } }), 'warn');
    assert.equal(severityOf('approval-digest', { gates: { approval: 'off' }, severity: { 'approval-digest': 'error' } }), 'error');
  });

  test('warn makes warnings (fatal: false); off silences the rule', async () => {
    const text = design('type: module\nstatus: approved');
    const warn = await run([createPreset({ gates: { approval: 'warn' } })], text);
    assert.deepEqual(warn.messages.map((m) => [m.ruleId, m.fatal]), [['approval-consistency', false]]);
    const off = await run([createPreset({ gates: { approval: 'off' } })], text);
    assert.deepEqual(off.messages, []);
  });

  test('`<!--lint disable <rule-id>-->` silences a rule from there on; `lint ignore` the next node', async () => {
    const text = design('type: module\nstatus: draft', '\n## Purpose\n\n<!--lint disable required-sections-->\n\n## Purpose\n');
    assert.deepEqual(show((await run([createPreset()], text)).messages), [
      '6:1-6:11: Unexpected empty section `## Purpose`, expected its content (One paragraph: what this component is for and why it exists.)',
    ]);
    assert.equal((await run([createPreset()], text.replace('disable', 'enable'))).messages.length, 5);
    const ignored = design('type: module\nstatus: draft', '\n<!--lint ignore required-sections-->\n## Purpose\n\n## Public API\n\nA.\n\n## Dependencies\n\nD.\n\n## Test Scenarios\n\nT.\n');
    assert.deepEqual(show((await run([createPreset()], ignored)).messages), []);
  });

  test('a malformed template is refused when the preset is made', () => {
    assert.throws(() => createPreset({ components: [{ code: 'a/{path}', design: 'd/{path}/{path}', test: 't/{path}' }] }), { code: 'CONFIG' });
  });
});

describe('fixtures: each rule\'s ok.md passes and its not-ok*.md gives exactly expected*.txt', () => {
  for (const id of ruleFiles) {
    const dir = join(fixtures, id);
    const names = existsSync(dir) ? readdirSync(dir).sort() : [];
    test(`${id}: ok.md has no message from any rule`, async () => {
      assert.ok(names.includes('ok.md'), `${id} has no ok.md`);
      const file = await lintFixture(id, 'ok.md');
      assert.deepEqual(show(file.messages), []);
    });
    const bad = names.filter((n) => /^not-ok(-[a-z0-9-]+)?\.md$/.test(n));
    test(`${id}: has not-ok.md`, () => assert.ok(bad.includes('not-ok.md')));
    for (const name of bad) {
      test(`${id}: ${name}`, async () => {
        const expectedFile = join(dir, name.replace(/^not-ok/, 'expected').replace(/\.md$/, '.txt'));
        const expected = readFileSync(expectedFile, 'utf8').split('\n').filter((l) => l !== '');
        assert.ok(expected.length > 0, `${expectedFile} lists no message`);
        const file = await lintFixture(id, name);
        assert.deepEqual(show(file.messages), expected);
        for (const m of file.messages) {
          assert.equal(m.ruleId, id, `${where(m)}: ${m.reason} comes from ${m.ruleId}, not ${id}`);
          assert.equal(m.source, 'designgate');
          assert.equal(m.url, `${RULES_DOC_URL}#${id}`);
          assert.equal(m.fatal, true);
          assert.equal(m.file, `test/fixtures/lint-rules/${id}/${name}`);
          assert.match(m.reason, /^Unexpected .+, expected /);
          assert.ok(m.line !== undefined && m.column !== undefined);
        }
      });
    }
  }
});

async function lintFixture(id: string, name: string) {
  const path = `test/fixtures/lint-rules/${id}/${name}`;
  return run([createPreset(fixtureOptions)], readFileSync(join(projectRoot, path), 'utf8'), path, projectRoot);
}

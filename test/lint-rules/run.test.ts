import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INTERNAL_ERROR_RULE, lintFiles } from '../../lint-rules/run.js';
import { defaultComponentTypes } from '../../core/config/component-types.js';
import { renderDraft } from '../../core/templates.js';
import { designDigest } from '../../core/digest.js';
import type { Problem } from '../../core/problem.js';
import { makeTempDir, projectRoot } from '../helpers/repo.js';
import { design } from './helpers.js';

const brief = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} [${p.ruleId}] ${p.message}`);
const one = async (text: string, options = {}) => lintFiles([{ path: 'docs/design/x.md', text }], options);

describe('lintFiles', () => {
  test('an empty list returns no problems without importing remark', async () => {
    assert.deepEqual(await lintFiles([]), []);
    // In a fresh process where remark-parse cannot be resolved, an empty run still succeeds and a
    // real one fails: so the empty run never imported it.
    const dir = makeTempDir();
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'hooks.mjs'), "export async function resolve(s, c, next) { if (s === 'remark-parse') throw new Error('remark-parse imported'); return next(s, c); }\n");
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
    const script = (files: string) =>
      `const { lintFiles } = await import(${JSON.stringify(pathToFileURL(join(projectRoot, 'lint-rules/run.ts')).href)}); console.log(JSON.stringify(await lintFiles(${files})));`;
    const spawn = (files: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--import', join(dir, 'register.mjs'), '--input-type=module', '-e', script(files)], { cwd: projectRoot, encoding: 'utf8' });
    const empty = spawn('[]');
    assert.equal(empty.stdout, '[]\n', empty.stderr);
    const real = spawn(`[{ path: 'a.md', text: '# a' }]`);
    assert.notEqual(real.status, 0);
    assert.match(real.stderr, /remark-parse imported/);
  });

  test('problems carry the repository path, position, rule id and severity, sorted', async () => {
    const text = design('type: module\nstatus: approved\nowner: me');
    const problems = await lintFiles(
      [
        { path: 'docs/design/b.md', text },
        { path: 'docs/design/a.md', text },
      ],
      { root: '/repo/pkg', repoPrefix: 'pkg/', gates: { approval: 'warn' } },
    );
    assert.deepEqual(brief(problems), [
      'pkg/docs/design/a.md:3:9 warning [approval-consistency] Unexpected `status: approved` without an approval block, expected `status: draft` until `designgate approve pkg/docs/design/a.md` approves it',
      'pkg/docs/design/a.md:4:1 error [frontmatter-schema] Unexpected frontmatter key `owner`, expected `type`, `status`, `stories`, `depends_on` or `approval`',
      'pkg/docs/design/b.md:3:9 warning [approval-consistency] Unexpected `status: approved` without an approval block, expected `status: draft` until `designgate approve pkg/docs/design/b.md` approves it',
      'pkg/docs/design/b.md:4:1 error [frontmatter-schema] Unexpected frontmatter key `owner`, expected `type`, `status`, `stories`, `depends_on` or `approval`',
    ]);
  });

  test('the digest is taken over the repository path (config prefix + path)', async () => {
    const draft = design(`type: module\nstatus: approved\napproval:\n  digest: D\n  by: [Jane <jane@example.com>]\n  at: 2026-11-20T10:00:00Z`);
    const text = draft.replace('D\n', `${designDigest('pkg/docs/design/x.md', draft)}\n`);
    assert.deepEqual(await one(text, { root: '/repo/pkg', repoPrefix: 'pkg/' }), []);
    assert.deepEqual((await one(text, { root: '/repo/pkg' })).map((p) => p.ruleId), ['approval-digest']);
  });

  test('a rule that throws becomes one located error for that file, not a crash', async () => {
    const broken = { module: { sections: null, guidance: {} } } as unknown as Record<string, never>;
    const problems = await one(design('type: module\nstatus: draft'), { types: broken });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.severity, 'error');
    assert.equal(problems[0]!.line, 1);
    assert.equal(problems[0]!.ruleId, 'required-sections');
  });

  test('INTERNAL_ERROR_RULE names the rule id used when the pipeline itself fails', () => {
    assert.equal(INTERNAL_ERROR_RULE, 'lint-internal-error');
  });
});

describe('malformed input: one located message each, never a crash', () => {
  const body = '\n## Purpose\n\nP.\n';
  const cases: Array<[string, string, string]> = [
    ['no frontmatter', '# Title\n\nText.\n', '1:1 error [frontmatter-present] Unexpected document without frontmatter, expected a YAML block opened by `---` on line 1'],
    ['unterminated frontmatter', `---\ntype: module\nstatus: draft\n${body}`, '1:1 error [frontmatter-present] Unexpected unterminated frontmatter, expected a closing `---` line'],
    ['a `----` banner on line 1', `----\ntype: module\n----\n${body}`, '1:1 error [frontmatter-present] Unexpected `----` on line 1, expected exactly `---` to open the frontmatter'],
    ['`---js` frontmatter', `---js\nrequire("child_process").execSync("touch pwned")\n---\n`, '1:1 error [frontmatter-present] Unexpected `---js` frontmatter (never read or run), expected YAML opened by `---`'],
    ['tabs in YAML', `---\ntype: module\nstatus: draft\nstories:\n\t- US-1\n---\n${body}`, '5:1 error [frontmatter-schema] Unexpected invalid frontmatter YAML (tabs are not allowed as indentation; indent with spaces), expected YAML 1.2 without anchors, aliases, tags or tab indentation'],
    ['a BOM with a bad status', `\uFEFF---\ntype: module\nstatus: done\n---\n${body}`, '3:9 error [frontmatter-schema] Unexpected status `done`, expected `draft` or `approved`'],
    ['CRLF with a bad status', `---\r\ntype: module\r\nstatus: done\r\n---\r\n${body.replace(/\n/g, '\r\n')}`, '3:9 error [frontmatter-schema] Unexpected status `done`, expected `draft` or `approved`'],
    ['binary bytes', Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a, 0x00]).toString('utf8'), '1:1 error [frontmatter-present] Unexpected document without frontmatter, expected a YAML block opened by `---` on line 1'],
  ];
  const types = { module: { sections: ['Purpose'], guidance: {} } };
  for (const [name, text, expected] of cases) {
    test(name, async () => {
      assert.deepEqual(brief(await one(text, { types })), [`docs/design/x.md:${expected}`]);
    });
  }

  test('a 5 MB document: the size, at 1:1, in well under the seconds a Markdown parse would take', async () => {
    const text = design('type: module\nstatus: draft', `${body}\n${'A line of *text* with `code`.\n\n'.repeat(170_000)}`);
    assert.ok(text.length > 5_000_000);
    const started = performance.now();
    const problems = await one(text, { types });
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
    assert.equal(problems.length, 1);
    assert.match(brief(problems)[0]!, /^docs\/design\/x\.md:1:1 error \[frontmatter-present\] Unexpected document of \d+ bytes, expected at most 1048576 bytes/);
  });
});

describe('a fresh draft fails only on its empty sections', () => {
  for (const [type, template] of Object.entries(defaultComponentTypes)) {
    const emptyOnly = (problems: readonly Problem[]) => {
      assert.equal(problems.length, template.sections.length, brief(problems).join('\n'));
      problems.forEach((p, i) => {
        assert.equal(p.ruleId, 'required-sections');
        assert.match(p.message, new RegExp(`^Unexpected empty section \`## ${template.sections[i]}\``));
      });
    };

    test(`${type}: built the way the template describes`, async () => {
      const lines = ['---', `type: ${type}`, 'status: draft', '---', ''];
      for (const section of template.sections) lines.push(`## ${section}`, '', template.guidance[section] ?? '', '');
      emptyOnly(await one(lines.join('\n'), { knownStories: ['US-1'], knownComponents: ['core/errors'] }));
    });

    test(`${type}: as \`designgate new\` renders it (core/templates.ts)`, async () => {
      const text = renderDraft({ type, template, codePath: `src/${type}.ts` });
      emptyOnly(await one(text, { knownStories: ['US-1'], knownComponents: ['core/errors'] }));
    });
  }
});

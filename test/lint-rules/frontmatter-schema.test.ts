import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/frontmatter-schema.js';
import { design, lintWith, run } from './helpers.js';

const lint = (text: string, options = {}, path?: string) => lintWith(rule, options, text, path);
const digest = `sha256:${'ab'.repeat(32)}`;
const approval = (lines: string) => design(`type: module\nstatus: approved\napproval:\n${lines}`);
const YAML = (detail: string) => `Unexpected invalid frontmatter YAML (${detail}), expected YAML 1.2 without anchors, aliases, tags or tab indentation`;

describe('frontmatter-schema: valid frontmatter', () => {
  test('every key in its right shape passes', async () => {
    const text = approval(`  digest: ${digest}\n  by: [Jane Doe <jane@example.com>, "Ann O'Neil <ann@example.org>"]\n  at: 2026-11-20T10:00:00.123Z`);
    assert.deepEqual(await lint(text.replace('status: approved', 'status: approved\nstories: [US-1]\ndepends_on: []')), []);
  });

  test('`type` may be left out: the mapping rule or the default gives it', async () => {
    assert.deepEqual(await lint(design('status: draft')), []);
  });

  test('YAML 1.1 look-alikes stay text under YAML 1.2 (`at: 2026-…` is a string, `on` is not true)', async () => {
    assert.deepEqual(await lint(approval(`  digest: ${digest}\n  by: [Jane <j@x.io>]\n  at: 2026-11-20T10:00:00Z`)), []);
  });
});

describe('frontmatter-schema: findings on the key or value at fault', () => {
  test('an unknown key is underlined, with the key it most likely meant as the fix', async () => {
    const file = await run([[rule, ['error', {}]]], design('type: module\nstatus: draft\ndepend_on: []'));
    assert.equal(file.messages.length, 1);
    const [m] = file.messages;
    assert.equal(m!.reason, 'Unexpected frontmatter key `depend_on`, expected `type`, `status`, `stories`, `depends_on` or `approval`');
    assert.deepEqual(m!.place, { start: { line: 4, column: 1 }, end: { line: 4, column: 10 } });
    assert.deepEqual(m!.expected, ['depends_on']);
  });

  test('a quoted unknown key is located too', async () => {
    assert.deepEqual(await lint(design('type: module\nstatus: draft\n"owner": x')), [
      '4:1-4:8: Unexpected frontmatter key `owner`, expected `type`, `status`, `stories`, `depends_on` or `approval`',
    ]);
  });

  test('an unconfigured type lists the configured ones as fixes', async () => {
    const types = { module: { sections: [], guidance: {} }, service: { sections: [], guidance: {} } };
    const file = await run([[rule, ['error', { types }]]], design('type: servise\nstatus: draft'));
    assert.deepEqual(file.messages.map((m) => [m.reason, m.expected]), [
      ['Unexpected component type `servise`, expected `module` or `service`', ['module', 'service']],
    ]);
  });

  test('status must be draft or approved; its absence is reported on the opening line', async () => {
    assert.deepEqual(await lint(design('type: module\nstatus: "in review"')), ['3:9-3:20: Unexpected status `in review`, expected `draft` or `approved`']);
    assert.deepEqual(await lint(design('type: module')), ['1:1-1:4: Unexpected frontmatter without `status`, expected `status: draft`']);
    assert.deepEqual(await lint(design('type: module\nstatus: true')), ['3:9-3:13: Unexpected status `true`, expected `draft` or `approved`']);
  });

  test('lists must be lists of non-empty strings, each entry once', async () => {
    assert.deepEqual(await lint(design('type: module\nstatus: draft\nstories: US-1\ndepends_on:\n  - a\n  - 3\n  - ""\n  - a')), [
      '4:10-4:14: Unexpected text as `stories`, expected a list of strings',
      '7:5-7:6: Unexpected a number in `depends_on[1]`, expected a non-empty string',
      '8:5-8:7: Unexpected empty text in `depends_on[2]`, expected a non-empty string',
      '9:5-9:6: Unexpected duplicate `a` in `depends_on`, expected each entry once',
    ]);
  });

  test('the approval block has exactly digest, by and at, each well formed', async () => {
    assert.deepEqual(await lint(approval(`  digest: sha256:ABC\n  by: []\n  at: 2026-11-20 10:00\n  note: hi`)), [
      '5:11-5:21: Unexpected approval digest `sha256:ABC`, expected `sha256:` and 64 lowercase hex digits',
      '6:7-6:9: Unexpected empty approval `by`, expected at least one `Name <email>`',
      '7:7-7:23: Unexpected approval time `2026-11-20 10:00`, expected an ISO-8601 UTC timestamp such as `2026-11-20T10:00:00Z`',
      '8:3-8:7: Unexpected approval key `note`, expected `digest`, `by`, `at` or `context`',
    ]);
    assert.deepEqual(await lint(approval(`  digest: ${digest}`)), [
      '4:1-4:9: Unexpected approval without `at`, expected `digest`, `by` and `at`',
      '4:1-4:9: Unexpected approval without `by`, expected `digest`, `by` and `at`',
    ]);
    assert.deepEqual(await lint(design('type: module\nstatus: approved\napproval: yes')), [
      '4:11-4:14: Unexpected text as `approval`, expected a mapping with `digest`, `by` and `at`',
    ]);
  });

  test('the approval block may record the digest of its context entry', async () => {
    const at = '  at: 2026-11-20T10:00:00Z';
    assert.deepEqual(await lint(approval(`  digest: ${digest}\n  by: [Jane <j@x.io>]\n${at}\n  context: ${digest}`)), []);
    assert.deepEqual(await lint(approval(`  digest: ${digest}\n  by: [Jane <j@x.io>]\n${at}\n  context: core`)), [
      '8:12-8:16: Unexpected approval context `core`, expected `sha256:` and 64 lowercase hex digits',
    ]);
  });

  test('approvers are `Name <email>`, each once; a timestamp must be a real UTC time', async () => {
    assert.deepEqual(await lint(approval(`  digest: ${digest}\n  by:\n    - jane@example.com\n    - Jane <jane@example.com>\n    - Jane <jane@example.com>\n  at: 2026-02-30T10:00:00Z`)), [
      '7:7-7:23: Unexpected approver `jane@example.com`, expected `Name <email>`',
      '9:7-9:30: Unexpected duplicate `Jane <jane@example.com>` in `approval.by`, expected each entry once',
      '10:7-10:27: Unexpected approval time `2026-02-30T10:00:00Z`, expected an ISO-8601 UTC timestamp such as `2026-11-20T10:00:00Z`',
    ]);
    assert.deepEqual(await lint(approval(`  digest: ${digest}\n  by: [Jane <j@x.io>]\n  at: 2026-11-20T10:00:00+01:00`)), [
      '7:7-7:32: Unexpected approval time `2026-11-20T10:00:00+01:00`, expected an ISO-8601 UTC timestamp such as `2026-11-20T10:00:00Z`',
    ]);
  });
});

describe('frontmatter-schema: YAML the strict reader refuses, at its position', () => {
  test('duplicate keys, tab indentation, anchors and aliases', async () => {
    assert.deepEqual(await lint(design('type: module\nstatus: draft\nstatus: approved')), [`4:1: ${YAML("duplicate key 'status'")}`]);
    assert.deepEqual(await lint(design('type: module\nstatus: draft\nstories:\n\t- US-1')), [`5:1: ${YAML('tabs are not allowed as indentation; indent with spaces')}`]);
    assert.deepEqual(await lint(design('type: &t module\nstatus: draft\nstories: [*t]')), [
      `2:7: ${YAML('anchors are not allowed in frontmatter (`&name`); write the value out')}`,
      `4:11: ${YAML('aliases are not allowed in frontmatter (`*name` refers to an anchor)')}`,
    ]);
  });

  test('CRLF and a BOM do not move the positions', async () => {
    const text = `\uFEFF${design('type: module\nstatus: drafty')}`.replace(/\n/g, '\r\n');
    assert.deepEqual(await lint(text), ['3:9-3:15: Unexpected status `drafty`, expected `draft` or `approved`']);
  });

  test('a broken frontmatter block is frontmatter-present\'s finding, not this rule\'s', async () => {
    assert.deepEqual(await lint('---\ntype: module\n'), []);
    assert.deepEqual(await lint('# no frontmatter\n'), []);
  });
});

describe('frontmatter-schema: other documents', () => {
  const options = { components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], architecture: 'docs/architecture.md', stories: 'docs/stories/*.md' };

  test('the architecture keeps its own keys; its status and approval are checked', async () => {
    assert.deepEqual(await lint(design('contexts: [core]\nstatus: draft'), options, 'docs/architecture.md'), []);
    assert.deepEqual(await lint(design('contexts: [core]\nstatus: ok\napproval:\n  digest: x'), options, 'docs/architecture.md'), [
      '3:9-3:11: Unexpected status `ok`, expected `draft` or `approved`',
      '4:1-4:9: Unexpected approval without `at`, expected `digest`, `by` and `at`',
      '4:1-4:9: Unexpected approval without `by`, expected `digest`, `by` and `at`',
      '5:11-5:12: Unexpected approval digest `x`, expected `sha256:` and 64 lowercase hex digits',
    ]);
  });

  test('a story only needs readable YAML', async () => {
    assert.deepEqual(await lint(design('id: US-1\nowner: me'), options, 'docs/stories/US-1.md'), []);
    assert.deepEqual(await lint(design('id: US-1\nid: US-2'), options, 'docs/stories/US-1.md'), [`3:1: ${YAML("duplicate key 'id'")}`]);
  });
});

describe('frontmatter-schema: the shipped schema', () => {
  const samples: unknown[] = [
    { status: 'draft' },
    { type: 'module', status: 'approved', approval: { digest: `sha256:${'0'.repeat(64)}`, by: ['A B <a@b.c>'], at: '2026-11-20T10:00:00Z' } },
    { status: 'draft', owner: 'x' },
    { status: 'done', stories: 'US-1', depends_on: ['a', 'a'] },
    { status: 'approved', approval: { digest: 'sha256:x', by: [], at: 'now', extra: 1 } },
  ];

  test('the validator compiled at runtime and the one the build precompiles agree', async () => {
    const { compileValidator, defaultPrecompiledFile } = await import('../../core/config/schema-validator.js');
    const { existsSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const runtime = compileValidator('design-frontmatter');
    const file = defaultPrecompiledFile('design-frontmatter');
    const precompiled = existsSync(file) ? (createRequire(import.meta.url)(file) as typeof runtime) : runtime;
    for (const sample of samples) {
      assert.equal(precompiled(sample), runtime(sample), JSON.stringify(sample));
      assert.deepEqual(precompiled.errors?.map((e) => [e.instancePath, e.keyword]), runtime.errors?.map((e) => [e.instancePath, e.keyword]));
    }
    assert.deepEqual(samples.map((s) => runtime(s)), [true, true, false, false, false]);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { VFile } from 'vfile';
import { configRelativePath, designDocument } from '../../../lint-rules/support/document.js';
import type { DesignLintOptions } from '../../../lint-rules/support/options.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
function read(text: string, options: DesignLintOptions | undefined = {}, path: string | null = 'docs/design/a.md', cwd = '/repo') {
  const file = new VFile({ value: text, cwd, ...(path === null ? {} : { path }) });
  const tree = processor.parse(file);
  return { file, tree, doc: designDocument(tree, file, options) };
}

describe('designDocument', () => {
  test('reads the frontmatter once per file and options, and again when either changes', () => {
    const options = {};
    const { file, tree, doc } = read('---\ntype: ui\nstatus: draft\n---\n# T\n', options);
    assert.equal(designDocument(tree, file, options), doc);
    assert.notEqual(designDocument(tree, file, {}), doc);
    file.value = '---\ntype: cli\n---\n';
    assert.equal(designDocument(tree, file, options).type, 'cli');
  });

  test('data, locate and the body start come from the core reader', () => {
    const { doc } = read('\uFEFF---\r\ntype: ui\r\nstatus: draft\r\n---\r\n# T\r\n');
    assert.ok(doc.frontmatter.ok);
    if (!doc.frontmatter.ok) return;
    assert.deepEqual(doc.frontmatter.data, { type: 'ui', status: 'draft' });
    assert.deepEqual(doc.frontmatter.locate(['status']), { line: 3, column: 9 });
    assert.equal(doc.bodyStartLine, 5);
    assert.equal(doc.type, 'ui');
    assert.deepEqual(doc.template?.sections.slice(0, 2), ['Purpose', 'User Interface']);
    assert.deepEqual(doc.lines()[1], 'type: ui');
  });

  test('each way of failing is told apart', () => {
    assert.deepEqual(pick(read('# T\n').doc.frontmatter), { ok: false, stage: 'split', opening: '# T' });
    assert.deepEqual(pick(read('----\n').doc.frontmatter), { ok: false, stage: 'split', opening: '----' });
    const yaml = read('---\na: 1\na: 2\n---\n').doc.frontmatter;
    assert.equal(yaml.ok === false && yaml.stage, 'yaml');
    const big = read(`---\n---\n${'x'.repeat(1024 * 1024 + 1)}`).doc.frontmatter;
    assert.equal(big.ok === false && big.stage, 'size');
  });

  test('the body of a document whose frontmatter remark read but the core refused starts after it', () => {
    // A lone CR ends lines for remark but not for the core's splitter.
    const { doc } = read('---\rtype: ui\r---\r## Purpose\r');
    assert.equal(doc.frontmatter.ok, false);
    assert.equal(doc.bodyStartLine, 4);
  });

  test('the effective type: frontmatter, then the mapping rule, then defaultType, then module', () => {
    const components = [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts', type: 'service' }];
    assert.equal(read('---\ntype: ui\n---\n', { components }).doc.type, 'ui');
    assert.equal(read('---\nstatus: draft\n---\n', { components }).doc.type, 'service');
    assert.equal(read('---\nstatus: draft\n---\n', { defaultType: 'schema' }).doc.type, 'schema');
    assert.equal(read('# none\n').doc.type, 'module');
    assert.equal(read('---\ntype: widget\n---\n').doc.template, undefined);
    assert.equal(read('---\ntype: toString\n---\n').doc.template, undefined, 'no prototype keys');
  });

  test('paths: config-relative and repository-relative; none for an unsaved buffer', () => {
    const { doc } = read('# x\n', { root: '/repo/pkg', repoPrefix: 'pkg/' }, 'docs/design/a.md', '/repo/pkg');
    assert.equal(doc.path, 'docs/design/a.md');
    assert.equal(doc.repoPath, 'pkg/docs/design/a.md');
    const buffer = read('# x\n', {}, null);
    assert.equal(buffer.doc.path, undefined);
    assert.equal(buffer.doc.kind, 'design');
  });
});

describe('configRelativePath', () => {
  test('relative to root when given, else to the file cwd; outside it: undefined', () => {
    assert.equal(configRelativePath(new VFile({ path: '/r/docs/a.md', cwd: '/x' }), { root: '/r' }), 'docs/a.md');
    assert.equal(configRelativePath(new VFile({ path: 'docs/a.md', cwd: '/r' }), {}), 'docs/a.md');
    assert.equal(configRelativePath(new VFile({ path: '/elsewhere/a.md', cwd: '/r' }), { root: '/r' }), undefined);
    assert.equal(configRelativePath(new VFile({ cwd: '/r' }), {}), undefined);
  });
});

function pick(read: unknown): unknown {
  const { ok, stage, opening } = read as { ok: boolean; stage: string; opening: string };
  return { ok, stage, opening };
}

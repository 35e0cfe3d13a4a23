import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/frontmatter-present.js';
import { design, GOOD_BODY, lintWith } from './helpers.js';

const lint = (text: string, options = {}, path?: string) => lintWith(rule, options, text, path);
const NONE = 'Unexpected document without frontmatter, expected a YAML block opened by `---` on line 1';

describe('frontmatter-present', () => {
  test('a document with a frontmatter block passes, even an empty one', async () => {
    assert.deepEqual(await lint(design('type: module\nstatus: draft')), []);
    assert.deepEqual(await lint('---\n---\n# x\n'), []);
  });

  test('a BOM, CRLF line ends, trailing blanks on the delimiters and a closing `---` at EOF are fine', async () => {
    assert.deepEqual(await lint(`\uFEFF${design('type: module')}`), []);
    assert.deepEqual(await lint(design('type: module').replace(/\n/g, '\r\n')), []);
    assert.deepEqual(await lint('--- \t\ntype: module\n---  \n# x\n'), []);
    assert.deepEqual(await lint('---\ntype: module\n---'), []);
  });

  test('no frontmatter is reported at 1:1, also when `---` comes after a blank line', async () => {
    assert.deepEqual(await lint(GOOD_BODY), [`1:1: ${NONE}`]);
    assert.deepEqual(await lint(`\n${design('type: module')}`), [`1:1: ${NONE}`]);
    assert.deepEqual(await lint(''), [`1:1: ${NONE}`]);
  });

  test('a `----` banner is reported over the banner, with `---` as the fix', async () => {
    assert.deepEqual(await lint('-----\ntype: module\n-----\n'), ['1:1-1:6: Unexpected `-----` on line 1, expected exactly `---` to open the frontmatter']);
  });

  test('`---js` and `---yaml` frontmatter is refused, not read', async () => {
    assert.deepEqual(await lint('---js\nmodule.exports = {}\n---\n'), ['1:1-1:6: Unexpected `---js` frontmatter (never read or run), expected YAML opened by `---`']);
    assert.deepEqual(await lint('---yaml\ntype: module\n---\n'), ['1:1-1:8: Unexpected `---yaml` frontmatter (never read or run), expected YAML opened by `---`']);
  });

  test('an unterminated block is reported on its opening line, also with a BOM and CRLF', async () => {
    const message = '1:1-1:4: Unexpected unterminated frontmatter, expected a closing `---` line';
    assert.deepEqual(await lint('---\ntype: module\n\n## Purpose\n'), [message]);
    assert.deepEqual(await lint('\uFEFF---\r\ntype: module\r\n'), [message]);
    assert.deepEqual(await lint('---'), [message]);
  });

  test('a document over 1 MiB is reported once at 1:1', async () => {
    const big = design('type: module', `\n${'x'.repeat(1024 * 1024)}\n`);
    const messages = await lint(big);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /^1:1: Unexpected document of \d+ bytes, expected at most 1048576 bytes/);
  });

  test('binary bytes give a located message, not a crash', async () => {
    const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x2d, 0x2d, 0x2d, 10, 0x80]).toString('utf8');
    assert.deepEqual(await lint(binary), [`1:1: ${NONE}`]);
  });

  test('a story may go without frontmatter, but a broken block in one is still reported', async () => {
    const options = { components: [], stories: 'docs/stories/*.md' };
    assert.deepEqual(await lint('# US-1\n', options, 'docs/stories/US-1.md'), []);
    assert.deepEqual(await lint('---\nid: US-1\n', options, 'docs/stories/US-1.md'), [
      '1:1-1:4: Unexpected unterminated frontmatter, expected a closing `---` line',
    ]);
  });

  test('files that are not design documents under the mapping are left alone', async () => {
    const options = { components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] };
    assert.deepEqual(await lint('# Read me\n', options, 'README.md'), []);
    assert.deepEqual(await lint('# Design\n', options, 'docs/design/a.md'), [`1:1: ${NONE}`]);
  });
});

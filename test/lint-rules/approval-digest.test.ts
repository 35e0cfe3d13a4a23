import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/approval-digest.js';
import { designDigest } from '../../core/digest.js';
import { design, lintWith, run } from './helpers.js';

const BODY = '\n## Purpose\n\nKeeps sessions.\n';
/** An approved design whose digest is right for `repoPath`. */
function approved(repoPath: string, body = BODY, digestFor = repoPath): string {
  const draft = design(`type: module\nstatus: approved\napproval:\n  digest: DIGEST\n  by: [Jane <jane@example.com>]\n  at: 2026-11-20T10:00:00Z`, body);
  return draft.replace('DIGEST', designDigest(digestFor, draft.replace('DIGEST', `sha256:${'0'.repeat(64)}`)));
}
const stale = (digest: string, file: string) => `Unexpected stale approval digest, expected ${digest} — run \`designgate approve ${file}\` to re-approve`;

describe('approval-digest', () => {
  test('a digest that matches the document passes', async () => {
    assert.deepEqual(await lintWith(rule, {}, approved('docs/design/x.md'), 'docs/design/x.md'), []);
  });

  test('CRLF, a BOM, trailing blanks and reformatted YAML keep the digest', async () => {
    const text = approved('docs/design/x.md');
    assert.deepEqual(await lintWith(rule, {}, `\uFEFF${text.replace(/\n/g, '  \r\n')}`, 'docs/design/x.md'), []);
    assert.deepEqual(await lintWith(rule, {}, text.replace('type: module', 'type: "module"   # reformatted'), 'docs/design/x.md'), []);
  });

  test('an edited body makes it stale: reported on the digest value, naming the fresh digest and the command', async () => {
    const text = approved('docs/design/x.md').replace('Keeps sessions.', 'Keeps sessions and caches.');
    const file = await run([[rule, ['error', {}]]], text, 'docs/design/x.md');
    assert.equal(file.messages.length, 1);
    const [m] = file.messages;
    assert.equal(m!.reason, stale(designDigest('docs/design/x.md', text), 'docs/design/x.md'));
    assert.deepEqual(m!.place, { start: { line: 5, column: 11 }, end: { line: 5, column: 82 } });
    // No quick fix: rewriting the digest in an editor would be an approval nobody reviewed.
    assert.equal(m!.expected, undefined);
  });

  test('a digested frontmatter key changed (depends_on) makes it stale; status does not', async () => {
    const text = approved('docs/design/x.md');
    assert.equal((await lintWith(rule, {}, text.replace('type: module', 'type: module\ndepends_on: [a]'), 'docs/design/x.md')).length, 1);
    assert.deepEqual(await lintWith(rule, {}, text.replace('status: approved', 'status: draft'), 'docs/design/x.md'), []);
  });

  test('an approval copied to another file (or a moved design) is stale: the path is hashed', async () => {
    const text = approved('docs/design/x.md');
    assert.deepEqual(await lintWith(rule, {}, text, 'docs/design/y.md'), [`5:11-5:82: ${stale(designDigest('docs/design/y.md', text), 'docs/design/y.md')}`]);
  });

  test('the repository path is root-relative plus repoPrefix (a monorepo package)', async () => {
    const text = approved('packages/a/docs/design/x.md');
    const options = { root: '/repo/packages/a', repoPrefix: 'packages/a/' };
    const file = await run([[rule, ['error', options]]], text, 'docs/design/x.md', '/repo/packages/a');
    assert.deepEqual(file.messages, []);
    const absolute = await run([[rule, ['error', options]]], text, '/repo/packages/a/docs/design/x.md', '/elsewhere');
    assert.deepEqual(absolute.messages, []);
    const wrong = await run([[rule, ['error', { root: '/repo/packages/a' }]]], text, 'docs/design/x.md', '/repo/packages/a');
    assert.equal(wrong.messages.length, 1);
  });

  test('silent without an approval, with a malformed digest, unreadable frontmatter or no path', async () => {
    assert.deepEqual(await lintWith(rule, {}, design('type: module\nstatus: draft')), []);
    assert.deepEqual(await lintWith(rule, {}, approved('docs/design/x.md').replace(/sha256:[0-9a-f]+/, 'sha256:xyz'), 'docs/design/other.md'), []);
    assert.deepEqual(await lintWith(rule, {}, '---\napproval:\n  digest: 1\n'), []);
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const { VFile } = await import('vfile');
    const processor = unified().use(remarkParse).use(rule as never, ['error', {}] as never);
    const buffer = new VFile({ value: approved('docs/design/x.md').replace('Keeps', 'Changed') });
    await processor.run(processor.parse(buffer), buffer);
    assert.deepEqual(buffer.messages, []);
  });
});

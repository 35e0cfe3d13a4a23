import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { designDigest } from '../../../core/digest.js';
import { makeRepo, makeTempDir, runCli } from '../../helpers/repo.js';

const text = '---\ntype: module\nstatus: draft\ndepends_on: [core/errors]\n---\n\n## Purpose\n\nÜber alles.\n';
const path = 'docs/design/core/a.md';
const digest = designDigest(path, text);
const approved = text.replace('status: draft\n', `status: approved\napproval:\n  digest: ${digest}\n  by: [Jane Doe <jane@example.com>]\n`);
// No .designrc.json: a digest needs only the document and its repository path.
const repo = makeRepo({
  [path]: text,
  'docs/design/core/approved.md': approved.replace(digest, designDigest('docs/design/core/approved.md', text)),
  'docs/design/core/stale.md': approved,
  'docs/design/core/bad.md': '---\ntype: module\ntype: service\n---\nbody\n',
});
const outside = makeTempDir();
after(() => {
  repo.cleanup();
  rmSync(outside, { recursive: true, force: true });
});
const digestOf = (cwd: string, ...args: string[]) => runCli(['digest', ...args], { cwd });

describe('digest', () => {
  test('prints sha256:<64 hex>, exactly designDigest of the document at its repository path', () => {
    const r = digestOf(repo.dir, path);
    assert.deepEqual(r, { status: 0, stdout: `${digest}\n`, stderr: '' });
    assert.match(r.stdout, /^sha256:[0-9a-f]{64}\n$/);
  });

  test('from a subfolder the repository path is still what is hashed', () => {
    assert.equal(digestOf(join(repo.dir, 'docs/design'), 'core/a.md').stdout, `${digest}\n`);
  });

  test('--json: file, digest, approved digest and state', () => {
    assert.deepEqual(JSON.parse(digestOf(repo.dir, path, '--json').stdout), { file: path, digest, approvedDigest: null, state: 'draft' });
    const a = designDigest('docs/design/core/approved.md', text);
    assert.deepEqual(JSON.parse(digestOf(repo.dir, 'docs/design/core/approved.md', '--json').stdout), {
      file: 'docs/design/core/approved.md',
      digest: a,
      approvedDigest: a,
      state: 'approved',
    });
    // the approval was recorded for docs/design/core/a.md: copied to another path it is stale
    assert.deepEqual(JSON.parse(digestOf(repo.dir, 'docs/design/core/stale.md', '--json').stdout), {
      file: 'docs/design/core/stale.md',
      digest: designDigest('docs/design/core/stale.md', text),
      approvedDigest: digest,
      state: 'stale',
    });
  });

  test('a CRLF copy at the same path has the same digest; the same text elsewhere does not', () => {
    const crlf = makeRepo({ [path]: text.replace(/\n/g, '\r\n'), 'docs/other.md': text });
    try {
      assert.equal(digestOf(crlf.dir, path).stdout, `${digest}\n`);
      assert.notEqual(digestOf(crlf.dir, 'docs/other.md').stdout, `${digest}\n`);
    } finally {
      crlf.cleanup();
    }
  });

  test('invalid frontmatter: exit 1 with file:line:col', () => {
    assert.deepEqual(digestOf(repo.dir, 'docs/design/core/bad.md'), {
      status: 1,
      stdout: '',
      stderr:
        'designgate: docs/design/core/bad.md has no readable frontmatter, so it has no digest\n' +
        "  docs/design/core/bad.md:3:1: duplicate key 'type'\n" +
        '  fix: fix the frontmatter of docs/design/core/bad.md\n',
    });
  });

  test('a file that cannot be read: exit 2', () => {
    assert.deepEqual(digestOf(repo.dir, 'docs/none.md'), {
      status: 2,
      stdout: '',
      stderr: 'designgate: cannot read docs/none.md\n  fix: check the path (relative to the current directory)\n',
    });
    assert.equal(digestOf(repo.dir, 'docs').status, 2);
  });

  test('zero or two paths: exit 2', () => {
    const expected = { status: 2, stdout: '', stderr: 'designgate: digest: give exactly one design document\n  fix: run `designgate digest --help`\n' };
    assert.deepEqual(digestOf(repo.dir), expected);
    assert.deepEqual(digestOf(repo.dir, path, path), expected);
  });

  test('outside a repository, or a path outside it: exit 2', () => {
    const r = digestOf(outside, 'a.md');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `designgate: ${outside} is not inside a git repository\n  fix: run \`git init\` first, or run designgate inside your repository\n`);
    assert.equal(digestOf(repo.dir, '../a.md').status, 2);
  });
});

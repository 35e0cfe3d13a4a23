import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIGEST_PATTERN,
  designDigest,
  digestInput,
  digestOf,
  normaliseBody,
  normaliseRepoPath,
} from '../../core/digest.js';
import { readFrontmatter } from '../../core/frontmatter.js';
import { DesignGateError } from '../../core/errors.js';
import { projectRoot } from '../helpers/repo.js';

const fixtures = join(projectRoot, 'test/fixtures/digest');
const fixture = (file: string) => readFileSync(join(fixtures, file), 'utf8');
interface Vector {
  file: string;
  repoPath: string;
  digest: string;
}
const vectors = (JSON.parse(fixture('vectors.json')) as { vectors: Vector[] }).vectors;

const PATH = 'docs/design/core/example.md';
const BASE = `---
type: module
stories: [US-1, US-2]
depends_on: [core/errors, core/frontmatter]
status: draft
---
## Purpose
Reads design documents strictly.

## Public API
- \`read(text)\`: returns the data.
`;

describe('golden vectors', () => {
  test('there are at least 8 documents', () => assert.ok(vectors.length >= 8));

  for (const vector of vectors) {
    test(`${vector.file} → ${vector.digest.slice(0, 19)}…`, () => {
      assert.match(vector.digest, DIGEST_PATTERN);
      assert.equal(designDigest(vector.repoPath, fixture(vector.file)), vector.digest);
    });
  }

  test('vector 01 re-derived by hand with node:crypto, without our canonical JSON or normaliser', () => {
    // Written out from the definition in docs/design/core/digest.md: status dropped, keys sorted,
    // the body after the closing --- with its final newline removed.
    const input =
      'designgate-digest-v1\n' +
      'docs/design/01-minimal.md\n' +
      '{"depends_on":["core/errors"],"type":"module"}\n' +
      '\n## Purpose\nReads things.\n\n## Public API\n- `read(x)`: returns the thing.';
    const expected = 'sha256:' + createHash('sha256').update(Buffer.from(input, 'utf8')).digest('hex');
    assert.equal(vectors.find((v) => v.file === '01-minimal.md')?.digest, expected);
    assert.equal(digestInput('docs/design/01-minimal.md', readFrontmatter(fixture('01-minimal.md'), 'x')), input);
  });

  test('vector 05 re-derived by hand: NFC strings, UTF-8 bytes, code-unit key order', () => {
    const input =
      'designgate-digest-v1\ndocs/design/05-unicode-nfc.md\n' +
      '{"owner":"Jos\u00e9 M\u00fcller","r\u00e9sum\u00e9":["caf\u00e9","na\u00efve"],"type":"module"}\n' +
      '## Purpose\n\u00dcn\u00efc\u00f6d\u00e9 text: cr\u00e8me br\u00fbl\u00e9e, \ud55c\uad6d\uc5b4, emoji \ud83d\ude00.';
    const expected = 'sha256:' + createHash('sha256').update(Buffer.from(input, 'utf8')).digest('hex');
    assert.equal(designDigest('docs/design/05-unicode-nfc.md', fixture('06-unicode-nfd.md')), expected);
  });
});

describe('the same digest', () => {
  const base = designDigest(PATH, BASE);
  const same: Array<[string, string]> = [
    ['CRLF line ends', BASE.replace(/\n/g, '\r\n')],
    ['a BOM', '\ufeff' + BASE],
    ['trailing spaces and tabs on lines and delimiters', BASE.replace(/\n/g, ' \t\n')],
    ['trailing blank lines', BASE + '\n\n\n'],
    ['no final newline', BASE.slice(0, -1)],
    ['block lists', BASE.replace('stories: [US-1, US-2]', 'stories:\n  - US-1\n  - US-2')],
    ['another key order', BASE.replace('type: module\nstories: [US-1, US-2]\n', 'stories: [US-1, US-2]\ntype: module\n')],
    ['quoting', BASE.replace('type: module', `type: "module"`).replace('[US-1, US-2]', `['US-1', "US-2"]`)],
    ['comments', BASE.replace('type: module', 'type: module # the generic kind')],
    ['a changed status', BASE.replace('status: draft', 'status: approved')],
    ['no status', BASE.replace('status: draft\n', '')],
    ['an added approval', BASE.replace('status: draft', 'status: approved\napproval:\n  digest: sha256:' + 'a'.repeat(64) + '\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z')],
  ];
  for (const [name, text] of same) {
    test(name, () => assert.equal(designDigest(PATH, text), base));
  }

  test('NFD vs NFC in body, values, keys and path', () => {
    const nfc = '---\ntype: module\nowner: Jos\u00e9\nr\u00e9sum\u00e9: caf\u00e9\n---\nna\u00efve\n';
    const nfd = nfc.normalize('NFD');
    assert.notEqual(nfd, nfc);
    assert.equal(designDigest('docs/design/caf\u00e9.md'.normalize('NFD'), nfd), designDigest('docs/design/caf\u00e9.md', nfc));
  });

  test('a changed approval (digest, approvers, time)', () => {
    const approved = (digest: string, by: string) =>
      BASE.replace('status: draft', `status: approved\napproval:\n  digest: sha256:${digest.repeat(64)}\n  by: [${by}]\n  at: 2026-11-20T10:00:00Z`);
    assert.equal(designDigest(PATH, approved('a', 'Jane <j@example.com>')), designDigest(PATH, approved('b', 'Eve <e@example.com>')));
  });

  test('YAML 1.0 and 1 are one number; a Windows path is the same path', () => {
    assert.equal(designDigest(PATH, '---\nv: 1.0\n---\n'), designDigest(PATH, '---\nv: 1\n---\n'));
    assert.equal(designDigest('docs\\design\\core\\example.md', BASE), base);
  });
});

describe('a different digest', () => {
  const base = designDigest(PATH, BASE);
  const different: Array<[string, string, string]> = [
    ['a changed word in the body', PATH, BASE.replace('strictly', 'leniently')],
    ['a moved file', 'docs/design/core/moved.md', BASE],
    ['a changed depends_on', PATH, BASE.replace('[core/errors, core/frontmatter]', '[core/errors]')],
    ['reordered depends_on', PATH, BASE.replace('[core/errors, core/frontmatter]', '[core/frontmatter, core/errors]')],
    ['a changed type', PATH, BASE.replace('type: module', 'type: service')],
    ['a string that was a number', PATH, BASE.replace('type: module', 'type: "1"').replace('stories', 'x: 1\nstories')],
    ['a leading blank line in the body', PATH, BASE.replace('---\n## Purpose', '---\n\n## Purpose')],
    ['a nested status key', PATH, BASE.replace('status: draft', 'status: draft\nextra:\n  status: draft')],
    ['an added key', PATH, BASE.replace('type: module', 'type: module\nowner: jane')],
  ];
  for (const [name, path, text] of different) {
    test(name, () => assert.notEqual(designDigest(path, text), base));
  }

  test('1 and "1" differ', () => {
    assert.notEqual(designDigest(PATH, '---\nv: 1\n---\n'), designDigest(PATH, '---\nv: "1"\n---\n'));
  });
});

describe('errors', () => {
  test('an unreadable frontmatter throws FRONTMATTER with the file as the location', () => {
    for (const text of ['# no frontmatter\n', '---\ntype: module\n', '---\na: *x\n---\n', '---\na: 1\na: 2\n---\n']) {
      assert.throws(
        () => designDigest(PATH, text),
        (e: unknown) => e instanceof DesignGateError && e.code === 'FRONTMATTER' && e.causes.every((c) => c.file === PATH),
      );
    }
  });

  test('a path that is not repository-relative is a programming error', () => {
    for (const bad of ['', '/abs/x.md', 'C:/x.md', './x.md', 'a/../x.md', 'a//x.md', 'a/']) {
      assert.throws(() => normaliseRepoPath(bad), TypeError, JSON.stringify(bad));
    }
    assert.equal(normaliseRepoPath('docs\\design\\x.md'), 'docs/design/x.md');
  });

  test('hand-built data that JSON cannot hold is refused, not hashed', () => {
    assert.throws(() => digestOf(PATH, { data: { at: new Date(0) }, body: '' }), TypeError);
    assert.throws(() => digestOf(PATH, { data: { n: NaN }, body: '' }), TypeError);
    assert.throws(() => digestOf(PATH, { data: { x: { 'caf\u00e9': 1, 'cafe\u0301': 2 } }, body: '' }), /after Unicode normalisation/);
  });
});

describe('normaliseBody', () => {
  const cases: Array<[string, string]> = [
    ['\ufeffa  \r\nb\t\r\n\r\n', 'a\nb'],
    ['a\rb\r', 'a\nb'],
    ['\n\nlead', '\n\nlead'],
    ['hard  \nbreak', 'hard\nbreak'],
    ['a \u00a0\n', 'a \u00a0'],
    ['cafe\u0301', 'caf\u00e9'],
    ['', ''],
    ['\n \n\t\n', ''],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(normaliseBody(input), expected));
  }
});

describe('DIGEST_PATTERN', () => {
  test('accepts digests and refuses near misses', () => {
    assert.match(designDigest(PATH, BASE), DIGEST_PATTERN);
    for (const bad of ['sha256:' + 'A'.repeat(64), 'sha256:' + 'a'.repeat(63), 'a'.repeat(64), 'sha1:' + 'a'.repeat(64), 'sha256:' + 'a'.repeat(64) + '\n']) {
      assert.doesNotMatch(bad, DIGEST_PATTERN);
    }
  });
});

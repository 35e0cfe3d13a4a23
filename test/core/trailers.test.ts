import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseTrailers, trailerValues, renderTrailers, parseIdentity } from '../../core/trailers.js';
import { gitEnv } from '../helpers/repo.js';

interface CorpusEntry {
  name: string;
  message: string;
}

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/trailers/corpus.json', import.meta.url), 'utf8'),
) as CorpusEntry[];

/** The oracle: git itself, with the trailer key `designgate init` registers. */
function gitParse(message: string, configured = true): string {
  const args = configured ? ['-c', 'trailer.approvedby.key=Approved-by'] : [];
  const r = spawnSync('git', [...args, 'interpret-trailers', '--parse'], {
    input: message,
    encoding: 'utf8',
    env: gitEnv(),
    timeout: 10_000,
  });
  if (r.status !== 0) throw new Error(`git interpret-trailers failed: ${r.stderr}`);
  return r.stdout;
}

const gitVersion = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();

describe(`trailers agree with git interpret-trailers --parse (${gitVersion})`, () => {
  test('the corpus has at least 40 messages', () => {
    assert.ok(corpus.length >= 40, `only ${corpus.length} messages`);
  });

  for (const { name, message } of corpus) {
    test(name, () => {
      assert.equal(renderTrailers(parseTrailers(message)), gitParse(message), JSON.stringify(message));
    });
  }

  test('without a configured key, prose mixed with Approved-by holds no trailers (as in git)', () => {
    const message = 'Approve x\n\nWe looked at it.\nApproved-by: Jane <jane@example.com>\n';
    assert.equal(gitParse(message, false), '');
    assert.deepEqual(parseTrailers(message, { configuredKeys: [] }), []);
    assert.equal(renderTrailers(parseTrailers(message)), gitParse(message));
    assert.equal(parseTrailers(message).length, 1);
  });

  test('300 seeded random messages built from tricky lines agree with git', () => {
    const lines = [
      'Subject', '', '', '', 'Body text.', 'Approved-by: Jane <j@x>', 'approved-by: Bob <b@x>',
      'Signed-off-by: A <a@x>', 'Signed-off-by:A', 'Foo: bar', 'Foo : bar', 'Foo\t: bar', ' continued',
      '\tcont', '  ', '\r', '# comment', '---', '----', '--- x', 'Conflicts:', '\tfile.c',
      '(cherry picked from commit abc)', 'Approved by: x', 'A: x', 'x-y: z', 'Ünï: v', 'a_b: c', '```',
      'key:value', ':nokey', 'Foo:', '> Approved-by: Q <q@x>',
    ];
    let seed = 20240601;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      const picked = Array.from({ length: 1 + next(9) }, () => lines[next(lines.length)] as string);
      const eol = next(4) === 0 ? '\r\n' : '\n';
      const message = picked.join(eol) + (next(3) ? eol : '');
      assert.equal(renderTrailers(parseTrailers(message)), gitParse(message), JSON.stringify(message));
    }
  });
});

describe('parseTrailers', () => {
  test('keeps the key as written and unfolds the value', () => {
    assert.deepEqual(parseTrailers('Approve x\n\napproved-by: Jane Doe\n  <jane@example.com>\n'), [
      { key: 'approved-by', value: 'Jane Doe <jane@example.com>' },
    ]);
  });

  test('renders a configured key in its configured spelling, as git prints it', () => {
    const trailers = parseTrailers('Approve x\n\napproved-by: Jane <jane@example.com>\n');
    assert.equal(renderTrailers(trailers), 'Approved-by: Jane <jane@example.com>\n');
  });

  test('ends at a --- divider even when a scissors line follows (git 2.39 loops forever here)', () => {
    const message =
      'Approve x\n\nApproved-by: Jane <jane@example.com>\n---\nApproved-by: M <m@x>\n' +
      '# ------------------------ >8 ------------------------\nrest\n';
    assert.deepEqual(parseTrailers(message), [{ key: 'Approved-by', value: 'Jane <jane@example.com>' }]);
  });

  test('a message without trailers gives an empty list', () => {
    assert.deepEqual(parseTrailers(''), []);
    assert.deepEqual(parseTrailers('\n\n\n'), []);
  });
});

describe('trailerValues', () => {
  test('matches the key case-insensitively', () => {
    const message = 'Approve x\n\nApproved-by: A <a@x.org>\nAPPROVED-BY: B <b@x.org>\nReviewed-by: C <c@x.org>\n';
    assert.deepEqual(trailerValues(message, 'approved-by'), ['A <a@x.org>', 'B <b@x.org>']);
  });

  test('does not count the abbreviations git files under a configured key', () => {
    const message = 'Approve x\n\nApproved: A <a@x.org>\n';
    assert.equal(gitParse(message), 'Approved-by: A <a@x.org>\n');
    assert.deepEqual(trailerValues(message, 'Approved-by'), []);
  });

  test('finds nothing in a fenced block followed by prose, a quoted revert or below a divider', () => {
    for (const message of [
      'Doc\n\n```\nApproved-by: A <a@x.org>\n```\n\nThat is the format.\n',
      'Revert "x"\n\nThis reverts commit 0123.\n\n> Approved-by: A <a@x.org>\n',
      'Revert "x"\n\nThis reverts commit 0123.\n\n    Approved-by: A <a@x.org>\n',
      'Approve x\n\nBody\n---\nApproved-by: A <a@x.org>\n',
    ]) {
      assert.deepEqual(trailerValues(message, 'Approved-by'), [], JSON.stringify(message));
    }
  });
});

describe('parseIdentity', () => {
  test('parses Name <email>', () => {
    assert.deepEqual(parseIdentity('Jane Doe <jane@example.com>'), { name: 'Jane Doe', email: 'jane@example.com' });
    assert.deepEqual(parseIdentity('  Jane   <jane@example.com>  '), { name: 'Jane', email: 'jane@example.com' });
  });

  test('rejects malformed identities', () => {
    for (const value of [
      '',
      'jane@example.com',
      '<jane@example.com>',
      'Jane <>',
      'Jane <jane>',
      'Jane <jane@example.com',
      'Jane <jane@example.com> extra',
      'Jane <ja ne@example.com>',
      'Jane <a@b@c>',
      'Ja<ne <jane@example.com>',
      'Jane\u0007 <jane@example.com>',
      'Jane <jane@example.com\u0000>',
    ]) {
      assert.equal(parseIdentity(value), undefined, JSON.stringify(value));
    }
  });
});

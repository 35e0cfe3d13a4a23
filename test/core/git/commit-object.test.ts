import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommitObject, parsePerson, toCommitInfo } from '../../../core/git/commit-object.js';

const TREE = 'tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n';
const P1 = 'parent 1111111111111111111111111111111111111111\n';
const P2 = 'parent 2222222222222222222222222222222222222222\n';
const WHO = 'author Ann <ann@example.com> 1700000000 +0100\ncommitter Bob <bob@example.com> 1700000060 -0500\n';
const SIG =
  'gpgsig -----BEGIN SSH SIGNATURE-----\n' +
  ' U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg\n' +
  ' \n' + // an empty armor line is stored as a single space
  ' -----END SSH SIGNATURE-----\n';

describe('parseCommitObject', () => {
  test('headers, parents, people and the exact message', () => {
    const raw = Buffer.from(`${TREE}${P1}${P2}${WHO}\nSubject\n\nBody\n\nApproved-by: Ann <ann@example.com>\n`);
    const c = parseCommitObject(raw);
    assert.equal(c.tree, '4b825dc642cb6eb9a060e54bf8d69288fbee4904');
    assert.deepEqual(c.parents, ['1111111111111111111111111111111111111111', '2222222222222222222222222222222222222222']);
    assert.deepEqual(c.author, { name: 'Ann', email: 'ann@example.com', timestamp: 1700000000, timezone: '+0100' });
    assert.deepEqual(c.committer, { name: 'Bob', email: 'bob@example.com', timestamp: 1700000060, timezone: '-0500' });
    assert.equal(c.message, 'Subject\n\nBody\n\nApproved-by: Ann <ann@example.com>\n');
    assert.equal(c.signature, undefined);
    assert.ok(c.signedPayload.equals(raw), 'an unsigned commit is its own payload');
  });

  test('a message without a trailing newline, and a root commit', () => {
    const c = parseCommitObject(Buffer.from(`${TREE}${WHO}\nno newline`));
    assert.deepEqual(c.parents, []);
    assert.equal(c.message, 'no newline');
  });

  test('a commit with no message at all (no blank line)', () => {
    const raw = Buffer.from(`${TREE}${WHO}`);
    const c = parseCommitObject(raw);
    assert.equal(c.message, '');
    assert.ok(c.signedPayload.equals(raw));
  });

  test('gpgsig: the signature loses the continuation spaces; the payload loses the whole header', () => {
    const raw = Buffer.from(`${TREE}${P1}${WHO}${SIG}\nsigned\n`);
    const c = parseCommitObject(raw);
    assert.equal(
      c.signature,
      '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg\n\n-----END SSH SIGNATURE-----\n',
    );
    assert.equal(c.signedPayload.toString(), `${TREE}${P1}${WHO}\nsigned\n`);
  });

  test('headers after the signature stay in the payload; a "gpgsig " line in the message is message', () => {
    const raw = Buffer.from(`${TREE}${WHO}${SIG}encoding ISO-8859-1\n\ngpgsig in the body\n`);
    const c = parseCommitObject(raw);
    assert.equal(c.signedPayload.toString(), `${TREE}${WHO}encoding ISO-8859-1\n\ngpgsig in the body\n`);
    assert.equal(c.message, 'gpgsig in the body\n');
    assert.deepEqual(c.headers.at(-1), { key: 'encoding', value: 'ISO-8859-1' });
  });

  test('a mergetag header keeps its continuation lines in the payload and folds them in its value', () => {
    const mergetag = 'mergetag object 3333333333333333333333333333333333333333\n type commit\n tag v1\n';
    const raw = Buffer.from(`${TREE}${P1}${P2}${WHO}${mergetag}\nMerge tag v1\n`);
    const c = parseCommitObject(raw);
    assert.ok(c.signedPayload.equals(raw));
    assert.equal(c.headers.find((h) => h.key === 'mergetag')?.value, 'object 3333333333333333333333333333333333333333\ntype commit\ntag v1');
  });

  test('the other hash signature header is dropped from the payload, as git does', () => {
    const other = 'gpgsig-sha256 -----BEGIN PGP SIGNATURE-----\n abc\n -----END PGP SIGNATURE-----\n';
    const raw = Buffer.from(`${TREE}${WHO}${SIG}${other}\nboth\n`);
    const sha1 = parseCommitObject(raw);
    assert.equal(sha1.signedPayload.toString(), `${TREE}${WHO}\nboth\n`);
    assert.match(sha1.signature ?? '', /SSH SIGNATURE/);
    const sha256 = parseCommitObject(raw, 'gpgsig-sha256');
    assert.equal(sha256.signature, '-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n');
    assert.equal(sha256.signedPayload.toString(), `${TREE}${WHO}\nboth\n`);
  });

  test('non-ASCII names and messages are read as UTF-8', () => {
    const raw = Buffer.from(`${TREE}author Zoë Ångström 李 <z@example.com> 1 +0000\ncommitter 李 <l@example.com> 2 +0000\n\nÜbersicht ✓\n`);
    const c = parseCommitObject(raw);
    assert.equal(c.author.name, 'Zoë Ångström 李');
    assert.equal(c.committer.name, '李');
    assert.equal(c.message, 'Übersicht ✓\n');
  });
});

describe('parsePerson', () => {
  test('the usual form', () => {
    assert.deepEqual(parsePerson('Jane Doe <jane@example.com> 1700000000 +0530'), {
      name: 'Jane Doe', email: 'jane@example.com', timestamp: 1700000000, timezone: '+0530',
    });
  });
  test('an empty name and extra spaces before the email', () => {
    assert.deepEqual(parsePerson(' <x@example.com> 5 -0100'), { name: '', email: 'x@example.com', timestamp: 5, timezone: '-0100' });
    assert.equal(parsePerson('Jane   <j@e> 1 +0000').name, 'Jane');
  });
  test('malformed identities do not throw', () => {
    assert.deepEqual(parsePerson('nobody'), { name: 'nobody', email: '', timestamp: 0, timezone: '+0000' });
    assert.deepEqual(parsePerson('A <a@b> soon'), { name: 'A', email: 'a@b', timestamp: 0, timezone: '+0000' });
  });
});

describe('toCommitInfo', () => {
  test('adds the oid and drops the header list', () => {
    const info = toCommitInfo('a'.repeat(40), Buffer.from(`${TREE}${WHO}\nm\n`));
    assert.equal(info.oid, 'a'.repeat(40));
    assert.equal('headers' in info, false);
  });
  test('a 64-hex oid reads the SHA-256 signature header', () => {
    const raw = Buffer.from(`${TREE}${WHO}gpgsig-sha256 sig\n\nm\n`);
    assert.equal(toCommitInfo('b'.repeat(64), raw).signature, 'sig\n');
    assert.equal(toCommitInfo('b'.repeat(40), raw).signature, undefined);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIdentity, identityKey, sameEmail, unsafeIdentity } from '../../../core/approval/identity.js';

describe('identity', () => {
  test('emails compare case-insensitively', () => {
    assert.equal(identityKey('Bob@X.Org'), 'bob@x.org');
    assert.ok(sameEmail('BOB@x.org', 'bob@X.ORG'));
    assert.ok(!sameEmail('bob@x.org', 'bob@x.org.evil'));
  });

  const refused: Array<[string, { name: string; email: string }, RegExp]> = [
    ['a Cyrillic о in the email', { name: 'Bob', email: 'b\u043eb@x.org' }, /not plain ASCII/],
    ['a fullwidth @', { name: 'Bob', email: 'bob\uff20x.org' }, /not plain ASCII/],
    ['a zero-width space in the email', { name: 'Bob', email: 'bob\u200b@x.org' }, /invisible/],
    ['a right-to-left override in the name', { name: 'Bob \u202eevil', email: 'bob@x.org' }, /invisible or direction-changing/],
    ['a BOM in the name', { name: '\ufeffBob', email: 'bob@x.org' }, /invisible/],
    ['a newline in the name', { name: 'Bob\nEvil', email: 'bob@x.org' }, /invisible/],
    ['a wildcard email', { name: 'Team', email: '*@x.org' }, /pattern/],
    ['a pattern-list email', { name: 'Team', email: 'a@x.org,b@x.org' }, /pattern/],
    ['a negated email', { name: 'Team', email: '!bob@x.org' }, /pattern/],
    ['no domain', { name: 'Bob', email: 'bob@' }, /not an email address/],
    ['two @', { name: 'Bob', email: 'bob@x@y.org' }, /not an email address/],
    ['a name word mixing Latin and Cyrillic', { name: 'B\u043eb Builder', email: 'bob@x.org' }, /mixes Latin letters/],
    ['a name word mixing Latin and Greek', { name: 'B\u03bfb', email: 'bob@x.org' }, /mixes Latin letters/],
  ];
  for (const [what, identity, reason] of refused) {
    test(`refuses ${what}`, () => {
      const why = unsafeIdentity(identity);
      assert.ok(why !== undefined, what);
      assert.match(why, reason);
    });
  }

  const accepted: Array<[string, { name: string; email: string }]> = [
    ['a plain identity', { name: 'Jane Doe', email: 'jane.doe+design@example.co.uk' }],
    ['a name in Cyrillic only', { name: 'Борис Петров', email: 'boris@x.org' }],
    ['a name with accents', { name: 'José Müller-Lüdenscheidt', email: 'jose@x.org' }],
    ['a name in CJK', { name: '山田 太郎', email: 'taro@x.jp' }],
    ['an apostrophe', { name: "Pat O'Brien", email: "pat.o'brien@x.org" }],
  ];
  for (const [what, identity] of accepted) {
    test(`accepts ${what}`, () => assert.equal(unsafeIdentity(identity), undefined));
  }

  test('formats as git writes trailers', () => {
    assert.equal(formatIdentity({ name: 'Jane Doe', email: 'jane@x.org' }), 'Jane Doe <jane@x.org>');
  });
});

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchPattern, matchPatternList, parseAllowedSigners, parseSshTime } from '../../../core/signatures/allowed-signers.js';
import { sshString } from '../../../core/signatures/ssh-key.js';
import { makeTempDir } from '../../helpers/repo.js';
import { generateSshKey, sshSign, type SshTestKey } from './ssh-fixtures.js';

const FILE = '.designgate/allowed_signers';
let dir: string;
let key: SshTestKey;
let signature: string;

before(() => {
  dir = makeTempDir('designgate-signers-');
  key = generateSshKey(dir, 'ed25519', 'jane');
  signature = sshSign(dir, key, Buffer.from('payload'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The oracle: the principals `ssh-keygen -Y find-principals` reports for a one-line file, or undefined. */
function findPrincipals(line: string): string[] | undefined {
  const file = join(dir, 'signers');
  const sig = join(dir, 'sig');
  writeFileSync(file, line + '\n');
  writeFileSync(sig, signature);
  const r = spawnSync('ssh-keygen', ['-Y', 'find-principals', '-f', file, '-s', sig], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n') : undefined;
}

describe('parseAllowedSigners agrees with ssh-keygen -Y find-principals', () => {
  const valid = [
    'jane@example.com KEY',
    '"jane doe@example.com,jane@example.com" KEY',
    'jane@example.com,*@example.org namespaces="git,file",valid-after="20200101" KEY',
    'jane@example.com VALID-AFTER="20200101" KEY',
    '  jane@example.com\tKEY a comment with spaces',
    'jane@example.com namespaces="git",valid-before="29991231235959Z" KEY',
    'jane@example.com valid-after="202001011200" KEY',
    'jane@example.com valid-after="20200101UTC",valid-before="29990101" KEY',
    'jane@example.com cert-authority-not KEY',
  ];
  for (const template of valid) {
    test(template, () => {
      const line = template.replace('KEY', key.pub);
      const oracle = findPrincipals(line);
      const parsed = parseAllowedSigners(line, FILE);
      if (oracle === undefined) {
        assert.equal(parsed.signers.length, 0);
        assert.equal(parsed.errors.length, 1);
        return;
      }
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.signers.length, 1);
      assert.deepEqual(parsed.signers[0]?.principals.split(','), oracle);
    });
  }

  const invalid: Array<[string, RegExp]> = [
    ['jane@example.com bogus KEY', /unsupported option "bogus"/],
    ['jane@example.com namespaces=git KEY', /must be in double quotes/],
    ['jane@example.com namespaces="git KEY', /no closing quote/],
    ['jane@example.com valid-after="2020" KEY', /not a time/],
    ['jane@example.com valid-after="20201301" KEY', /not a time/],
    ['jane@example.com valid-after="20200101",valid-after="20200102" KEY', /given twice/],
    ['jane@example.com valid-after="20210101",valid-before="20200101" KEY', /not after valid-after/],
    ['jane@example.com namespaces="git", KEY', /end with a comma/],
    ['"jane@example.com KEY', /no closing quote/],
    ['jane@example.com', /no key/],
    ['jane@example.com namespaces="git"', /no key/],
    ['jane@example.com ssh-ed25519 AAAA!!!!', /base64/],
  ];
  for (const [template, message] of invalid) {
    test(`refused: ${template}`, () => {
      const line = template.replace('KEY', key.pub);
      assert.equal(findPrincipals(line), undefined, 'ssh-keygen accepts it');
      const parsed = parseAllowedSigners(`# header\n\n${line}\n`, FILE);
      assert.equal(parsed.signers.length, 0);
      assert.equal(parsed.errors.length, 1);
      assert.equal(parsed.errors[0]?.file, FILE);
      assert.equal(parsed.errors[0]?.line, 3);
      assert.match(parsed.errors[0]?.message ?? '', message);
    });
  }
});

describe('parseAllowedSigners', () => {
  test('reads options, line numbers, comments and blank lines', () => {
    const text = [
      '# team keys',
      '',
      `   # indented comment`,
      `jane@example.com namespaces="git",valid-after="20240101Z",valid-before="20250101000000Z" ${key.pub}`,
      `bob@example.com ${key.pub}\r`,
    ].join('\n');
    const { signers, errors, warnings } = parseAllowedSigners(text, FILE);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.equal(signers.length, 2);
    const [jane, bob] = signers;
    assert.equal(jane?.line, 4);
    assert.equal(jane?.namespaces, 'git');
    assert.equal(jane?.validAfter?.toISOString(), '2024-01-01T00:00:00.000Z');
    assert.equal(jane?.validBefore?.toISOString(), '2025-01-01T00:00:00.000Z');
    assert.equal(jane?.key.fingerprint, key.fingerprint);
    assert.equal(bob?.line, 5);
    assert.equal(bob?.namespaces, undefined);
    assert.deepEqual(bob?.literalPrincipals, ['bob@example.com']);
  });

  test('literal principals leave out wildcards and negated entries', () => {
    const line = `"jane@example.com,*@example.org,team-?@x,!mallory@example.com,mallory@example.com" ${key.pub}`;
    const [signer] = parseAllowedSigners(line, FILE).signers;
    assert.deepEqual(signer?.literalPrincipals, ['jane@example.com']);
  });

  test('cert-authority lines are ignored with a warning, as are FIDO keys', () => {
    const skBlob = Buffer.concat([sshString('sk-ssh-ed25519@openssh.com'), sshString(Buffer.alloc(32, 1)), sshString('ssh:')]);
    const text = [`*@example.com cert-authority ${key.pub}`, `jane@example.com sk-ssh-ed25519@openssh.com ${skBlob.toString('base64')}`].join('\n');
    const { signers, errors, warnings } = parseAllowedSigners(text, FILE);
    assert.deepEqual(signers, []);
    assert.deepEqual(errors, []);
    assert.equal(warnings.length, 2);
    assert.equal(warnings[0]?.line, 1);
    assert.match(warnings[0]?.message ?? '', /cert-authority .* ignored/);
    assert.match(warnings[1]?.message ?? '', /FIDO security key.*ignored/);
  });
});

describe('parseSshTime', () => {
  test('reads the three lengths in UTC with Z or UTC', () => {
    assert.equal(parseSshTime('20240229Z')?.toISOString(), '2024-02-29T00:00:00.000Z');
    assert.equal(parseSshTime('202402291230z')?.toISOString(), '2024-02-29T12:30:00.000Z');
    assert.equal(parseSshTime('20240229123059UTC')?.toISOString(), '2024-02-29T12:30:59.000Z');
  });

  test('without a suffix, reads local time as ssh-keygen does', () => {
    assert.equal(parseSshTime('20240301')?.getTime(), new Date(2024, 2, 1).getTime());
  });

  test('refuses impossible dates and other lengths', () => {
    for (const bad of ['20230229Z', '20241301', '20240100', '2024010125', '202401011260', '2024', '2024-01-01', 'Z', '', '20240101ZZ']) {
      assert.equal(parseSshTime(bad), undefined, bad);
    }
  });
});

describe('matchPatternList (OpenSSH match_pattern_list)', () => {
  test('wildcards, negation and commas', () => {
    assert.equal(matchPatternList('jane@example.com', 'jane@example.com'), 1);
    assert.equal(matchPatternList('jane@example.com', '*@example.com'), 1);
    assert.equal(matchPatternList('jane@example.com', 'j?ne@example.com'), 1);
    assert.equal(matchPatternList('jane@example.com', 'bob@x,*@example.com,!jane@*'), -1);
    assert.equal(matchPatternList('jane@example.com', 'bob@x'), 0);
    assert.equal(matchPatternList('Jane@example.com', 'jane@example.com'), 0);
    assert.equal(matchPatternList('git', 'git,file'), 1);
    assert.equal(matchPatternList('git', 'file'), 0);
  });

  test('matchPattern anchors both ends and backtracks over *', () => {
    assert.ok(matchPattern('abcbd', 'a*bd'));
    assert.ok(matchPattern('', '*'));
    assert.ok(!matchPattern('abc', 'ab'));
    assert.ok(!matchPattern('ab', 'ab?'));
    assert.ok(matchPattern('a.b.c', '*.*.*'));
  });
});

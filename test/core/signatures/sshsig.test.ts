import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { isSshSignature, parseSshsig, verifySshsig } from '../../../core/signatures/sshsig.js';
import { sshString } from '../../../core/signatures/ssh-key.js';
import { makeTempDir } from '../../helpers/repo.js';
import { SSH_KINDS, generateSshKey, sshKeygenVerifies, sshSign, type SshKind, type SshTestKey } from './ssh-fixtures.js';

let dir: string;
const keys = new Map<SshKind, SshTestKey>();
const payload = Buffer.from('tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor J <j@x> 1 +0000\ncommitter J <j@x> 1 +0000\n\nApprove\n');

before(() => {
  dir = makeTempDir('designgate-sshsig-');
  for (const kind of SSH_KINDS) keys.set(kind, generateSshKey(dir, kind, kind));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const key = (kind: SshKind): SshTestKey => keys.get(kind) as SshTestKey;
const blobOf = (k: SshTestKey): Buffer => Buffer.from(k.pub.split(' ')[1] as string, 'base64');

/** Node can sign with an RSA or ECDSA key once ssh-keygen rewrites it as PEM. */
function pemPrivateKey(k: SshTestKey): KeyObject {
  const copy = `${k.path}-pem`;
  copyFileSync(k.path, copy);
  execFileSync('ssh-keygen', ['-q', '-p', '-m', 'PEM', '-N', '', '-P', '', '-f', copy], { stdio: 'ignore' });
  return createPrivateKey(readFileSync(copy));
}

/** An SSHSIG assembled by hand, to reach encodings ssh-keygen never writes (SHA-1, rsa-sha2-256, short r). */
function buildSshsig(input: { publicBlob: Buffer; namespace?: string; hash?: string; signature: (data: Buffer) => Buffer; version?: number }): string {
  const namespace = input.namespace ?? 'git';
  const hash = input.hash ?? 'sha512';
  const data = signedData(namespace, hash);
  const version = Buffer.alloc(4);
  version.writeUInt32BE(input.version ?? 1);
  const blob = Buffer.concat([
    Buffer.from('SSHSIG'),
    version,
    sshString(input.publicBlob),
    sshString(namespace),
    sshString(''),
    sshString(hash),
    sshString(input.signature(data)),
  ]);
  const lines = blob.toString('base64').match(/.{1,70}/g) as string[];
  return ['-----BEGIN SSH SIGNATURE-----', ...lines, '-----END SSH SIGNATURE-----', ''].join('\n');
}

/** What an SSHSIG signs: the envelope around the payload's hash. */
function signedData(namespace: string, hash: string): Buffer {
  const digest = createHash(hash).update(payload).digest();
  return Buffer.concat([Buffer.from('SSHSIG'), sshString(namespace), sshString(''), sshString(hash), sshString(digest)]);
}

function mpint(raw: Buffer): Buffer {
  let i = 0;
  while (i < raw.length && raw[i] === 0) i++;
  const trimmed = raw.subarray(i);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

describe('verifySshsig with signatures made by ssh-keygen -Y sign', () => {
  for (const kind of SSH_KINDS) {
    test(`${kind}: a good signature verifies (sha512 and sha256), a tampered payload does not`, () => {
      for (const hashalg of ['sha512', 'sha256'] as const) {
        const signature = sshSign(dir, key(kind), payload, 'git', hashalg);
        const parsed = parseSshsig(signature);
        assert.ok(parsed.ok && parsed.sig.hashAlgorithm === hashalg);
        const result = verifySshsig(signature, payload);
        assert.ok(result.ok, `${kind} ${hashalg}`);
        assert.equal(result.key.fingerprint, key(kind).fingerprint);
        assert.equal(result.namespace, 'git');
      }
      const tampered = verifySshsig(sshSign(dir, key(kind), payload), Buffer.concat([payload, Buffer.from(' ')]));
      assert.ok(!tampered.ok && tampered.reason === 'bad-signature');
      assert.match(tampered.message, new RegExp(key(kind).fingerprint.replace(/[+/]/g, '\\$&')));
    });
  }

  test('a signature made for another namespace (-n file) is wrong-namespace', () => {
    const signature = sshSign(dir, key('ed25519'), payload, 'file');
    const result = verifySshsig(signature, payload);
    assert.ok(!result.ok && result.reason === 'wrong-namespace');
    assert.match(result.message, /namespace "file", not "git"/);
    assert.ok(verifySshsig(signature, payload, 'file').ok);
  });

  test('armor with CRLF line ends and surrounding white space still verifies', () => {
    const signature = sshSign(dir, key('ed25519'), payload);
    assert.ok(verifySshsig(`\n  ${signature.replace(/\n/g, '\r\n')}  \n`, payload).ok);
    assert.ok(isSshSignature(`  ${signature}`));
    assert.ok(!isSshSignature('-----BEGIN PGP SIGNATURE-----'));
  });

  test('damaged armor, base64, magic or version is a bad signature', () => {
    const signature = sshSign(dir, key('ed25519'), payload);
    const lines = signature.trim().split('\n');
    const body = lines.slice(1, -1).join('');
    const blob = Buffer.from(body, 'base64');
    const rearmor = (b: Buffer): string => `-----BEGIN SSH SIGNATURE-----\n${b.toString('base64')}\n-----END SSH SIGNATURE-----\n`;
    const version2 = Buffer.from(blob);
    version2.writeUInt32BE(2, 6);
    const cases: Array<[string, RegExp]> = [
      [lines.slice(0, -1).join('\n'), /BEGIN SSH SIGNATURE/],
      [signature.replace('BEGIN SSH SIGNATURE', 'BEGIN SSH SIG'), /BEGIN SSH SIGNATURE/],
      [signature.replace(/\n(.)/, '\n*$1'), /base64/],
      [rearmor(Buffer.concat([Buffer.from('XXHSIG'), blob.subarray(6)])), /SSHSIG/],
      [rearmor(version2), /version 2/],
      [rearmor(blob.subarray(0, blob.length - 10)), /ends early/],
      [rearmor(Buffer.concat([blob, Buffer.alloc(3)])), /bytes after/],
    ];
    for (const [text, message] of cases) {
      const result = verifySshsig(text, payload);
      assert.ok(!result.ok && result.reason === 'bad-signature', text.slice(0, 80));
      assert.match(result.message, message);
    }
  });

  test('a signature whose embedded key was swapped for another key does not verify', () => {
    const signature = sshSign(dir, key('ed25519'), payload);
    const parsed = parseSshsig(signature);
    assert.ok(parsed.ok);
    const other = generateSshKey(dir, 'ed25519', 'other');
    const forged = buildSshsig({ publicBlob: blobOf(other), signature: () => parsed.sig.signature });
    const result = verifySshsig(forged, payload);
    assert.ok(!result.ok && result.reason === 'bad-signature');
  });

  test('a signature by a FIDO security key or an SSH certificate is unsupported', () => {
    const k = key('ed25519');
    execFileSync('ssh-keygen', ['-q', '-s', key('ecdsa-256').path, '-I', 'jane', '-n', 'jane@example.com', `${k.path}.pub`], { stdio: 'ignore' });
    const certBlob = Buffer.from(readFileSync(`${k.path}-cert.pub`, 'utf8').split(' ')[1] as string, 'base64');
    const skBlob = Buffer.concat([sshString('sk-ssh-ed25519@openssh.com'), sshString(Buffer.alloc(32, 1)), sshString('ssh:')]);
    for (const [publicBlob, message] of [[certBlob, /SSH certificate/], [skBlob, /FIDO security key/]] as const) {
      const sig = buildSshsig({ publicBlob, signature: () => Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(64))]) });
      const result = verifySshsig(sig, payload);
      assert.ok(!result.ok && result.reason === 'unsupported', String(message));
      assert.match(result.message, message);
    }
  });

  test('a signature format that does not fit the key type is a bad signature', () => {
    const forged = buildSshsig({
      publicBlob: blobOf(key('ed25519')),
      signature: () => Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString(Buffer.alloc(64))]),
    });
    const result = verifySshsig(forged, payload);
    assert.ok(!result.ok && result.reason === 'bad-signature' && /ecdsa-sha2-nistp256 signature cannot come from a ssh-ed25519 key/.test(result.message));
  });
});

describe('verifySshsig with hand-made encodings, checked against ssh-keygen -Y verify', () => {
  const signers = (k: SshTestKey): string => `jane@example.com ${k.pub}\n`;

  test('RSA rsa-sha2-256 verifies; ssh-rsa (SHA-1) is unsupported, as ssh-keygen refuses it', () => {
    const rsa = key('rsa');
    const priv = pemPrivateKey(rsa);
    const sha256 = buildSshsig({
      publicBlob: blobOf(rsa),
      signature: (data) => Buffer.concat([sshString('rsa-sha2-256'), sshString(cryptoSign('sha256', data, priv))]),
    });
    assert.ok(verifySshsig(sha256, payload).ok);
    assert.equal(sshKeygenVerifies(dir, { allowedSigners: signers(rsa), principal: 'jane@example.com', signature: sha256, payload }), true);

    const sha1 = buildSshsig({
      publicBlob: blobOf(rsa),
      signature: (data) => Buffer.concat([sshString('ssh-rsa'), sshString(cryptoSign('sha1', data, priv))]),
    });
    const result = verifySshsig(sha1, payload);
    assert.ok(!result.ok && result.reason === 'unsupported' && /SHA-1/.test(result.message));
    assert.equal(sshKeygenVerifies(dir, { allowedSigners: signers(rsa), principal: 'jane@example.com', signature: sha1, payload }), false);
  });

  test('a message hash other than sha256/sha512 is unsupported', () => {
    const rsa = key('rsa');
    const priv = pemPrivateKey(rsa);
    const sig = buildSshsig({
      publicBlob: blobOf(rsa),
      hash: 'sha1',
      signature: (data) => Buffer.concat([sshString('rsa-sha2-512'), sshString(cryptoSign('sha512', data, priv))]),
    });
    const result = verifySshsig(sig, payload);
    assert.ok(!result.ok && result.reason === 'unsupported' && /sha1/.test(result.message));
    assert.equal(sshKeygenVerifies(dir, { allowedSigners: signers(rsa), principal: 'jane@example.com', signature: sig, payload }), false);
  });

  for (const kind of ['ecdsa-256', 'ecdsa-384', 'ecdsa-521'] as const) {
    test(`${kind}: r or s with leading zero bytes (minimal mpints) verify like ssh-keygen`, () => {
      const k = key(kind);
      const priv = pemPrivateKey(k);
      const size = { 'ecdsa-256': 32, 'ecdsa-384': 48, 'ecdsa-521': 66 }[kind];
      const hash = { 'ecdsa-256': 'sha256', 'ecdsa-384': 'sha384', 'ecdsa-521': 'sha512' }[kind];
      const type = k.pub.split(' ')[0] as string;
      // One signature in 256 has r or s below 2^(8·(size−1)); draw until we have one.
      const data = signedData('git', 'sha512');
      let found: string | undefined;
      for (let i = 0; i < 5000 && found === undefined; i++) {
        const rs = cryptoSign(hash, data, { key: priv, dsaEncoding: 'ieee-p1363' });
        const r = rs.subarray(0, size);
        const s = rs.subarray(size);
        const short = kind === 'ecdsa-521' ? r[0] === 0 && (r[1] as number) < 0x80 : r[0] === 0 || s[0] === 0;
        if (!short) continue;
        const value = Buffer.concat([sshString(type), sshString(Buffer.concat([mpint(r), mpint(s)]))]);
        found = buildSshsig({ publicBlob: blobOf(k), signature: () => value });
      }
      assert.ok(found !== undefined, 'no short r/s drawn');
      assert.ok(verifySshsig(found, payload).ok);
      assert.equal(sshKeygenVerifies(dir, { allowedSigners: signers(k), principal: 'jane@example.com', signature: found, payload }), true);
    });
  }
});

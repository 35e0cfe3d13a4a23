import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import {
  decodeBase64Strict,
  parseSshKeyBlob,
  parseSshPublicKey,
  sshFingerprint,
  sshString,
  unsignedMpint,
  isSshKeyTypeName,
} from '../../../core/signatures/ssh-key.js';
import { makeTempDir } from '../../helpers/repo.js';
import { SSH_KINDS, generateSshKey, type SshTestKey } from './ssh-fixtures.js';

let dir: string;
const keys = new Map<string, SshTestKey>();

before(() => {
  dir = makeTempDir('designgate-sshkey-');
  for (const kind of SSH_KINDS) keys.set(kind, generateSshKey(dir, kind, kind));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function blobOf(line: string): Buffer {
  return Buffer.from(line.split(' ')[1] as string, 'base64');
}

describe('parseSshPublicKey', () => {
  test('reads every supported key type with the fingerprint ssh-keygen prints', () => {
    const types = { ed25519: 'ssh-ed25519', rsa: 'ssh-rsa', 'ecdsa-256': 'ecdsa-sha2-nistp256', 'ecdsa-384': 'ecdsa-sha2-nistp384', 'ecdsa-521': 'ecdsa-sha2-nistp521' };
    for (const [kind, key] of keys) {
      const parsed = parseSshPublicKey(key.pub);
      assert.ok(parsed.ok, kind);
      assert.equal(parsed.key.type, types[kind as keyof typeof types]);
      assert.equal(parsed.key.fingerprint, key.fingerprint, kind);
      assert.deepEqual(parsed.key.blob, blobOf(key.pub));
      assert.equal(parsed.key.key.type, 'public');
    }
  });

  test('accepts a line without comment and surrounding white space', () => {
    const [type, data] = (keys.get('ed25519') as SshTestKey).pub.split(' ');
    const parsed = parseSshPublicKey(`  ${type}\t${data}  \n`);
    assert.ok(parsed.ok);
  });

  test('the ECDSA field size is recorded for signature decoding', () => {
    const sizes = { 'ecdsa-256': 32, 'ecdsa-384': 48, 'ecdsa-521': 66, ed25519: 0, rsa: 0 };
    for (const [kind, key] of keys) {
      const parsed = parseSshPublicKey(key.pub);
      assert.ok(parsed.ok);
      assert.equal(parsed.key.fieldBytes, sizes[kind as keyof typeof sizes]);
    }
  });

  test('refuses a type on the line that differs from the type inside the data', () => {
    const data = (keys.get('ed25519') as SshTestKey).pub.split(' ')[1];
    const parsed = parseSshPublicKey(`ssh-rsa ${data}`);
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok && parsed.reason === 'malformed' && /says ssh-rsa but the key data is ssh-ed25519/.test(parsed.message));
  });

  test('refuses broken base64, truncated data and trailing bytes as malformed', () => {
    const key = keys.get('ed25519') as SshTestKey;
    const blob = blobOf(key.pub);
    const cases = [
      'ssh-ed25519 AAAA$$$$',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5', // not a multiple of 4
      `ssh-ed25519 ${blob.subarray(0, blob.length - 5).toString('base64')}`,
      `ssh-ed25519 ${Buffer.concat([blob, Buffer.from([0])]).toString('base64')}`,
      'ssh-ed25519',
      '',
    ];
    for (const line of cases) {
      const parsed = parseSshPublicKey(line);
      assert.ok(!parsed.ok && parsed.reason === 'malformed', line);
    }
  });

  test('refuses an Ed25519 key of the wrong length and an EC point off the curve', () => {
    const short = Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(31, 1))]);
    assert.ok(!parseSshKeyBlob(short).ok);
    const point = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]);
    const offCurve = Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(point)]);
    const parsed = parseSshKeyBlob(offCurve);
    assert.ok(!parsed.ok && parsed.reason === 'malformed');
    const wrongCurve = Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp384'), sshString(point)]);
    assert.ok(!parseSshKeyBlob(wrongCurve).ok);
  });

  test('security keys, certificates, DSA and unknown types are unsupported', () => {
    const certPath = `${(keys.get('ed25519') as SshTestKey).path}`;
    execFileSync('ssh-keygen', ['-q', '-s', (keys.get('ecdsa-256') as SshTestKey).path, '-I', 'jane', '-n', 'jane@example.com', `${certPath}.pub`], {
      stdio: 'ignore',
    });
    const cert = readFileSync(`${certPath}-cert.pub`, 'utf8').trim();
    const skBlob = Buffer.concat([sshString('sk-ssh-ed25519@openssh.com'), sshString(Buffer.alloc(32, 1)), sshString('ssh:')]);
    const lines = [
      cert,
      `sk-ssh-ed25519@openssh.com ${skBlob.toString('base64')}`,
      `ssh-dss ${Buffer.concat([sshString('ssh-dss'), sshString(Buffer.alloc(8, 1))]).toString('base64')}`,
      `ecdsa-sha2-nistp192 ${Buffer.concat([sshString('ecdsa-sha2-nistp192'), sshString('nistp192')]).toString('base64')}`,
    ];
    const expected = [/SSH certificate/, /FIDO security key/, /ssh-dss is not supported/, /ecdsa-sha2-nistp192 is not supported/];
    lines.forEach((line, i) => {
      const parsed = parseSshPublicKey(line);
      assert.ok(!parsed.ok && parsed.reason === 'unsupported', line.slice(0, 40));
      assert.match(parsed.message, expected[i] as RegExp);
    });
  });

  test('an RSA key below 1024 bits is unsupported', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 768 });
    const jwk = publicKey.export({ format: 'jwk' });
    const mpint = (b64: string): Buffer => {
      const raw = Buffer.from(b64, 'base64url');
      return (raw[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), raw]) : raw;
    };
    const blob = Buffer.concat([sshString('ssh-rsa'), sshString(mpint(jwk.e as string)), sshString(mpint(jwk.n as string))]);
    const parsed = parseSshKeyBlob(blob);
    assert.ok(!parsed.ok && parsed.reason === 'unsupported' && /768 bits/.test(parsed.message));
  });

  test('a negative mpint is malformed', () => {
    const blob = Buffer.concat([sshString('ssh-rsa'), sshString(Buffer.from([0x81])), sshString(Buffer.alloc(200, 0x7f))]);
    const parsed = parseSshKeyBlob(blob);
    assert.ok(!parsed.ok && parsed.reason === 'malformed');
  });
});

describe('wire helpers', () => {
  test('sshFingerprint is unpadded base64 of SHA-256', () => {
    const key = keys.get('rsa') as SshTestKey;
    assert.equal(sshFingerprint(blobOf(key.pub)), key.fingerprint);
    assert.doesNotMatch(key.fingerprint, /=$/);
  });

  test('decodeBase64Strict refuses what Buffer.from silently skips', () => {
    assert.deepEqual(decodeBase64Strict('aGk='), Buffer.from('hi'));
    for (const bad of ['aGk', 'aG k=', 'a=Gk', 'aGk=\n', '', 'aGl=']) assert.equal(decodeBase64Strict(bad), undefined, bad);
  });

  test('unsignedMpint drops leading zeros', () => {
    assert.deepEqual(unsignedMpint(Buffer.from([0, 0, 0x80, 1])), Buffer.from([0x80, 1]));
    assert.deepEqual(unsignedMpint(Buffer.alloc(0)), Buffer.alloc(0));
  });

  test('isSshKeyTypeName tells key types from allowed-signers options', () => {
    for (const t of ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'sk-ssh-ed25519@openssh.com', 'ssh-rsa-cert-v01@openssh.com']) assert.ok(isSshKeyTypeName(t), t);
    for (const t of ['namespaces="git"', 'cert-authority', 'valid-after="20240101"']) assert.ok(!isSshKeyTypeName(t), t);
  });
});

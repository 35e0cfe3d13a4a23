import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import * as openpgp from 'openpgp';
import {
  isArmoredPgpKey,
  isPgpSignature,
  loadOpenPgp,
  readPgpKeys,
  verifyPgpSignature,
  type RegisteredPgpKey,
} from '../../../core/signatures/openpgp.js';

const DAY = 86_400_000;
const payload = Buffer.from('tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor J <jane@example.com> 1 +0000\n\nApprove x\n');

interface TestKey {
  privateKey: openpgp.PrivateKey;
  armoredPublic: string;
}

async function makeKey(options: { type: 'ecc' | 'rsa'; email: string; date?: Date; keyExpirationTime?: number }): Promise<TestKey> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: options.type,
    ...(options.type === 'rsa' ? { rsaBits: 2048 } : {}),
    userIDs: [{ name: 'Test', email: options.email }],
    format: 'object',
    ...(options.date === undefined ? {} : { date: options.date }),
    ...(options.keyExpirationTime === undefined ? {} : { keyExpirationTime: options.keyExpirationTime }),
  });
  return { privateKey, armoredPublic: publicKey.armor() };
}

/** A detached armored signature over bytes: what git's gpgsig header holds for a PGP-signed commit. */
async function signDetached(key: openpgp.PrivateKey, data: Buffer, date?: Date): Promise<string> {
  const message = await openpgp.createMessage({ binary: new Uint8Array(data) });
  return openpgp.sign({ message, signingKeys: key, detached: true, format: 'armored', ...(date === undefined ? {} : { date }) });
}

async function registered(armored: string, email: string): Promise<RegisteredPgpKey[]> {
  const read = await readPgpKeys(armored);
  assert.ok(read.ok);
  return read.keys.map((pgp) => ({ pgp, email, source: 'test' }));
}

let ecc: TestKey;
let rsa: TestKey;
let bob: TestKey;

before(async () => {
  [ecc, rsa, bob] = await Promise.all([
    makeKey({ type: 'ecc', email: 'jane@example.com' }),
    makeKey({ type: 'rsa', email: 'jane@example.com' }),
    makeKey({ type: 'ecc', email: 'bob@example.com' }),
  ]);
});

const now = (): Date => new Date();

describe('verifyPgpSignature', () => {
  for (const kind of ['ecc', 'rsa'] as const) {
    test(`${kind}: a detached signature over the payload bytes verifies; one changed byte does not`, async () => {
      const key = kind === 'ecc' ? ecc : rsa;
      const keys = await registered(key.armoredPublic, 'jane@example.com');
      const armoredSignature = await signDetached(key.privateKey, payload);
      const ok = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
      assert.deepEqual(ok, { ok: true, kind: 'openpgp', email: 'jane@example.com', fingerprint: key.privateKey.getFingerprint().toUpperCase() });
      const tampered = Buffer.from(payload);
      tampered.writeUInt8((tampered.at(-2) as number) ^ 1, tampered.length - 2);
      const bad = await verifyPgpSignature({ armoredSignature, payload: tampered, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
      assert.equal(bad.ok, false);
      assert.ok(!bad.ok && bad.reason === 'bad-signature');
    });
  }

  test('a signature by a key nobody registered is unknown-key', async () => {
    const keys = await registered(ecc.armoredPublic, 'jane@example.com');
    const armoredSignature = await signDetached(bob.privateKey, payload);
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'unknown-key');
    assert.match(verdict.message, /OpenPGP key [0-9A-F]{16}, which is not registered/);
  });

  test('a key registered to another approver is wrong-principal', async () => {
    const keys = await registered(bob.armoredPublic, 'bob@example.com');
    const armoredSignature = await signDetached(bob.privateKey, payload);
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'wrong-principal');
    assert.match(verdict.message, /registered to bob@example.com/);
  });

  test('a key registered to the approver but without that email among its user IDs is wrong-principal', async () => {
    const keys = await registered(bob.armoredPublic, 'jane@example.com');
    const armoredSignature = await signDetached(bob.privateKey, payload);
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'wrong-principal');
    assert.match(verdict.message, /user IDs do not include jane@example.com/);
  });

  test('a key that expired before now is expired, even for a signature dated while it was valid', async () => {
    const created = new Date(Date.now() - 10 * DAY);
    const old = await makeKey({ type: 'ecc', email: 'jane@example.com', date: created, keyExpirationTime: 2 * 86_400 });
    const keys = await registered(old.armoredPublic, 'jane@example.com');
    const armoredSignature = await signDetached(old.privateKey, payload, new Date(created.getTime() + DAY));
    const then = await verifyPgpSignature({
      armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: new Date(created.getTime() + DAY + 1000),
    });
    assert.equal(then.ok, true, 'valid at the time it was made');
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'expired');
    assert.match(verdict.message, /expired at \d{4}-\d\d-\d\dT/);
  });

  test('a signature dated after the time of the check is not-yet-valid', async () => {
    const keys = await registered(ecc.armoredPublic, 'jane@example.com');
    const armoredSignature = await signDetached(ecc.privateKey, payload, new Date(Date.now() + DAY));
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'not-yet-valid');
  });

  test('a key with a revocation signature is revoked', async () => {
    const { publicKey } = await openpgp.revokeKey({ key: ecc.privateKey, format: 'object' });
    const keys = await registered(publicKey.armor(), 'jane@example.com');
    const armoredSignature = await signDetached(ecc.privateKey, payload);
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked: new Set(), now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'revoked');
  });

  test('a key listed as revoked by fingerprint is revoked', async () => {
    const keys = await registered(rsa.armoredPublic, 'jane@example.com');
    const armoredSignature = await signDetached(rsa.privateKey, payload);
    const revoked = new Set([rsa.privateKey.getFingerprint().toLowerCase()]);
    const verdict = await verifyPgpSignature({ armoredSignature, payload, email: 'jane@example.com', keys, revoked, now: now() });
    assert.ok(!verdict.ok && verdict.reason === 'revoked');
  });

  test('an unreadable signature is a bad signature', async () => {
    const keys = await registered(ecc.armoredPublic, 'jane@example.com');
    const verdict = await verifyPgpSignature({
      armoredSignature: '-----BEGIN PGP SIGNATURE-----\n\nnot base64 at all\n-----END PGP SIGNATURE-----\n',
      payload, email: 'jane@example.com', keys, revoked: new Set(), now: now(),
    });
    assert.ok(!verdict.ok && verdict.reason === 'bad-signature');
    assert.match(verdict.message, /cannot be read/);
  });
});

describe('keys and armor', () => {
  test('readPgpKeys lists the fingerprints and key IDs of primary key and subkeys', async () => {
    const read = await readPgpKeys(ecc.armoredPublic);
    assert.ok(read.ok);
    const [k] = read.keys;
    assert.equal(k?.fingerprint, ecc.privateKey.getFingerprint().toUpperCase());
    assert.equal(k?.keyIds.length, 2);
    assert.equal(k?.fingerprints.length, 2);
    const bad = await readPgpKeys('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n');
    assert.equal(bad.ok, false);
  });

  test('armor detection', () => {
    assert.ok(isArmoredPgpKey(`\n${ecc.armoredPublic}`));
    assert.ok(!isArmoredPgpKey('ssh-ed25519 AAAA'));
    assert.ok(isPgpSignature('-----BEGIN PGP SIGNATURE-----\n'));
    assert.ok(!isPgpSignature('-----BEGIN SSH SIGNATURE-----\n'));
  });

  test('loadOpenPgp imports the module once', async () => {
    const [a, b] = await Promise.all([loadOpenPgp(), loadOpenPgp()]);
    assert.equal(a, b);
    assert.equal(typeof a.verify, 'function');
  });
});

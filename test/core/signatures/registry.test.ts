import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as openpgp from 'openpgp';
import { buildKeyRegistry, fingerprintsFor } from '../../../core/signatures/registry.js';
import { DesignGateError } from '../../../core/errors.js';
import { makeTempDir } from '../../helpers/repo.js';
import { generateSshKey, type SshTestKey } from './ssh-fixtures.js';

const JANE = 'jane@example.com';
const BOB = 'bob@example.com';
const SIGNERS = '.designgate/allowed_signers';

let dir: string;
let jane: SshTestKey;
let bob: SshTestKey;
let janePgp: string;
let janePgpFingerprint: string;

before(async () => {
  dir = makeTempDir('designgate-registry-');
  jane = generateSshKey(dir, 'ed25519', 'jane');
  bob = generateSshKey(dir, 'ecdsa-256', 'bob');
  const { publicKey } = await openpgp.generateKey({ userIDs: [{ name: 'Jane', email: JANE }], format: 'object' });
  janePgp = publicKey.armor();
  janePgpFingerprint = publicKey.getFingerprint().toUpperCase();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const approvers = (janeKeys: string[] = [], bobKeys: string[] = []): Array<{ name: string; email: string; keys: string[] }> => [
  { name: 'Jane', email: JANE, keys: janeKeys },
  { name: 'Bob', email: BOB, keys: bobKeys },
];

async function configError(run: () => Promise<unknown>): Promise<DesignGateError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof DesignGateError, String(error));
    assert.equal(error.code, 'CONFIG');
    return error;
  }
  assert.fail('expected a CONFIG error');
}

describe('buildKeyRegistry', () => {
  test('registers config keys (SSH and OpenPGP) under their approver', async () => {
    const registry = await buildKeyRegistry({ approvers: approvers([jane.pub, janePgp], [bob.pub]) });
    assert.equal(registry.ssh.size, 2);
    const entry = registry.ssh.get(jane.pub.split(' ')[1] as string);
    assert.equal(entry?.key.fingerprint, jane.fingerprint);
    assert.deepEqual(entry?.bindings, [{ source: '.designrc.json approvers[0].keys[0]', principals: JANE, literalPrincipals: [JANE] }]);
    assert.equal(registry.openpgp.length, 1);
    assert.equal(registry.openpgp[0]?.email, JANE);
    assert.equal(registry.openpgp[0]?.source, '.designrc.json approvers[0].keys[1]');
    assert.deepEqual(fingerprintsFor(registry, JANE), [jane.fingerprint, janePgpFingerprint]);
    assert.deepEqual(fingerprintsFor(registry, BOB), [bob.fingerprint]);
    assert.deepEqual(fingerprintsFor(registry, 'nobody@example.com'), []);
  });

  test('adds allowed-signers lines as further bindings of the same key, with their options', async () => {
    const registry = await buildKeyRegistry({
      approvers: approvers([jane.pub]),
      allowedSigners: { file: SIGNERS, text: `# team\n${JANE} namespaces="git",valid-before="20300101Z" ${jane.pub}\n*@example.com ${bob.pub}\n` },
    });
    const bindings = registry.ssh.get(jane.pub.split(' ')[1] as string)?.bindings ?? [];
    assert.deepEqual(bindings.map((b) => b.source), ['.designrc.json approvers[0].keys[0]', `${SIGNERS}:2`]);
    assert.equal(bindings[1]?.namespaces, 'git');
    assert.equal(bindings[1]?.validBefore?.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.deepEqual(registry.ssh.get(bob.pub.split(' ')[1] as string)?.bindings[0]?.literalPrincipals, []);
    assert.deepEqual(fingerprintsFor(registry, BOB), []);
  });

  test('passes on allowed-signers warnings', async () => {
    const registry = await buildKeyRegistry({ approvers: approvers(), allowedSigners: { file: SIGNERS, text: `*@example.com cert-authority ${jane.pub}\n` } });
    assert.equal(registry.ssh.size, 0);
    assert.equal(registry.warnings.length, 1);
    assert.equal(registry.warnings[0]?.file, SIGNERS);
    assert.equal(registry.warnings[0]?.line, 1);
  });

  test('collects every unreadable key and line into one config error', async () => {
    const error = await configError(() =>
      buildKeyRegistry({
        approvers: approvers(['not a key', 'ssh-ed25519 AAAA', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n']),
        allowedSigners: { file: SIGNERS, text: `${JANE} bogus ${jane.pub}\n` },
        configFile: 'sub/.designrc.json',
      }),
    );
    assert.equal(error.causes.length, 4);
    assert.match(error.causes[0]?.message ?? '', /^sub\/\.designrc\.json approvers\[0\]\.keys\[0\]: a key of approver jane@example\.com is neither an OpenSSH public key/);
    assert.match(error.causes[1]?.message ?? '', /approvers\[0\]\.keys\[1\]: a key of approver jane@example\.com cannot be read: the key data/);
    assert.match(error.causes[2]?.message ?? '', /approvers\[0\]\.keys\[2\]: a key of approver jane@example\.com cannot be read/);
    assert.deepEqual({ file: error.causes[3]?.file, line: error.causes[3]?.line }, { file: SIGNERS, line: 1 });
    assert.match(error.fix ?? '', /sub\/\.designrc\.json/);
  });

  test('an error only in the allowed-signers file points the fix at that file', async () => {
    const error = await configError(() => buildKeyRegistry({ approvers: approvers(), allowedSigners: { file: SIGNERS, text: `${JANE}\n` } }));
    assert.match(error.fix ?? '', /correct \.designgate\/allowed_signers/);
  });

  test('one key registered to two approvers is a config error (A7)', async () => {
    for (const input of [
      { approvers: approvers([jane.pub], [jane.pub]) },
      { approvers: approvers([jane.pub]), allowedSigners: { file: SIGNERS, text: `${BOB} ${jane.pub}\n` } },
      { approvers: approvers(), allowedSigners: { file: SIGNERS, text: `"${JANE},${BOB}" ${jane.pub}\n` } },
      { approvers: approvers([janePgp], [janePgp]) },
    ]) {
      const error = await configError(() => buildKeyRegistry(input));
      assert.match(error.causes[0]?.message ?? '', /is registered to several approvers \(bob@example\.com, jane@example\.com\)/);
    }
  });

  test('a key for one approver and a non-approver (a second address) is fine; case differences count as one person', async () => {
    const registry = await buildKeyRegistry({
      approvers: approvers([jane.pub]),
      allowedSigners: { file: SIGNERS, text: `"${JANE},jane@personal.example" ${jane.pub}\n` },
    });
    assert.equal(registry.ssh.size, 1);
    const error = await configError(() =>
      buildKeyRegistry({ approvers: approvers(), allowedSigners: { file: SIGNERS, text: `"${JANE},Bob@Example.com" ${jane.pub}\n` } }),
    );
    assert.match(error.causes[0]?.message ?? '', /several approvers/);
  });

  test('revoked keys: OpenSSH lines, SHA256 fingerprints and OpenPGP fingerprints', async () => {
    const registry = await buildKeyRegistry({
      approvers: approvers(),
      revokedKeys: [jane.pub, bob.fingerprint, janePgpFingerprint.toLowerCase().replace(/(.{4})/g, '$1 ')],
    });
    assert.ok(registry.revoked.has(jane.pub.split(' ')[1] as string));
    assert.ok(registry.revoked.has(bob.fingerprint));
    assert.ok(registry.revoked.has(janePgpFingerprint.toLowerCase()));
    const error = await configError(() => buildKeyRegistry({ approvers: approvers(), revokedKeys: ['SHA1:abc'] }));
    assert.match(error.causes[0]?.message ?? '', /revoked key "SHA1:abc" is neither/);
  });
});

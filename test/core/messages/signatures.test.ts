import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { signatureMessages as m } from '../../../core/messages/signatures.js';

/** Every message with placeholder arguments, rendered. */
function renderAll(): Array<[string, string]> {
  return Object.entries(m).map(([name, value]) => {
    if (typeof value === 'string') return [name, value];
    // One placeholder that serves as a string, a list of emails and a date.
    const arg = Object.assign(['x'], { toISOString: () => '2020-01-01T00:00:00.000Z' });
    const args = Array.from({ length: value.length }, () => arg);
    return [name, (value as (...a: unknown[]) => string)(...args)];
  });
}

describe('signatureMessages', () => {
  test('verdict clauses fit inside the approval check\'s sentences: no final period, no line break', () => {
    for (const [name, text] of renderAll()) {
      assert.ok(text.length > 0, name);
      assert.doesNotMatch(text, /\.$/, name);
      assert.doesNotMatch(text, /\n/, name);
    }
  });

  test('key names and registrations read as the signer', () => {
    assert.equal(m.registeredTo(m.sshKeyName('SHA256:abc'), ['bob@example.com']), 'SSH key SHA256:abc (registered to bob@example.com)');
    assert.equal(m.unknownKey(m.pgpKeyName('ABCD')), 'OpenPGP key ABCD, which is not registered for any approver');
  });

  test('times are shown in UTC without milliseconds', () => {
    assert.equal(
      m.expiredUntil('SSH key K', new Date('2020-01-01T00:00:00Z'), 'f:3'),
      'SSH key K was valid only until 2020-01-01T00:00:00Z (f:3)',
    );
    assert.equal(m.pgpExpired('OpenPGP key K', undefined), 'OpenPGP key K has expired');
  });

  test('namespace and SHA-1 messages name the fix', () => {
    assert.match(m.sshWrongNamespace('file'), /ssh-keygen -Y sign -n git/);
    assert.match(m.sshSha1, /rsa-sha2-256 and rsa-sha2-512/);
  });
});

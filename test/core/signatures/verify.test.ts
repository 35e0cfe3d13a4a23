import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as openpgp from 'openpgp';
import { buildKeyRegistry, verifyCommitSignature, type KeyRegistry, type SignatureVerdict } from '../../../core/signatures/verify.js';
import { gitEnv, makeRepo, makeTempDir, projectRoot } from '../../helpers/repo.js';
import { SSH_KINDS, generateSshKey, sshKeygenVerifies, sshSign, type SshKind, type SshTestKey } from './ssh-fixtures.js';

const JANE = 'jane@example.com';
const BOB = 'bob@example.com';
const payload = Buffer.from('tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor Jane <jane@example.com> 1700000000 +0000\ncommitter Jane <jane@example.com> 1700000000 +0000\n\nApprove x\n\nApproved-by: Jane <jane@example.com>\n');

let dir: string;
const janeKeys = new Map<SshKind, SshTestKey>();
let bobKey: SshTestKey;

before(() => {
  dir = makeTempDir('designgate-verify-');
  for (const kind of SSH_KINDS) janeKeys.set(kind, generateSshKey(dir, kind, `jane-${kind}`));
  bobKey = generateSshKey(dir, 'ed25519', 'bob');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const reason = (v: SignatureVerdict): string => (v.ok ? 'ok' : v.reason);

async function registryFrom(signers: string, extra: { revokedKeys?: string[]; configKeys?: string[] } = {}): Promise<KeyRegistry> {
  return buildKeyRegistry({
    approvers: [
      { name: 'Jane', email: JANE, keys: extra.configKeys ?? [] },
      { name: 'Bob', email: BOB, keys: [] },
    ],
    allowedSigners: { text: signers, file: '.designgate/allowed_signers' },
    ...(extra.revokedKeys === undefined ? {} : { revokedKeys: extra.revokedKeys }),
  });
}

interface Case {
  name: string;
  signers: (jane: SshTestKey) => string;
  namespace?: string;
  tamper?: boolean;
  revoked?: boolean;
  config?: boolean;
  email?: string;
  expected: string;
  /** What `ssh-keygen -Y verify` says; differs from us only where the policy is deliberately stricter. */
  oracle: boolean;
}

const cases: Case[] = [
  { name: 'registered key, literal principal', signers: (k) => `${JANE} ${k.pub}`, expected: 'ok', oracle: true },
  { name: 'key registered in the config, no allowed-signers line', signers: () => '', config: true, expected: 'ok', oracle: true },
  { name: 'payload changed after signing', signers: (k) => `${JANE} ${k.pub}`, tamper: true, expected: 'bad-signature', oracle: false },
  { name: 'signed with -n file', signers: (k) => `${JANE} ${k.pub}`, namespace: 'file', expected: 'wrong-namespace', oracle: false },
  { name: 'key not registered', signers: () => `${BOB} ${bobKey.pub}`, expected: 'unknown-key', oracle: false },
  { name: 'key registered to another approver', signers: (k) => `${BOB} ${k.pub}`, expected: 'wrong-principal', oracle: false },
  { name: 'principal differs in case', signers: (k) => `Jane@Example.com ${k.pub}`, expected: 'wrong-principal', oracle: false },
  // ssh-keygen accepts a wildcard principal; an approval needs the literal email (R2).
  { name: 'only a wildcard principal', signers: (k) => `*@example.com ${k.pub}`, expected: 'wrong-principal', oracle: true },
  { name: 'valid-before in the past', signers: (k) => `${JANE} valid-before="20200101Z" ${k.pub}`, expected: 'expired', oracle: false },
  { name: 'valid-after in the future', signers: (k) => `${JANE} valid-after="29990101Z" ${k.pub}`, expected: 'not-yet-valid', oracle: false },
  { name: 'inside its validity window', signers: (k) => `${JANE} valid-after="20200101Z",valid-before="29990101Z" ${k.pub}`, expected: 'ok', oracle: true },
  { name: 'namespaces option excludes git', signers: (k) => `${JANE} namespaces="file" ${k.pub}`, expected: 'wrong-namespace', oracle: false },
  { name: 'namespaces option includes git', signers: (k) => `${JANE} namespaces="file,gi?" ${k.pub}`, expected: 'ok', oracle: true },
  { name: 'revoked key', signers: (k) => `${JANE} ${k.pub}`, revoked: true, expected: 'revoked', oracle: false },
  {
    name: 'an expired line does not hide a valid line for the same key',
    signers: (k) => `${JANE} valid-before="20200101Z" ${k.pub}\n${JANE} ${k.pub}`,
    expected: 'ok',
    oracle: true,
  },
];

describe('verifyCommitSignature (SSH) agrees with ssh-keygen -Y verify', () => {
  for (const kind of SSH_KINDS) {
    for (const c of cases) {
      test(`${kind}: ${c.name} → ${c.expected}`, async () => {
        const key = janeKeys.get(kind) as SshTestKey;
        const signature = sshSign(dir, key, payload, c.namespace ?? 'git');
        const signed = c.tamper ? Buffer.concat([payload, Buffer.from('x')]) : payload;
        const signers = c.signers(key);
        const registry = await registryFrom(signers, {
          ...(c.revoked ? { revokedKeys: [key.pub] } : {}),
          ...(c.config ? { configKeys: [key.pub] } : {}),
        });
        const verdict = await verifyCommitSignature({ signature, payload: signed, email: c.email ?? JANE, registry, now: new Date() });
        assert.equal(reason(verdict), c.expected, verdict.ok ? '' : verdict.message);
        if (verdict.ok) assert.deepEqual(verdict, { ok: true, kind: 'ssh', email: JANE, fingerprint: key.fingerprint });
        else assert.ok(verdict.message.length > 0);
        const oracle = sshKeygenVerifies(dir, {
          allowedSigners: (c.config ? `${JANE} ${key.pub}\n` : '') + signers + '\n',
          principal: c.email ?? JANE,
          signature,
          payload: signed,
          ...(c.revoked ? { revoked: key.pub + '\n' } : {}),
        });
        assert.equal(oracle, c.oracle, 'ssh-keygen -Y verify');
      });
    }
  }
});

describe('verifyCommitSignature messages', () => {
  test('wrong principal names the key and who it is registered to', async () => {
    const key = janeKeys.get('ed25519') as SshTestKey;
    const registry = await registryFrom(`${BOB} ${key.pub}`);
    const verdict = await verifyCommitSignature({ signature: sshSign(dir, key, payload), payload, email: JANE, registry, now: new Date() });
    assert.ok(!verdict.ok);
    assert.equal(verdict.message, `SSH key ${key.fingerprint} (registered to ${BOB})`);
  });

  test('a wildcard-only match says so and names the line', async () => {
    const key = janeKeys.get('ed25519') as SshTestKey;
    const registry = await registryFrom(`# keys\n*@example.com ${key.pub}`);
    const verdict = await verifyCommitSignature({ signature: sshSign(dir, key, payload), payload, email: JANE, registry, now: new Date() });
    assert.ok(!verdict.ok);
    assert.match(verdict.message, /\.designgate\/allowed_signers:2 matches jane@example.com only through the pattern "\*@example.com"/);
  });

  test('expiry names the end of the window and the line', async () => {
    const key = janeKeys.get('ed25519') as SshTestKey;
    const registry = await registryFrom(`${JANE} valid-before="20200101Z" ${key.pub}`);
    const verdict = await verifyCommitSignature({ signature: sshSign(dir, key, payload), payload, email: JANE, registry, now: new Date() });
    assert.ok(!verdict.ok);
    assert.equal(verdict.message, `SSH key ${key.fingerprint} was valid only until 2020-01-01T00:00:00Z (.designgate/allowed_signers:1)`);
  });

  test('validity is judged at `now`, to the second', async () => {
    const key = janeKeys.get('ed25519') as SshTestKey;
    const registry = await registryFrom(`${JANE} valid-after="20240101000000Z",valid-before="20240102000000Z" ${key.pub}`);
    const signature = sshSign(dir, key, payload);
    const at = async (iso: string): Promise<string> => reason(await verifyCommitSignature({ signature, payload, email: JANE, registry, now: new Date(iso) }));
    assert.equal(await at('2023-12-31T23:59:59.999Z'), 'not-yet-valid');
    assert.equal(await at('2024-01-01T00:00:00.000Z'), 'ok');
    assert.equal(await at('2024-01-02T00:00:00.999Z'), 'ok');
    assert.equal(await at('2024-01-02T00:00:01.000Z'), 'expired');
  });

  test('no signature is unsigned; X.509 and junk are unsupported', async () => {
    const registry = await registryFrom('');
    for (const signature of [undefined, '', '  \n']) {
      assert.equal(reason(await verifyCommitSignature({ signature, payload, email: JANE, registry, now: new Date() })), 'unsigned');
    }
    for (const signature of ['-----BEGIN SIGNED MESSAGE-----\nMIIB\n-----END SIGNED MESSAGE-----\n', 'hello']) {
      const verdict = await verifyCommitSignature({ signature, payload, email: JANE, registry, now: new Date() });
      assert.equal(reason(verdict), 'unsupported');
    }
  });
});

/** The gpgsig header and the bytes it covers, read from a raw commit as git's verify-commit does. */
function splitSignedCommit(raw: Buffer): { signature: string; payload: Buffer } {
  const text = raw.toString('utf8');
  const headerEnd = text.indexOf('\n\n');
  const lines = text.slice(0, headerEnd + 1).split('\n');
  const kept: string[] = [];
  const sig: string[] = [];
  let inSig = false;
  for (const line of lines.slice(0, -1)) {
    if (line.startsWith('gpgsig ')) {
      inSig = true;
      sig.push(line.slice('gpgsig '.length));
    } else if (inSig && line.startsWith(' ')) {
      sig.push(line.slice(1));
    } else {
      inSig = false;
      kept.push(line);
    }
  }
  return { signature: sig.join('\n') + '\n', payload: Buffer.from(kept.join('\n') + '\n' + text.slice(headerEnd + 1)) };
}

describe('real signed git commits', () => {
  test('an SSH-signed commit verifies; a backdated commit with an expired key does not, though git verify-commit accepts it', async () => {
    const key = janeKeys.get('ed25519') as SshTestKey;
    const repo = makeRepo({ 'a.txt': 'a' });
    try {
      const signers = join(repo.dir, '.git', 'allowed_signers');
      writeFileSync(signers, `${JANE} valid-before="20210101Z" ${key.pub}\n`);
      repo.git('config', 'gpg.format', 'ssh');
      repo.git('config', 'user.signingkey', key.path);
      repo.git('config', 'gpg.ssh.allowedSignersFile', signers);
      repo.write({ 'a.txt': 'b' });
      repo.git('add', '-A');
      execFileSync('git', ['commit', '-q', '-S', '-m', 'Approve x\n\nApproved-by: Jane <jane@example.com>'], {
        cwd: repo.dir,
        env: gitEnv({ GIT_COMMITTER_DATE: '2020-06-01T00:00:00Z', GIT_AUTHOR_DATE: '2020-06-01T00:00:00Z' }),
      });
      const { signature, payload: signed } = splitSignedCommit(execFileSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: repo.dir }));
      assert.match(signature, /^-----BEGIN SSH SIGNATURE-----/);
      // git checks the key at the committer date, which the signer chose.
      assert.equal(spawnSync('git', ['verify-commit', 'HEAD'], { cwd: repo.dir, env: gitEnv() }).status, 0);
      const windowed = await registryFrom(`${JANE} valid-before="20210101Z" ${key.pub}`);
      assert.equal(reason(await verifyCommitSignature({ signature, payload: signed, email: JANE, registry: windowed, now: new Date() })), 'expired');
      assert.equal(reason(await verifyCommitSignature({ signature, payload: signed, email: JANE, registry: windowed, now: new Date('2020-07-01T00:00:00Z') })), 'ok');
      const open = await registryFrom('', { configKeys: [key.pub] });
      assert.equal(reason(await verifyCommitSignature({ signature, payload: signed, email: JANE, registry: open, now: new Date() })), 'ok');
      assert.equal(reason(await verifyCommitSignature({ signature, payload: signed, email: BOB, registry: open, now: new Date() })), 'wrong-principal');
    } finally {
      repo.cleanup();
    }
  });

  const hasGpg = spawnSync('gpg', ['--version']).status === 0;
  test('a gpg-signed commit verifies against the exported public key', { skip: hasGpg ? false : 'gpg is not installed' }, async () => {
    const gnupg = join(dir, 'gnupg');
    mkdirSync(gnupg, { mode: 0o700 });
    const env = gitEnv({ GNUPGHOME: gnupg });
    const repo = makeRepo({ 'a.txt': 'a' });
    try {
      execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key', `Jane <${JANE}>`, 'ed25519', 'sign', 'never'], {
        env,
        stdio: 'ignore',
      });
      const armored = execFileSync('gpg', ['--armor', '--export', JANE], { env, encoding: 'utf8' });
      repo.git('config', 'user.signingkey', JANE);
      repo.write({ 'a.txt': 'b' });
      repo.git('add', '-A');
      execFileSync('git', ['commit', '-q', '-S', '-m', 'Approve x\n\nApproved-by: Jane <jane@example.com>'], { cwd: repo.dir, env });
      const { signature, payload: signed } = splitSignedCommit(execFileSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: repo.dir }));
      assert.match(signature, /^-----BEGIN PGP SIGNATURE-----/);
      const registry = await buildKeyRegistry({ approvers: [{ name: 'Jane', email: JANE, keys: [armored] }, { name: 'Bob', email: BOB, keys: [] }] });
      const verdict = await verifyCommitSignature({ signature, payload: signed, email: JANE, registry, now: new Date() });
      assert.equal(reason(verdict), 'ok', verdict.ok ? '' : verdict.message);
      assert.ok(verdict.ok && verdict.kind === 'openpgp' && /^[0-9A-F]{40}$/.test(verdict.fingerprint));
      assert.equal(reason(await verifyCommitSignature({ signature, payload: signed, email: BOB, registry, now: new Date() })), 'wrong-principal');
      const tampered = Buffer.from(signed.toString().replace('Approve x', 'Approve y'));
      assert.equal(reason(await verifyCommitSignature({ signature, payload: tampered, email: JANE, registry, now: new Date() })), 'bad-signature');
    } finally {
      repo.cleanup();
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env });
    }
  });
});

describe('openpgp is loaded only for OpenPGP signatures', () => {
  /** Runs verifyCommitSignature in a fresh node and reports whether anything resolved `openpgp`. */
  async function loadsOpenPgp(signature: string, keys: string[]): Promise<boolean> {
    const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}`);
    writeFileSync(trace, '');
    const hook = `export async function resolve(s, c, n) { if (s === 'openpgp') (await import('node:fs')).appendFileSync(${JSON.stringify(trace)}, s + '\\n'); return n(s, c); }`;
    const script = join(dir, `child-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(
      script,
      `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
const { buildKeyRegistry, verifyCommitSignature } = await import(${JSON.stringify(pathToFileURL(join(projectRoot, 'core/signatures/verify.ts')).href)});
const input = JSON.parse(process.argv[2]);
const registry = await buildKeyRegistry({ approvers: [{ name: 'Jane', email: 'jane@example.com', keys: input.keys }] });
const v = await verifyCommitSignature({ signature: input.signature, payload: Buffer.from(input.payload, 'base64'), email: 'jane@example.com', registry, now: new Date() });
process.stdout.write(v.ok ? 'ok' : v.reason);
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, JSON.stringify({ signature, keys, payload: payload.toString('base64') })], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    assert.equal(r.stdout, 'ok', r.stderr);
    return readFileSync(trace, 'utf8').includes('openpgp');
  }

  test('an SSH-only registry and signature never import openpgp; an OpenPGP signature does', async () => {
    const key = janeKeys.get('ed25519') as SshTestKey;
    assert.equal(await loadsOpenPgp(sshSign(dir, key, payload), [key.pub]), false);
    const { privateKey, publicKey } = await openpgp.generateKey({ userIDs: [{ name: 'Jane', email: JANE }], format: 'object' });
    const message = await openpgp.createMessage({ binary: new Uint8Array(payload) });
    const signature = await openpgp.sign({ message, signingKeys: privateKey, detached: true, format: 'armored' });
    assert.equal(await loadsOpenPgp(signature, [publicKey.armor()]), true);
  });
});

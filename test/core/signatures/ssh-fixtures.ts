/**
 * Real OpenSSH keys and signatures for the signature tests: ssh-keygen generates and signs in a
 * temp dir, and `ssh-keygen -Y verify` is the oracle our verdicts are compared with.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SshKind = 'ed25519' | 'rsa' | 'ecdsa-256' | 'ecdsa-384' | 'ecdsa-521';
export const SSH_KINDS: readonly SshKind[] = ['ed25519', 'rsa', 'ecdsa-256', 'ecdsa-384', 'ecdsa-521'];

export interface SshTestKey {
  kind: SshKind;
  /** Path of the private key file. */
  path: string;
  /** The public key line, `type base64 comment`. */
  pub: string;
  /** `ssh-keygen -l` fingerprint. */
  fingerprint: string;
}

/** Generates a key without a passphrase in `dir`. */
export function generateSshKey(dir: string, kind: SshKind, name: string): SshTestKey {
  const path = join(dir, name);
  const [type, bits] = kind.startsWith('ecdsa') ? ['ecdsa', kind.slice(6)] : kind === 'rsa' ? ['rsa', '3072'] : ['ed25519', undefined];
  const args = ['-q', '-t', type as string, '-N', '', '-C', `${name}@test`, '-f', path];
  if (bits !== undefined) args.push('-b', bits);
  execFileSync('ssh-keygen', args, { stdio: 'ignore' });
  const pub = readFileSync(`${path}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1] as string;
  return { kind, path, pub, fingerprint };
}

let counter = 0;

/** `ssh-keygen -Y sign -n <namespace>` over `payload`; returns the armored signature. */
export function sshSign(dir: string, key: SshTestKey, payload: Buffer, namespace = 'git', hashalg: 'sha256' | 'sha512' = 'sha512'): string {
  const file = join(dir, `payload-${counter++}`);
  writeFileSync(file, payload);
  execFileSync('ssh-keygen', ['-Y', 'sign', '-q', '-O', `hashalg=${hashalg}`, '-n', namespace, '-f', key.path, file], { stdio: 'ignore' });
  return readFileSync(`${file}.sig`, 'utf8');
}

/** The oracle: does `ssh-keygen -Y verify` accept this signature for `principal` in namespace git? */
export function sshKeygenVerifies(
  dir: string,
  input: { allowedSigners: string; principal: string; signature: string; payload: Buffer; revoked?: string },
): boolean {
  const id = counter++;
  const signers = join(dir, `allowed-${id}`);
  const sig = join(dir, `sig-${id}`);
  writeFileSync(signers, input.allowedSigners);
  writeFileSync(sig, input.signature);
  const args = ['-Y', 'verify', '-f', signers, '-I', input.principal, '-n', 'git', '-s', sig];
  if (input.revoked !== undefined) {
    const revoked = join(dir, `revoked-${id}`);
    writeFileSync(revoked, input.revoked);
    args.push('-r', revoked);
  }
  const r = spawnSync('ssh-keygen', args, { input: input.payload });
  return r.status === 0;
}

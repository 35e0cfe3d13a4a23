/**
 * `designgate doctor` as data: is everything designgate needs in place on this machine and in this
 * repository? node and git new enough, a valid `.designrc.json`, the hooks installed and intact,
 * git able to sign approvals with a key the config registers for this user, and the configured
 * Ollama reachable with its model. Each check is `ok`, `warn`, `fail` or `skip`, and every failure
 * carries its fix. What lives outside core (the hook installation, the Ollama client) is reached
 * through injected probes; this module never prints and never exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { DesignConfig, GeneratorConfig } from './config/types.js';
import { findConfigFile } from './config/discover.js';
import { loadConfig } from './config/load.js';
import { formatLocation, isDesignGateError } from './errors.js';
import { runGit } from './git/cli.js';
import { findRepoRoot } from './git/worktree.js';
import { packageFile } from './package-root.js';
import type { Problem } from './problem.js';
import { buildKeyRegistry, fingerprintsFor } from './signatures/registry.js';
import { parseSshPublicKey } from './signatures/ssh-key.js';
import { doctorMessages as m } from './messages/doctor.js';
import { generatorMessages } from './messages/generators.js';
import { workspaceMessages } from './messages/workspace.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';
export type CheckId = 'node' | 'git' | 'config' | 'hooks' | 'signing' | 'ollama';

export interface DoctorCheck {
  id: CheckId;
  status: CheckStatus;
  /** One line: what was found. */
  message: string;
  /** The command or edit that fixes it (failures and warnings). */
  fix?: string;
  /** Further lines (each hook problem, each unreadable key). */
  details?: string[];
}

export interface DoctorReport {
  /** False when any check failed: `doctor` exits 1. */
  ok: boolean;
  checks: DoctorCheck[];
}

export interface OllamaFound {
  host: string;
  version: string;
}

/** The parts of the world that core may not import: given by the CLI. */
export interface DoctorProbes {
  /** What is wrong with the hook installation (hooks/install.ts `checkHooks`); [] when intact. */
  hooks(repoRoot: string): Promise<readonly Problem[]>;
  /** Contacts the configured Ollama and checks the model; throws a DesignGateError (cause and fix) when it cannot. */
  ollama(generator: GeneratorConfig): Promise<OllamaFound>;
}

export interface DoctorOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `process.version` of the node running designgate. */
  nodeVersion: string;
  probes: DoctorProbes;
}

/** The oldest git designgate supports: SSH signing (2.34) and `git commit --trailer` (2.32). */
export const MIN_GIT = '2.34.0';

/**
 * Runs every check; never throws for what it finds.
 * @example const report = await runDoctor({ cwd, env, nodeVersion: process.version, probes }); report.ok // false
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { cwd, env } = options;
  const checks: DoctorCheck[] = [checkNode(options.nodeVersion, nodeRange()), await checkGit(cwd, env)];
  const repoRoot = await findRepoRoot(cwd, env);
  if (repoRoot === undefined) {
    checks.push({ id: 'config', status: 'fail', message: workspaceMessages.notARepository(cwd), fix: workspaceMessages.notARepositoryFix });
    for (const id of ['hooks', 'signing', 'ollama'] as const) checks.push({ id, status: 'skip', message: m.needsRepository });
    return finish(checks);
  }
  const loaded = readConfig(cwd, repoRoot);
  checks.push(loaded.check);
  checks.push(await checkHooksWith(options.probes, repoRoot, env));
  const config = loaded.config;
  if (config === undefined) {
    for (const id of ['signing', 'ollama'] as const) checks.push({ id, status: 'skip', message: m.needsConfig });
    return finish(checks);
  }
  const display = relative(repoRoot, config.file).split(sep).join('/');
  checks.push(await checkSigning({ repoRoot, env, config, display }));
  checks.push(await checkOllama(options.probes, config, display));
  return finish(checks);
}

function finish(checks: DoctorCheck[]): DoctorReport {
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

/** `engines.node` of designgate's package.json, e.g. `>=20.17`. */
function nodeRange(): string {
  try {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { engines?: { node?: string } };
    return pkg.engines?.node ?? '>=20';
  } catch {
    return '>=20';
  }
}

/** `[major, minor, patch]` of `v20.17.0`, `2.39.5`, `2.39.5.windows.1`; undefined when unreadable. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const hit = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (hit === null) return undefined;
  return [Number(hit[1]), Number(hit[2]), Number(hit[3] ?? 0)];
}

function atLeast(version: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/**
 * Node against a `>=X.Y[.Z]` range (the only form our engines field uses).
 * @example checkNode('v18.19.0', '>=20.17').status // 'fail'
 */
export function checkNode(version: string, range: string): DoctorCheck {
  const have = parseVersion(version);
  const need = parseVersion(range);
  if (have === undefined || need === undefined || atLeast(have, need)) return { id: 'node', status: 'ok', message: m.nodeOk(version, range) };
  return { id: 'node', status: 'fail', message: m.nodeTooOld(version, range), fix: m.nodeTooOldFix(range) };
}

/**
 * The git on PATH, from `git --version` output, against MIN_GIT.
 * @example checkGitVersion('git version 2.30.1').status // 'fail'
 */
export function checkGitVersion(output: string): DoctorCheck {
  const version = parseVersion(output);
  if (version === undefined) return { id: 'git', status: 'fail', message: m.gitUnreadable(output), fix: m.gitMissingFix };
  const shown = version.join('.');
  if (!atLeast(version, parseVersion(MIN_GIT)!)) return { id: 'git', status: 'fail', message: m.gitTooOld(shown, MIN_GIT), fix: m.gitTooOldFix(MIN_GIT) };
  return { id: 'git', status: 'ok', message: m.gitOk(shown, MIN_GIT) };
}

async function checkGit(cwd: string, env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  try {
    const result = await runGit({ cwd, env }, ['--version']);
    return checkGitVersion(result.stdout.toString('utf8').trim());
  } catch {
    return { id: 'git', status: 'fail', message: m.gitMissing, fix: m.gitMissingFix };
  }
}

/** The `.designrc.json` nearest to cwd, loaded; a failed check says why there is none. */
function readConfig(cwd: string, repoRoot: string): { check: DoctorCheck; config?: DesignConfig } {
  const file = findConfigFile(cwd, repoRoot) ?? findConfigFile(repoRoot, repoRoot);
  if (file === undefined) {
    return { check: { id: 'config', status: 'fail', message: workspaceMessages.noConfig(relativeOrDot(repoRoot, cwd)), fix: workspaceMessages.noConfigFix } };
  }
  const display = relative(repoRoot, file).split(sep).join('/');
  try {
    const config = loadConfig(file, { displayPath: display });
    return { check: { id: 'config', status: 'ok', message: m.configOk(display, config.approvers.length) }, config };
  } catch (error) {
    if (!isDesignGateError(error)) throw error;
    return {
      check: {
        id: 'config',
        status: 'fail',
        message: m.configInvalid(display),
        details: error.causes.length > 0 ? error.causes.map((c) => `${formatLocation(c)}: ${c.message}`) : [error.message],
        ...(error.fix === undefined ? {} : { fix: error.fix }),
      },
    };
  }
}

function relativeOrDot(root: string, dir: string): string {
  const rel = relative(root, dir).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

async function checkHooksWith(probes: DoctorProbes, repoRoot: string, env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const problems = await probes.hooks(repoRoot);
  const hooksPath = (await gitConfig(repoRoot, env, 'core.hooksPath')) ?? '';
  if (problems.length > 0) {
    // Without core.hooksPath git runs none of them, and a list of missing files says less than
    // "not installed"; an edited hook is worth listing.
    const missingOnly = problems.every((p) => p.ruleId === 'hooks-missing' || p.ruleId === 'hooks-path');
    if (hooksPath === '' && missingOnly) return { id: 'hooks', status: 'fail', message: m.hooksNotInstalled, fix: m.hooksFix };
    const fixes = [...new Set(problems.map((p) => p.fix).filter((f): f is string => f !== undefined))];
    return {
      id: 'hooks',
      status: 'fail',
      message: m.hooksBroken(problems.length),
      details: problems.map((p) => `${p.file}: ${p.message}`),
      fix: fixes.length > 0 ? fixes.join('; ') : m.hooksFix,
    };
  }
  if (env['HUSKY'] === '0') return { id: 'hooks', status: 'warn', message: m.huskyOff, fix: m.huskyOffFix };
  return { id: 'hooks', status: 'ok', message: m.hooksOk(hooksPath) };
}

/** The value of a git config key in every scope, or undefined. */
async function gitConfig(cwd: string, env: NodeJS.ProcessEnv, key: string): Promise<string | undefined> {
  const result = await runGit({ cwd, env }, ['config', '--get', key]);
  const value = result.stdout.toString('utf8').trim();
  return result.code === 0 && value !== '' ? value : undefined;
}

interface SigningInput {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  config: DesignConfig;
  /** Repository-relative path of the config, for messages. */
  display: string;
}

/** The signing key git would use, as `{ format, fingerprints, publicKey? }`, or a failed check. */
type SigningKey = { format: 'ssh' | 'openpgp'; fingerprints: string[]; publicKey?: string } | { check: DoctorCheck };

/**
 * Can this user sign approvals that verify? Skipped when signing is off or the user approves
 * nothing; otherwise git's signing setup must name a key that the config registers for the
 * user's email (inline keys or the allowed-signers file, read from the work tree).
 */
export async function checkSigning(input: SigningInput): Promise<DoctorCheck> {
  const { repoRoot, env, config, display } = input;
  if (!config.signedApprovals) return { id: 'signing', status: 'skip', message: m.signingOff(display) };
  const [name, email] = await Promise.all([gitConfig(repoRoot, env, 'user.name'), gitConfig(repoRoot, env, 'user.email')]);
  if (name === undefined || email === undefined) return { id: 'signing', status: 'fail', message: m.signingNoUser, fix: m.signingNoUserFix };
  const index = config.approvers.findIndex((a) => a.email.toLowerCase() === email.toLowerCase());
  const approver = config.approvers[index];
  if (approver === undefined) return { id: 'signing', status: 'skip', message: m.notAnApprover(email, display), fix: m.notAnApproverFix(display) };

  const key = await signingKey(repoRoot, env, email);
  if ('check' in key) return key.check;

  let registered: string[];
  try {
    const allowedSigners = readAllowedSigners(config, repoRoot);
    if ('check' in allowedSigners) return allowedSigners.check;
    const registry = await buildKeyRegistry({
      approvers: config.approvers,
      configFile: display,
      ...(allowedSigners.value === undefined ? {} : { allowedSigners: allowedSigners.value }),
    });
    registered = fingerprintsFor(registry, approver.email);
  } catch (error) {
    if (!isDesignGateError(error)) throw error;
    return {
      id: 'signing',
      status: 'fail',
      message: m.registryInvalid(display),
      details: error.causes.map((c) => `${formatLocation(c)}: ${c.message}`),
      ...(error.fix === undefined ? {} : { fix: error.fix }),
    };
  }
  const match = key.fingerprints.find((f) => registered.some((r) => r.toLowerCase() === f.toLowerCase()));
  if (match !== undefined) return { id: 'signing', status: 'ok', message: m.signingOk(key.format, match, approver.email) };
  const shown = key.fingerprints[0] ?? '?';
  return {
    id: 'signing',
    status: 'fail',
    message: m.keyNotRegistered(key.format, shown, approver.email, display),
    fix: key.format === 'ssh' && key.publicKey !== undefined ? m.registerSshKeyFix(index, key.publicKey, display) : m.registerPgpKeyFix(index, shown, display),
  };
}

function readAllowedSigners(config: DesignConfig, repoRoot: string): { value: { text: string; file: string } | undefined } | { check: DoctorCheck } {
  if (config.allowedSignersFile === undefined) return { value: undefined };
  const abs = join(config.root, config.allowedSignersFile);
  const file = relative(repoRoot, abs).split(sep).join('/');
  try {
    return { value: { text: readFileSync(abs, 'utf8'), file } };
  } catch {
    return { check: { id: 'signing', status: 'fail', message: m.signersMissing(file), fix: m.signersMissingFix(file) } };
  }
}

/** What `git commit -S` would sign with, read from git's config the way git reads it. */
async function signingKey(repoRoot: string, env: NodeJS.ProcessEnv, email: string): Promise<SigningKey> {
  const configured = await gitConfig(repoRoot, env, 'gpg.format');
  const format = configured ?? 'openpgp';
  const key = await gitConfig(repoRoot, env, 'user.signingkey');
  const fail = (message: string, fix: string): SigningKey => ({ check: { id: 'signing', status: 'fail', message, fix } });
  // Nothing set up at all: SSH is the shorter road (no keyring, a key most people already have).
  if (configured === undefined && key === undefined) return fail(m.noSigningSetup, m.noSshKeyFix);
  if (format === 'ssh') {
    if (key === undefined) {
      if ((await gitConfig(repoRoot, env, 'gpg.ssh.defaultKeyCommand')) !== undefined) {
        return { check: { id: 'signing', status: 'warn', message: m.keyCommandOnly, fix: m.keyCommandOnlyFix } };
      }
      return fail(m.noSigningKey('ssh'), m.noSshKeyFix);
    }
    const program = (await gitConfig(repoRoot, env, 'gpg.ssh.program')) ?? 'ssh-keygen';
    if (!(await runs(program, ['-?'], env))) return fail(m.programMissing(program, 'gpg.ssh.program'), m.programMissingFix('ssh-keygen'));
    const publicKey = readSshPublicKey(key, repoRoot, env);
    if (publicKey === 'missing') return fail(m.signingKeyMissing(key), m.signingKeyMissingFix);
    if (publicKey === 'unreadable') return fail(m.signingKeyUnreadable(key), m.signingKeyUnreadableFix(key));
    return { format: 'ssh', fingerprints: [publicKey.fingerprint], publicKey: publicKey.line };
  }
  if (format !== 'openpgp') return fail(m.unsupportedFormat(format), m.unsupportedFormatFix);
  const program = (await gitConfig(repoRoot, env, 'gpg.openpgp.program')) ?? (await gitConfig(repoRoot, env, 'gpg.program')) ?? 'gpg';
  const listed = await capture(program, ['--batch', '--with-colons', '--list-secret-keys', key ?? `<${email}>`], env);
  if (listed === undefined) return fail(m.programMissing(program, 'gpg.program'), m.programMissingFix('gpg'));
  const fingerprints = listed.code === 0 ? [...listed.stdout.matchAll(/^fpr:(?:[^:]*:){8}([0-9A-Fa-f]{40,64}):/gm)].map((h) => h[1]!.toUpperCase()) : [];
  if (fingerprints.length === 0) {
    return key === undefined ? fail(m.noSigningKey('openpgp'), m.noPgpKeyFix(email)) : fail(m.pgpKeyNotFound(key), m.noPgpKeyFix(email));
  }
  return { format: 'openpgp', fingerprints };
}

/**
 * user.signingkey for SSH as git reads it: a `key::` literal, a public key line, or a file holding
 * the public key or the private key (whose `.pub` sits beside it).
 */
function readSshPublicKey(key: string, repoRoot: string, env: NodeJS.ProcessEnv): { line: string; fingerprint: string } | 'missing' | 'unreadable' {
  const parse = (text: string) => {
    const line = text.trim().split('\n')[0]?.trim() ?? '';
    const parsed = parseSshPublicKey(line);
    return parsed.ok ? { line: line.split(/\s+/).slice(0, 2).join(' '), fingerprint: parsed.key.fingerprint } : undefined;
  };
  if (key.startsWith('key::')) return parse(key.slice(5)) ?? 'unreadable';
  if (/^(ssh-|ecdsa-|sk-)/.test(key)) return parse(key) ?? 'unreadable';
  const home = env['HOME'] || homedir();
  const file = key.startsWith('~/') ? join(home, key.slice(2)) : isAbsolute(key) ? key : join(repoRoot, key);
  if (!existsSync(file)) return 'missing';
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const direct = read(file);
  const own = direct === undefined ? undefined : parse(direct);
  if (own !== undefined) return own;
  const pub = read(`${file}.pub`);
  return (pub === undefined ? undefined : parse(pub)) ?? 'unreadable';
}

/** Whether `program` can be started at all (its exit code does not matter). */
async function runs(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await capture(program, args, env)) !== undefined;
}

/** Runs a program without a shell; undefined when it cannot be started. */
function capture(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string } | undefined> {
  return new Promise((resolve) => {
    let stdout = '';
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

async function checkOllama(probes: DoctorProbes, config: DesignConfig, display: string): Promise<DoctorCheck> {
  const generator = config.generator;
  if (generator === undefined) return { id: 'ollama', status: 'skip', message: m.noGenerator(display), fix: generatorMessages.noGeneratorConfigFix };
  try {
    const found = await probes.ollama(generator);
    return { id: 'ollama', status: 'ok', message: m.ollamaOk(found.host, found.version, generator.model) };
  } catch (error) {
    if (isDesignGateError(error)) return { id: 'ollama', status: 'fail', message: error.message, ...(error.fix === undefined ? {} : { fix: error.fix }) };
    return { id: 'ollama', status: 'fail', message: m.ollamaFailed(error instanceof Error ? error.message : String(error)), fix: generatorMessages.unreachableFix };
  }
}

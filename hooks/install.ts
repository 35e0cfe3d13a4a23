/**
 * Installs the hooks the way husky 9 does — `.husky/_/` (runner, stubs, `.gitignore`) and
 * `core.hooksPath=.husky/_` — plus designgate's one-line shim in `.husky/<hook>`, and reads
 * `core.hooksPath` back: husky is silent when it cannot set it (a package.json below the git root,
 * typicode/husky#1576), so this fails loudly instead. An existing `.husky/<hook>` keeps its lines; a
 * pre-commit that runs lint-staged gets one lint-staged entry instead of a second pass. It also
 * checks an installation (`checkHooks`, for `designgate status`): hooks that are missing, edited
 * or bypassed by another hooksPath.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DesignGateError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { runGit } from '../core/git/cli.js';
import { hookMessages as m } from '../core/messages/hooks.js';
import type { Problem } from '../core/problem.js';
import {
  HOOK_NAMES,
  HOOKS_PATH,
  HUSKY_DEPRECATED,
  HUSKY_HOOKS,
  HUSKY_RUNNER,
  HUSKY_STUB,
  LINT_STAGED_COMMAND,
  isShimLine,
  shimLine,
  type HookName,
} from './shims.js';

export interface InstallOptions {
  /** The work tree's top level. */
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  /** Absolute path of the compiled designgate bin the shims run. */
  binPath: string;
  /** Which hooks to install (default: all four). */
  hooks?: readonly HookName[];
}

export interface InstallReport {
  /** Repository-relative files written or changed. */
  written: string[];
  /** What the user should know (a replaced hooksPath, a lint-staged entry, the prepare script). */
  notes: string[];
}

/** A lint-staged config found beside a package.json: where, and whether designgate can edit it. */
export interface LintStagedConfig {
  /** Repository-relative path. */
  file: string;
  kind: 'package.json' | 'json' | 'other';
}

const LINT_STAGED_FILES: Array<[string, LintStagedConfig['kind']]> = [
  ['.lintstagedrc', 'json'],
  ['.lintstagedrc.json', 'json'],
  ['.lintstagedrc.yaml', 'other'],
  ['.lintstagedrc.yml', 'other'],
  ['.lintstagedrc.mjs', 'other'],
  ['.lintstagedrc.cjs', 'other'],
  ['.lintstagedrc.js', 'other'],
  ['lint-staged.config.mjs', 'other'],
  ['lint-staged.config.cjs', 'other'],
  ['lint-staged.config.js', 'other'],
];

/**
 * @example await installHooks({ repoRoot, env, binPath: '/repo/node_modules/designgate/dist/bin/designgate.js' })
 *   // { written: ['.husky/_/h', …, '.husky/pre-commit'], notes: [] }
 */
export async function installHooks(options: InstallOptions): Promise<InstallReport> {
  const { repoRoot } = options;
  const report: InstallReport = { written: [], notes: [] };
  const write = async (rel: string, text: string, mode: number) => {
    await writeFileAtomic(join(repoRoot, rel), text, { overwrite: true, mode });
    report.written.push(rel);
  };

  const previous = await hooksPath(repoRoot, options.env);
  await write(`${HOOKS_PATH}/.gitignore`, '*', 0o644);
  await write(`${HOOKS_PATH}/h`, HUSKY_RUNNER, 0o755);
  for (const hook of HUSKY_HOOKS) await write(`${HOOKS_PATH}/${hook}`, HUSKY_STUB, 0o755);
  await write(`${HOOKS_PATH}/husky.sh`, HUSKY_DEPRECATED, 0o644);

  const bin = shimPath(repoRoot, options.binPath);
  for (const hook of options.hooks ?? HOOK_NAMES) {
    const file = `.husky/${hook}`;
    const existing = readText(join(repoRoot, file));
    if (hook === 'pre-commit' && existing !== undefined && /\blint-staged\b/.test(existing) && !hasShim(existing, hook)) {
      const config = findLintStagedConfig(repoRoot);
      if (config !== undefined && config.kind !== 'other') {
        if (await addLintStagedEntry(repoRoot, config)) {
          report.written.push(config.file);
          report.notes.push(m.lintStagedEntryAdded(config.file));
        }
        continue;
      }
      if (config !== undefined) report.notes.push(m.lintStagedManual(config.file, `'*': () => '${LINT_STAGED_COMMAND}'`));
    }
    const line = shimLine(hook, bin);
    if (existing === undefined) {
      await write(file, `${line}\n`, 0o755);
      continue;
    }
    const lines = existing.replace(/\n$/, '').split('\n');
    const at = lines.findIndex((l) => isShimLine(l, hook));
    if (at >= 0) lines[at] = line;
    else {
      lines.push(line);
      report.notes.push(m.hookAppended(file));
    }
    const text = `${lines.join('\n')}\n`;
    if (text !== existing) await write(file, text, 0o755);
  }

  const set = await runGit({ cwd: repoRoot, env: options.env }, ['config', 'core.hooksPath', HOOKS_PATH]);
  const now = await hooksPath(repoRoot, options.env);
  if (set.code !== 0 || now !== HOOKS_PATH) {
    throw new DesignGateError('GIT', m.hooksPathNotSet(HOOKS_PATH, now), { fix: m.hooksPathNotSetFix(HOOKS_PATH) });
  }
  if (previous !== undefined && previous !== HOOKS_PATH) report.notes.push(m.hooksPathReplaced(previous, HOOKS_PATH));
  if (!preparesHusky(repoRoot)) report.notes.push(m.huskyPrepare);
  return report;
}

/**
 * What is wrong with an installation, as warnings (status reports them; CI is the gate): a
 * hooksPath that is not `.husky/_`, a missing or edited runner or stub, a `.husky/<hook>` without
 * designgate's line or with an `exit` before it.
 * @example await checkHooks({ repoRoot, env }) // [] when everything is as init wrote it
 */
export async function checkHooks(options: {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  hooks?: readonly HookName[];
  /** `core.hooksPath` when the caller asked git already (status asks while it lists the files). */
  hooksPath?: Promise<string | undefined>;
}): Promise<Problem[]> {
  const { repoRoot } = options;
  const problems: Problem[] = [];
  const warn = (file: string, ruleId: string, message: string, fix: string) => problems.push({ file, ruleId, severity: 'warning', message, fix });
  const actual = await (options.hooksPath ?? hooksPath(repoRoot, options.env));
  if (actual !== HOOKS_PATH) warn(HOOKS_PATH, 'hooks-path', m.hooksPathWrong(actual, HOOKS_PATH), m.hooksPathWrongFix);
  const runner = `${HOOKS_PATH}/h`;
  const runnerText = readText(join(repoRoot, runner));
  if (runnerText === undefined) warn(runner, 'hooks-missing', m.hookMissing(runner), m.hookMissingFix);
  else if (runnerText !== HUSKY_RUNNER) warn(runner, 'hooks-modified', m.hookDiffers(runner), m.hookDiffersFix(runner));
  for (const hook of options.hooks ?? HOOK_NAMES) {
    const stub = `${HOOKS_PATH}/${hook}`;
    const stubText = readText(join(repoRoot, stub));
    if (stubText === undefined || !isExecutable(join(repoRoot, stub))) warn(stub, 'hooks-missing', m.hookMissing(stub), m.hookMissingFix);
    else if (stubText !== HUSKY_STUB) warn(stub, 'hooks-modified', m.hookDiffers(stub), m.hookDiffersFix(stub));
    const file = `.husky/${hook}`;
    const text = readText(join(repoRoot, file));
    if (text === undefined) {
      warn(file, 'hooks-missing', m.hookMissing(file), m.hookMissingFix);
      continue;
    }
    if (hook === 'pre-commit' && !hasShim(text, hook) && /\blint-staged\b/.test(text) && lintStagedRunsDesigngate(repoRoot)) continue;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => isShimLine(l, hook));
    if (at < 0) warn(file, 'hooks-modified', m.hookLineMissing(file), m.hookMissingFix);
    else if (lines.slice(0, at).some((l) => /^\s*exit\b/.test(l))) warn(file, 'hooks-modified', m.hookDiffers(file), m.hookMissingFix);
  }
  return problems;
}

/** The bin path as the shim writes it: from the repository root when inside it, else absolute. */
export function shimPath(repoRoot: string, binPath: string): string {
  const rel = relative(repoRoot, binPath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep) || /^[A-Za-z]:/.test(rel)) return binPath;
  return rel.split(sep).join('/');
}

/** The effective `core.hooksPath` (every config scope), or undefined when unset; `dir` is any folder of the work tree. */
export async function hooksPath(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await runGit({ cwd: dir, env }, ['config', '--get', 'core.hooksPath']);
  const value = result.stdout.toString('utf8').trim();
  return result.code === 0 && value !== '' ? value : undefined;
}

/**
 * The lint-staged config of the repository: the first of lint-staged's own files, at the root or
 * in the folder of a package.json one level down, or a `lint-staged` key in that package.json.
 */
export function findLintStagedConfig(repoRoot: string): LintStagedConfig | undefined {
  for (const folder of packageFolders(repoRoot)) {
    const at = (name: string) => (folder === '' ? name : `${folder}/${name}`);
    for (const [name, kind] of LINT_STAGED_FILES) if (existsSync(join(repoRoot, at(name)))) return { file: at(name), kind };
    const pkg = readJson(join(repoRoot, at('package.json')));
    if (pkg !== undefined && typeof pkg === 'object' && pkg !== null && 'lint-staged' in pkg) {
      return { file: at('package.json'), kind: 'package.json' };
    }
  }
  return undefined;
}

/** Adds the one designgate entry to a JSON lint-staged config; false when it is there already. */
async function addLintStagedEntry(repoRoot: string, config: LintStagedConfig): Promise<boolean> {
  const path = join(repoRoot, config.file);
  const raw = readFileSync(path, 'utf8');
  const doc = JSON.parse(raw) as Record<string, unknown>;
  const entries = (config.kind === 'package.json' ? doc['lint-staged'] : doc) as Record<string, unknown>;
  if (Object.values(entries).some((v) => JSON.stringify(v).includes(LINT_STAGED_COMMAND))) return false;
  // `*` (no slash: any file's base name) matches every staged file, so the check runs once per commit.
  const key = ['*', '**', '**/*'].find((k) => !(k in entries)) ?? '*';
  entries[key] = key in entries ? [...[entries[key]].flat(), LINT_STAGED_COMMAND] : LINT_STAGED_COMMAND;
  const indent = /^[ \t]+/m.exec(raw)?.[0] ?? '  ';
  await writeFileAtomic(path, `${JSON.stringify(doc, null, indent)}\n`, { overwrite: true });
  return true;
}

function lintStagedRunsDesigngate(repoRoot: string): boolean {
  const config = findLintStagedConfig(repoRoot);
  if (config === undefined) return false;
  return readText(join(repoRoot, config.file))?.includes(LINT_STAGED_COMMAND) ?? false;
}

/** '' and every folder one level down that holds a package.json (a Phoenix app's assets/, say). */
function packageFolders(repoRoot: string): string[] {
  const folders = [''];
  let names: string[] = [];
  try {
    names = readdirSync(repoRoot).sort();
  } catch {
    // an unreadable root lists nothing more
  }
  // Hidden folders and node_modules are never packages of the project.
  for (const name of names) {
    if (!name.startsWith('.') && name !== 'node_modules' && existsSync(join(repoRoot, name, 'package.json'))) folders.push(name);
  }
  return folders;
}

function preparesHusky(repoRoot: string): boolean {
  return packageFolders(repoRoot).some((folder) => {
    const pkg = readJson(join(repoRoot, folder, 'package.json')) as { scripts?: Record<string, unknown> } | undefined;
    const prepare = pkg?.scripts?.['prepare'];
    return typeof prepare === 'string' && /\b(husky|designgate)\b/.test(prepare);
  });
}

function hasShim(text: string, hook: HookName): boolean {
  return text.split('\n').some((l) => isShimLine(l, hook));
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    return (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

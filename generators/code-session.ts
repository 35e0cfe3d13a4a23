/**
 * `designgate generate code <design>`: the code session. Before the model is contacted it refuses
 * a design that is not approved or is stale (F15), a target the mapping puts somewhere protected
 * or behind a symbolic link (F2, F3), and a target with uncommitted edits unless forced (E7). Then
 * the runner (generators/session.ts) takes it through fixed steps:
 *
 *   setup:    snapshot (what the two files and every uncommitted file held) → preload (the model)
 *   attempt:  ask (the model, JSON schema) → check (ajv, sizes, the test gate) → write (atomic,
 *             confined) → test (the configured command, the work tree guarded)
 *   finish:   report success     escalate: restore everything, write escalation.md, exit 3
 *
 * The model's answer holds file contents only; the two paths come from the mapping (R12, R15).
 * With `lockTests`, a test file committed at HEAD is never written and never asked for.
 */
import { readFile, lstat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import type { DesignConfig, GeneratorConfig } from '../core/config/types.js';
import { DesignGateError } from '../core/errors.js';
import { locateFile } from '../core/locate.js';
import { compileMapping } from '../core/mapping.js';
import { openGit, type GitAdapter } from '../core/git/index.js';
import type { Problem } from '../core/problem.js';
import { generatorMessages as m } from '../core/messages/generators.js';
import type { ApprovalGate } from './approval-gate.js';
import { checkAnswer, answerFormat, type CodeAnswer } from './answer.js';
import { estimateTokens } from './budget.js';
import { buildCodePrompt } from './code-prompt.js';
import { confineTarget, isNormalRelative } from './confine.js';
import { gatherCodeContext, type CodeContext } from './context.js';
import { unifiedDiff } from './diff.js';
import { designOwners, renderEscalation, type AttemptSummary } from './escalation.js';
import { chooseHost, type HostChoice } from './host.js';
import { waitOptions, withLock } from './lock.js';
import { connectOllama, isAnswerFailure, type OllamaBoundary, type OllamaSettings } from './ollama.js';
import { loadPrompt, type PromptTemplate } from './prompts.js';
import { SessionRecord, newSessionId, sessionMeta, type Json, type StepRecord } from './record.js';
import { abortSession, runSession, type SessionDefinition, type Step, type StepContext } from './session.js';
import { bindTestCommand, parseTestCommand, runTestCommand } from './test-runner.js';
import { reviewGeneratedTest } from './test-quality.js';
import { committedMode, compareStamps, dirtyPaths, restorePaths, stampTree, type BaselineOf, type FileStamp, type TreeStamps } from './tree-guard.js';
import { missingFolders, restoreTarget, writeTarget, type WriteFile } from './writer.js';

export type SessionEvent =
  | { type: 'warning'; message: string }
  | { type: 'started'; sessionId: string; resumed: boolean }
  | { type: 'step'; name: string; phase: string; attempt: number; outcome?: 'ok' | 'failed' }
  | { type: 'tokens'; tokens: number; elapsedMs: number };

/** The world a session runs in; the CLI passes the real one, tests may replace parts. */
export interface SessionWorld {
  approval: ApprovalGate;
  connect?: (settings: OllamaSettings) => OllamaBoundary;
  onEvent?: (event: SessionEvent) => void;
  now?: () => Date;
  writeFile?: WriteFile;
  /** How long to wait for another session on the same component (default: refuse at once). */
  lockWaitMs?: number;
}

export interface CodeSessionRequest {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  /** Repository-relative path of the design. */
  designPath: string;
  /** Overwrite targets with uncommitted edits (a backup is kept in the session). */
  force?: boolean;
}

export type CodeSessionResult =
  | { status: 'refused'; problems: Problem[] }
  | { status: 'succeeded'; sessionId: string; attempts: number; written: string[]; codePath: string; testPath: string; testsLocked: boolean };

export interface CodeDryRun {
  status: 'dry-run';
  system: string;
  prompt: string;
  /** Estimated tokens of system + prompt + schema. */
  tokens: number;
  codePath: string;
  testPath: string;
  testsLocked: boolean;
  model: string;
  host: string;
}

interface Plan {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  config: DesignConfig;
  generator: GeneratorConfig;
  prefix: string;
  rule: number;
  designPath: string;
  designText: string;
  digest: string;
  codePath: string;
  testPath: string;
  codeAbs: string;
  testAbs: string;
  testsLocked: boolean;
  host: HostChoice;
  argv: string[];
  git: GitAdapter;
  isDesign: (repoPath: string) => boolean;
}

interface CodeCtx extends Plan {
  world: SessionWorld;
  model: OllamaBoundary;
  templates: { system: PromptTemplate; user: PromptTemplate };
  context: CodeContext;
  maxAttempts: number;
  sessionId: string;
}

interface TargetState {
  existed: boolean;
  mode: number;
  sha256: string | null;
  /** Repository-relative folders the session may create (removed again on restore). */
  createdDirs: string[];
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const MAX_DIRTY_BACKUP = 32 * 1024 * 1024;

/**
 * Runs a new code session to its end. Returns `refused` (exit 1) when the design may not be
 * implemented, `succeeded` when the tests pass; throws DesignGateError('ESCALATED') (exit 3) after
 * `maxAttempts` failed attempts, with the tree restored, and other DesignGateErrors (exit 2) for
 * setup problems — then the session, if it started, can be resumed.
 */
export async function startCodeSession(request: CodeSessionRequest, world: SessionWorld): Promise<CodeSessionResult> {
  const planned = await planSession(request, world);
  if ('refused' in planned) return { status: 'refused', problems: planned.refused };
  const plan = planned.plan;
  try {
    await refuseUncommittedEdits(plan, request.force === true);
    const now = (world.now ?? (() => new Date()))();
    const id = newSessionId('code', now);
    return await withLock(plan.repoRoot, plan.designPath, id, waitOptions(world.lockWaitMs), async () => {
      const record = await SessionRecord.create(plan.repoRoot, sessionMeta('code', id, now, plan, { codePath: plan.codePath, testPath: plan.testPath, digest: plan.digest, testsLocked: plan.testsLocked, force: request.force === true }));
      world.onEvent?.({ type: 'started', sessionId: id, resumed: false });
      return drive(record, plan, world);
    });
  } finally {
    await plan.git.close();
  }
}

/** Resumes an interrupted code session from its record (E14); the design must be unchanged since it started. */
export async function resumeCodeSession(record: SessionRecord, request: Omit<CodeSessionRequest, 'designPath' | 'force'>, world: SessionWorld): Promise<CodeSessionResult> {
  if (record.status !== 'in-progress') throw new DesignGateError('USAGE', m.sessionAlreadyEnded(record.id, record.status), { fix: m.sessionListFix });
  const planned = await planSession({ ...request, designPath: record.meta.component }, world);
  if ('refused' in planned) return { status: 'refused', problems: planned.refused };
  const plan = planned.plan;
  try {
    const p = record.meta.params;
    // The record cannot widen what the session writes: paths and lock come from the config as it is now.
    if (p['codePath'] !== plan.codePath || p['testPath'] !== plan.testPath || p['testsLocked'] !== plan.testsLocked) {
      throw new DesignGateError('USAGE', m.resumeMappingChanged(record.id), { fix: m.resumeAbortFix(record.id) });
    }
    if (p['digest'] !== plan.digest) throw new DesignGateError('USAGE', m.resumeDesignChanged(record.id, plan.designPath), { fix: m.resumeAbortFix(record.id) });
    return await withLock(plan.repoRoot, plan.designPath, record.id, waitOptions(world.lockWaitMs), () => {
      world.onEvent?.({ type: 'started', sessionId: record.id, resumed: true });
      return drive(record, plan, world);
    });
  } finally {
    await plan.git.close();
  }
}

/**
 * Aborts an unfinished code session: puts the two files (and anything a test run left) back as
 * they were before it, and records the abort. Needs neither the model nor an approved design.
 */
export async function abortCodeSession(record: SessionRecord, request: Omit<CodeSessionRequest, 'designPath' | 'force'>, world: Pick<SessionWorld, 'writeFile' | 'lockWaitMs'>): Promise<string[]> {
  return withLock(request.repoRoot, record.meta.component, record.id, waitOptions(world.lockWaitMs), async () => {
    const git = await openGit({ cwd: request.repoRoot, env: request.env });
    try {
      // The paths come from the record, so they are confined again: a record cannot widen what is written.
      const [codePath, testPath] = [String(record.meta.params['codePath']), String(record.meta.params['testPath'])];
      for (const path of [codePath, testPath]) await confineTarget(request.repoRoot, path, { isDesign: () => false });
      const ctx: RestoreCtx = { repoRoot: request.repoRoot, env: request.env, git, world, codePath, testPath };
      await abortSession(definition(record.meta.maxAttempts), record, ctx as CodeCtx);
      const last = record.steps.at(-1)!;
      return Array.isArray(last.data['problems']) ? (last.data['problems'] as string[]) : [];
    } finally {
      await git.close();
    }
  });
}

/** The prompt of the first attempt and its token estimate, without contacting the model or writing anything. */
export async function dryRunCodeSession(request: CodeSessionRequest, world: SessionWorld): Promise<CodeDryRun | Extract<CodeSessionResult, { status: 'refused' }>> {
  const planned = await planSession(request, world);
  if ('refused' in planned) return { status: 'refused', problems: planned.refused };
  const plan = planned.plan;
  try {
    const templates = await codeTemplates(plan.repoRoot);
    const context = await contextFor(plan);
    const { system, prompt } = buildCodePrompt(templates, {
      ...promptFiles(plan),
      context,
      ...(await currentFiles(plan)),
      attempt: 1,
      maxAttempts: plan.generator.maxAttempts,
    });
    const tokens = estimateTokens(system + prompt + JSON.stringify(answerFormat(plan.testsLocked)));
    return { status: 'dry-run', system, prompt, tokens, codePath: plan.codePath, testPath: plan.testPath, testsLocked: plan.testsLocked, model: plan.generator.model, host: plan.host.host };
  } finally {
    await plan.git.close();
  }
}

/** Everything decided before a session may start; a refusal is data, a setup problem throws. */
async function planSession(request: CodeSessionRequest, world: SessionWorld): Promise<{ plan: Plan } | { refused: Problem[] }> {
  const { repoRoot, env, designPath } = request;
  const { config, prefix, local } = locateFile(repoRoot, designPath);
  const generator = config.generator;
  if (generator === undefined) throw new DesignGateError('CONFIG', m.noGeneratorConfig(prefix + '.designrc.json'), { fix: m.noGeneratorConfigFix });
  const mapping = compileMapping(config.components);
  const triple = mapping.fromDesign(local);
  if (triple === undefined) {
    const other = mapping.classify(local);
    if (other !== undefined) throw new DesignGateError('USAGE', m.notADesign(designPath, other.role, prefix + other.triple.design), { fix: m.notADesignFix(prefix + other.triple.design) });
    throw new DesignGateError('USAGE', m.unmappedDesign(designPath), { fix: m.unmappedDesignFix });
  }
  const designText = await readFile(join(repoRoot, designPath), 'utf8').catch(() => undefined);
  const decision = await world.approval({ repoRoot, env, designPath, text: designText });
  if (!decision.approved || designText === undefined || decision.digest === undefined) return { refused: decision.problems };
  if (generator.testCommand === undefined) throw new DesignGateError('CONFIG', m.noTestCommand, { fix: m.noTestCommandFix });
  const argv = bindTestCommand(parseTestCommand(generator.testCommand), { test: triple.test, code: triple.code });
  const host = chooseHost(generator, env);
  if (host.warning !== undefined) world.onEvent?.({ type: 'warning', message: host.warning });
  const isDesign = (repoPath: string) => {
    if (!repoPath.startsWith(prefix)) return false;
    const rel = repoPath.slice(prefix.length);
    return mapping.classify(rel)?.role === 'design' || rel === config.architecture;
  };
  const codePath = prefix + triple.code;
  const testPath = prefix + triple.test;
  const codeAbs = await confineTarget(repoRoot, codePath, { isDesign });
  const testAbs = await confineTarget(repoRoot, testPath, { isDesign });
  const git = await openGit({ cwd: repoRoot, env });
  try {
    const head = await git.resolve('HEAD');
    const testsLocked = generator.lockTests && head !== undefined && (await git.readAt(head, testPath)) !== undefined;
    return {
      plan: { repoRoot, env, config, generator, prefix, rule: triple.rule, designPath, designText, digest: decision.digest, codePath, testPath, codeAbs, testAbs, testsLocked, host, argv, git, isDesign },
    };
  } catch (error) {
    await git.close();
    throw error;
  }
}

/** E7: a target a person changed and did not commit is not overwritten without --force. */
async function refuseUncommittedEdits(plan: Plan, force: boolean): Promise<void> {
  if (force) return;
  const dirty = new Set(await dirtyPaths(plan.repoRoot, plan.env));
  const touched = [plan.codePath, ...(plan.testsLocked ? [] : [plan.testPath])].filter((p) => dirty.has(p));
  if (touched.length > 0) throw new DesignGateError('USAGE', m.uncommittedTargets(touched), { fix: m.uncommittedTargetsFix(touched) });
}

async function codeTemplates(repoRoot: string): Promise<{ system: PromptTemplate; user: PromptTemplate }> {
  return { system: await loadPrompt('code-system', repoRoot), user: await loadPrompt('code', repoRoot) };
}

function contextFor(plan: Plan): Promise<CodeContext> {
  return gatherCodeContext({
    config: plan.config,
    prefix: plan.prefix,
    rule: plan.rule,
    designPath: plan.designPath,
    designText: plan.designText,
    read: (p) => readFile(join(plan.repoRoot, p), 'utf8').catch(() => undefined),
  });
}

function promptFiles(plan: Plan) {
  return { designPath: plan.designPath, designText: plan.designText, codePath: plan.codePath, testPath: plan.testPath, testsLocked: plan.testsLocked };
}

async function currentFiles(plan: Pick<Plan, 'codeAbs' | 'testAbs'>): Promise<{ currentCode?: string; currentTest?: string }> {
  const code = await readFile(plan.codeAbs, 'utf8').catch(() => undefined);
  const test = await readFile(plan.testAbs, 'utf8').catch(() => undefined);
  return { ...(code === undefined ? {} : { currentCode: code }), ...(test === undefined ? {} : { currentTest: test }) };
}

/** Builds the context, runs the record to its end, and turns the outcome into a result or ESCALATED. */
async function drive(record: SessionRecord, plan: Plan, world: SessionWorld): Promise<CodeSessionResult> {
  const connect = world.connect ?? connectOllama;
  const ctx: CodeCtx = {
    ...plan,
    world,
    model: connect({ host: plan.host.host, model: plan.generator.model, options: plan.generator.options, timeoutMs: plan.generator.timeoutSeconds * 1000 }),
    templates: await codeTemplates(plan.repoRoot),
    context: await contextFor(plan),
    maxAttempts: record.meta.maxAttempts,
    sessionId: record.id,
  };
  const status = await runSession(definition(record.meta.maxAttempts), record, ctx, (e) => world.onEvent?.({ type: 'step', ...e }));
  const attempts = Math.max(0, ...record.steps.map((s) => s.attempt));
  if (status === 'escalated') {
    throw new DesignGateError('ESCALATED', m.escalated(plan.designPath, attempts), { fix: m.escalatedFix(`.designgate/sessions/${record.id}/escalation.md`) });
  }
  if (status === 'aborted') throw new DesignGateError('USAGE', m.sessionAlreadyEnded(record.id, status), { fix: m.sessionListFix });
  const written = record.steps.filter((s) => s.name === 'write' && s.attempt === attempts).flatMap((s) => (Array.isArray(s.data['written']) ? (s.data['written'] as string[]) : []));
  return { status: 'succeeded', sessionId: record.id, attempts, written, codePath: plan.codePath, testPath: plan.testPath, testsLocked: plan.testsLocked };
}

/** The code session's steps; `maxAttempts` comes from the record, so a resumed session keeps its limit. */
export function definition(maxAttempts: number): SessionDefinition<CodeCtx> {
  return { maxAttempts, setup: [snapshotStep, preloadStep], attempt: [askStep, checkStep, writeStep, testStep], finish: finishStep, escalate: escalateStep, abort: abortStep };
}

/** Step names in order, for documentation and `session show`. */
export const CODE_STEPS = { setup: ['snapshot', 'preload'], attempt: ['ask', 'check', 'write', 'test'], finish: 'finish', escalate: 'escalate' } as const;

const snapshotStep: Step<CodeCtx> = {
  name: 'snapshot',
  async run({ c }) {
    const blobs: Record<string, Uint8Array> = {};
    const head = (await c.git.resolve('HEAD')) ?? null;
    const target = async (abs: string, key: 'code' | 'test'): Promise<TargetState> => {
      const info = await lstat(abs).catch(() => undefined);
      const createdDirs = (await missingFolders(c.repoRoot, abs)).map((d) => relative(c.repoRoot, d).split(sep).join('/'));
      if (info === undefined) return { existed: false, mode: 0o644, sha256: null, createdDirs };
      const data = await readFile(abs);
      blobs[`${key}.orig`] = data;
      return { existed: true, mode: info.mode & 0o777, sha256: sha256(data), createdDirs };
    };
    const code = await target(c.codeAbs, 'code');
    const test = await target(c.testAbs, 'test');
    const stamps = await stampTree(c.repoRoot, c.env);
    blobs['tree.json'] = Buffer.from(JSON.stringify([...stamps]));
    // The baseline of every other uncommitted file, so a test run that changes one can be undone (E12).
    const dirty: { [path: string]: Json } = {};
    const notBackedUp: string[] = [];
    let total = 0;
    let n = 0;
    for (const path of await dirtyPaths(c.repoRoot, c.env)) {
      if (path === c.codePath || path === c.testPath) continue;
      const abs = join(c.repoRoot, path);
      const info = await lstat(abs).catch(() => undefined);
      if (info === undefined || !info.isFile()) {
        dirty[path] = null;
        continue;
      }
      if (total + info.size > MAX_DIRTY_BACKUP) {
        notBackedUp.push(path);
        continue;
      }
      const name = `dirty-${n++}`;
      blobs[name] = await readFile(abs);
      total += info.size;
      dirty[path] = { blob: name, mode: info.mode & 0o777 };
    }
    return { outcome: 'ok', blobs, data: { head, code: { ...code }, test: { ...test }, dirty, notBackedUp } };
  },
};

const preloadStep: Step<CodeCtx> = {
  name: 'preload',
  async run({ c }) {
    const info = await c.model.info();
    await c.model.preload();
    return { outcome: 'ok', data: { version: info.version, contextLength: info.contextLength ?? null } };
  },
};

/** The feedback of attempt n−1: the reasons it failed, and its test output. */
async function previousFailure(s: StepContext<CodeCtx>): Promise<{ feedback?: string[]; testOutput?: string }> {
  if (s.attempt <= 1) return {};
  const failed = s.record.steps.find((r) => r.attempt === s.attempt - 1 && r.outcome === 'failed');
  if (failed === undefined) return {};
  const reasons = Array.isArray(failed.data['errors']) ? (failed.data['errors'] as string[]) : [];
  if (failed.name === 'test') {
    const output = (await s.blob(failed, 'test-output.txt')).toString('utf8');
    return { feedback: [m.feedbackTestsFailed(failed.data['exitCode'] as number | null, failed.data['timedOut'] === true), ...reasons], testOutput: output };
  }
  return { feedback: reasons };
}

const askStep: Step<CodeCtx> = {
  name: 'ask',
  async run(s) {
    const { c } = s;
    const { system, prompt } = buildCodePrompt(c.templates, {
      ...promptFiles(c),
      context: c.context,
      ...(await currentFiles(c)),
      ...(await previousFailure(s)),
      attempt: s.attempt,
      maxAttempts: c.maxAttempts,
    });
    const promptText = `<!-- system -->\n${system}\n<!-- user -->\n${prompt}`;
    try {
      const answer = await c.model.ask({
        system,
        prompt,
        format: answerFormat(c.testsLocked),
        onProgress: (p) => c.world.onEvent?.({ type: 'tokens', tokens: p.tokens, elapsedMs: p.elapsedMs }),
      });
      return {
        outcome: 'ok',
        blobs: { 'prompt.md': promptText, 'response.txt': answer.content },
        data: {
          doneReason: answer.doneReason,
          promptTokens: answer.promptTokens ?? null,
          evalTokens: answer.evalTokens ?? null,
          estimatedPromptTokens: answer.plan.promptTokens,
          options: answer.options as { [k: string]: Json },
          modelMs: Math.round(answer.elapsedMs),
        },
      };
    } catch (error) {
      // A cut-off or oversized answer is the model's failure: retried, never repaired (F7, F8).
      if (isAnswerFailure(error)) return { outcome: 'failed', blobs: { 'prompt.md': promptText }, data: { failure: error.kind, errors: [error.message] } };
      throw error;
    }
  },
};

const checkStep: Step<CodeCtx> = {
  name: 'check',
  async run(s) {
    const { c } = s;
    const asked = s.find('ask', s.attempt)!;
    const raw = (await s.blob(asked, 'response.txt')).toString('utf8');
    const checked = checkAnswer(raw, { testRequired: !c.testsLocked });
    if (!checked.ok) return { outcome: 'failed', data: { errors: checked.errors } };
    const answer: CodeAnswer = { code: checked.answer.code, ...(c.testsLocked || checked.answer.test === undefined ? {} : { test: checked.answer.test }) };
    const errors: string[] = [];
    if (answer.test !== undefined) {
      const existing = await readFile(c.testAbs, 'utf8').catch(() => undefined);
      errors.push(...reviewGeneratedTest(answer.test, existing).map((r) => m.testRejected(r)));
    }
    const ignored = c.testsLocked && checked.answer.test !== undefined ? [m.lockedTestIgnored] : [];
    if (errors.length > 0) return { outcome: 'failed', data: { errors } };
    return { outcome: 'ok', blobs: { 'answer.json': `${JSON.stringify(answer, null, 2)}\n` }, data: { notes: ignored } };
  },
};

const writeStep: Step<CodeCtx> = {
  name: 'write',
  async run(s) {
    const { c } = s;
    const answer = JSON.parse((await s.blob(s.find('check', s.attempt)!, 'answer.json')).toString('utf8')) as CodeAnswer;
    const files: Array<{ path: string; abs: string; text: string }> = [{ path: c.codePath, abs: c.codeAbs, text: answer.code }];
    if (!c.testsLocked && answer.test !== undefined) files.push({ path: c.testPath, abs: c.testAbs, text: answer.test });
    const before = new Map<string, { data: Buffer; mode: number } | null>();
    const written: string[] = [];
    const writeFile = c.world.writeFile === undefined ? {} : { writeFile: c.world.writeFile };
    try {
      for (const f of files) {
        // Checked again: a link created since the session was planned must not redirect the write.
        if ((await confineTarget(c.repoRoot, f.path, { isDesign: c.isDesign })) !== f.abs) throw new DesignGateError('USAGE', m.targetRefused(f.path, m.escapesRepository), { fix: m.targetRefusedFix });
        const info = await lstat(f.abs).catch(() => undefined);
        before.set(f.path, info === undefined ? null : { data: await readFile(f.abs), mode: info.mode & 0o777 });
        await writeTarget(f.abs, f.text, { display: f.path, ...writeFile });
        written.push(f.path);
      }
    } catch (error) {
      // Half a pair is not left behind: what this step wrote goes back (E11).
      for (const path of written) {
        const f = files.find((x) => x.path === path)!;
        await restoreTarget(f.abs, { before: before.get(path) ?? null, createdDirs: [] }, { display: path, ...writeFile }).catch(() => undefined);
      }
      throw error;
    }
    return { outcome: 'ok', data: { written, sha256: Object.fromEntries(files.map((f) => [f.path, sha256(f.text)])) } };
  },
};

const testStep: Step<CodeCtx> = {
  name: 'test',
  async run(s) {
    const { c } = s;
    const before = await stampTree(c.repoRoot, c.env);
    const run = await runTestCommand(c.argv, { cwd: c.config.root, env: c.env, timeoutMs: c.generator.timeoutSeconds * 1000 });
    const after = await stampTree(c.repoRoot, c.env);
    const changes = compareStamps(before, after);
    const ours = new Set([c.codePath, c.testPath]);
    const outside = [...changes.changed, ...changes.added, ...changes.removed].filter((p) => !ours.has(p));
    let guard: { [k: string]: Json } = {};
    const errors: string[] = [];
    if (outside.length > 0) {
      // E12: whatever the test run changed outside the two files is put back.
      const report = await restorePaths(c.repoRoot, outside, await baselineFor(s));
      guard = { restored: report.restored, removed: report.removed, failed: report.failed.map((f) => `${f.path}: ${f.reason}`) };
      const touched = [...report.restored, ...report.removed];
      if (touched.length > 0) c.world.onEvent?.({ type: 'warning', message: m.testTouchedOutside(touched) });
      if (report.failed.length > 0) errors.push(m.testOutsideNotRestored(report.failed.map((f) => f.path)));
    }
    return {
      outcome: run.passed ? 'ok' : 'failed',
      blobs: { 'test-output.txt': run.output },
      data: { exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, ms: Math.round(run.ms), outside: guard, errors },
    };
  },
};

/** Where a path outside the two files comes back from: the session's copy, else HEAD, else nowhere. */
async function baselineFor(s: StepContext<RestoreCtx>): Promise<BaselineOf> {
  const snapshot = s.find('snapshot')!;
  const dirty = snapshot.data['dirty'] as { [path: string]: { blob: string; mode: number } | null };
  const notBackedUp = new Set(snapshot.data['notBackedUp'] as string[]);
  const head = snapshot.data['head'] as string | null;
  return async (path) => {
    if (Object.hasOwn(dirty, path)) {
      const entry = dirty[path];
      return entry === null || entry === undefined ? null : { data: await s.blob(snapshot, entry.blob), mode: entry.mode };
    }
    if (notBackedUp.has(path)) throw new Error(m.notBackedUp);
    if (head === null) return null;
    const committed = await s.c.git.readAt(head, path);
    if (committed === undefined) return null;
    return { data: committed, mode: (await committedMode(s.c.repoRoot, s.c.env, head, path)) ?? 0o644 };
  };
}

/** The stamps of the work tree when the session started. */
async function startStamps(s: StepContext<RestoreCtx>): Promise<TreeStamps> {
  const snapshot = s.find('snapshot')!;
  return new Map(JSON.parse((await s.blob(snapshot, 'tree.json')).toString('utf8')) as Array<[string, FileStamp]>);
}

const finishStep: Step<CodeCtx> = {
  name: 'finish',
  async run({ c }) {
    return { outcome: 'ok', data: { codePath: c.codePath, testPath: c.testPath } };
  },
};

/** What restoring needs: enough to abort a session without its model or an approved design. */
type RestoreCtx = Pick<CodeCtx, 'repoRoot' | 'env' | 'git' | 'codePath' | 'testPath'> & { world: Pick<SessionWorld, 'writeFile'> };

/**
 * Puts the work tree back as the snapshot found it: both targets (content, mode, the folders the
 * session created) and any other path whose stamp differs from the start (a test run killed before
 * its own guard could undo it). Returns what could not be put back.
 */
async function restoreAll(s: StepContext<RestoreCtx>): Promise<string[]> {
  const { c } = s;
  const snapshot = s.find('snapshot');
  if (snapshot === undefined) return [];
  const problems: string[] = [];
  const writeFile = c.world.writeFile === undefined ? {} : { writeFile: c.world.writeFile };
  for (const key of ['code', 'test'] as const) {
    const path = key === 'code' ? c.codePath : c.testPath;
    const state = snapshot.data[key] as unknown as TargetState;
    const abs = join(c.repoRoot, path);
    try {
      const before = state.existed ? await s.blob(snapshot, `${key}.orig`) : undefined;
      const now = await readFile(abs).catch(() => undefined);
      const info = await lstat(abs).catch(() => undefined);
      if (before !== undefined && now !== undefined && now.equals(before) && info !== undefined && (info.mode & 0o777) === state.mode) continue;
      await restoreTarget(abs, { before: before === undefined ? null : { data: before, mode: state.mode }, createdDirs: state.createdDirs.map((d) => join(c.repoRoot, d)) }, { display: path, ...writeFile });
    } catch (error) {
      problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const start = await startStamps(s);
  const now = await stampTree(c.repoRoot, c.env);
  const changes = compareStamps(start, now);
  const outside = [...changes.changed, ...changes.added, ...changes.removed].filter((p) => p !== c.codePath && p !== c.testPath && isNormalRelative(p));
  if (outside.length > 0) {
    const report = await restorePaths(c.repoRoot, outside, await baselineFor(s));
    problems.push(...report.failed.map((f) => `${f.path}: ${f.reason}`));
  }
  return problems;
}

const abortStep: Step<RestoreCtx> = {
  name: 'abort',
  async run(s) {
    const problems = await restoreAll(s);
    return { outcome: 'ok', data: { restored: problems.length === 0, problems } };
  },
};

const escalateStep: Step<CodeCtx> = {
  name: 'escalate',
  async run(s) {
    const { c } = s;
    const problems = await restoreAll(s);
    const snapshot = s.find('snapshot');
    const original = async (key: 'code' | 'test') => {
      const state = snapshot?.data[key] as unknown as TargetState | undefined;
      return snapshot !== undefined && state?.existed === true ? (await s.blob(snapshot, `${key}.orig`)).toString('utf8') : undefined;
    };
    const attempts: AttemptSummary[] = [];
    for (let n = 1; n <= c.maxAttempts; n++) {
      const failed = s.record.steps.find((r) => r.attempt === n && r.outcome === 'failed');
      if (failed === undefined) continue;
      attempts.push(await summarise(s, n, failed, { code: await original('code'), test: await original('test') }));
    }
    const report = renderEscalation({
      sessionId: c.sessionId,
      designPath: c.designPath,
      digest: c.digest,
      codePath: c.codePath,
      testPath: c.testPath,
      testsLocked: c.testsLocked,
      model: c.generator.model,
      host: c.host.host,
      options: c.generator.options,
      attempts,
      owners: designOwners(c.config.approvers, c.designPath.slice(c.prefix.length)),
      restored: problems.length === 0,
      restoreProblems: problems,
    });
    return { outcome: 'ok', blobs: { 'escalation.md': report }, data: { restored: problems.length === 0, problems } };
  },
};

async function summarise(s: StepContext<CodeCtx>, n: number, failed: StepRecord, original: { code?: string | undefined; test?: string | undefined }): Promise<AttemptSummary> {
  const { c } = s;
  const reasons = Array.isArray(failed.data['errors']) ? [...(failed.data['errors'] as string[])] : [];
  const diffs: AttemptSummary['diffs'] = [];
  let testOutput: string | undefined;
  const checked = s.record.steps.find((r) => r.attempt === n && r.name === 'check' && r.outcome === 'ok');
  if (checked !== undefined) {
    const answer = JSON.parse((await s.blob(checked, 'answer.json')).toString('utf8')) as CodeAnswer;
    diffs.push({ path: c.codePath, diff: unifiedDiff(c.codePath, original.code, answer.code) });
    if (answer.test !== undefined) diffs.push({ path: c.testPath, diff: unifiedDiff(c.testPath, original.test, answer.test) });
  }
  if (failed.name === 'test') {
    reasons.unshift(m.feedbackTestsFailed(failed.data['exitCode'] as number | null, failed.data['timedOut'] === true));
    testOutput = (await s.blob(failed, 'test-output.txt')).toString('utf8');
  }
  if (failed.name === 'check' || failed.name === 'ask') {
    const asked = s.record.steps.find((r) => r.attempt === n && r.name === 'ask');
    if (asked?.blobs['response.txt'] !== undefined) reasons.push(m.rawAnswerKept(asked.blobs['response.txt'].file));
  }
  return { attempt: n, failedAt: failed.name, reasons, diffs, ...(testOutput === undefined ? {} : { testOutput }) };
}

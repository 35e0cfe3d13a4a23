/**
 * `designgate generate architecture`: the architecture session. It proposes a decomposition of the
 * stories into contexts as a draft architecture document; approving it (Gate 1) is a person's.
 * Steps:
 *
 *   setup:    preload
 *   attempt:  ask (JSON, structured output) → check (schema, then the document the tool renders
 *             from it, read back and checked with the architecture rules)
 *   finish:   write the draft         escalate: a report; nothing was written
 *
 * The model answers contexts, never the document: the tool renders it, so the result is always
 * `status: draft` without an approval block. An existing architecture is refused without
 * `--revise`; with it, the new draft replaces it and needs approval again.
 */
import { readFile, lstat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { DesignConfig, GeneratorConfig } from '../core/config/types.js';
import { DesignGateError } from '../core/errors.js';
import { compileGlobs } from '../core/glob.js';
import { compileMapping } from '../core/mapping.js';
import { loadWorkspace, type ConfigGroup } from '../core/workspace.js';
import { DEFAULT_ARCHITECTURE } from '../core/architecture/gate1.js';
import { readArchitecture } from '../core/architecture/reader.js';
import { checkArchitecture } from '../core/architecture/rules.js';
import { loadStories, storyFiles } from '../core/stories/reader.js';
import { generatorMessages as g } from '../core/messages/generators.js';
import { draftingMessages as m } from '../core/messages/drafting.js';
import type { SessionEvent, SessionWorld } from './code-session.js';
import { architectureFormat, checkArchitectureAnswer, renderArchitecture } from './architecture-answer.js';
import { confineTarget } from './confine.js';
import { estimateTokens } from './budget.js';
import { draftEscalationReport, lastErrors, preloadStep } from './design-session.js';
import { chooseHost, type HostChoice } from './host.js';
import { waitOptions, withLock } from './lock.js';
import { connectOllama, isAnswerFailure, type OllamaBoundary } from './ollama.js';
import { dataBlock, loadPrompt, renderPrompt, type PromptTemplate } from './prompts.js';
import { SessionRecord, newSessionId, sessionMeta, type Json } from './record.js';
import { abortSession, runSession, type SessionDefinition, type Step } from './session.js';
import { writeTarget } from './writer.js';

export type ArchitectureWorld = Omit<SessionWorld, 'approval'>;

export interface ArchitectureSessionRequest {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  /** Repository-relative folder whose `.designrc.json` governs (the command's working folder); '' for the root. */
  scope?: string;
  /** Replace an existing architecture, approved or not (the result is a draft again). */
  revise?: boolean;
}

export interface ArchitectureSessionResult {
  status: 'succeeded';
  sessionId: string;
  architecturePath: string;
  attempts: number;
  contexts: string[];
  replaced: boolean;
}

export interface ArchitectureDryRun {
  status: 'dry-run';
  system: string;
  prompt: string;
  tokens: number;
  architecturePath: string;
}

interface Plan {
  repoRoot: string;
  config: DesignConfig;
  generator: GeneratorConfig;
  /** The architecture's repository path (the session's component; `designPath` for the record header). */
  designPath: string;
  abs: string;
  existing: string | undefined;
  /** Story id → repository path, for the rule that every story is served. */
  storyIds: Map<string, string>;
  stories: string;
  layout: string;
  host: HostChoice;
}

interface ArchitectureCtx extends Plan {
  world: ArchitectureWorld;
  model: OllamaBoundary;
  templates: { system: PromptTemplate; user: PromptTemplate };
  maxAttempts: number;
}

/** Runs a new architecture session to its end; throws ESCALATED (exit 3) when no proposal passed the rules. */
export async function startArchitectureSession(request: ArchitectureSessionRequest, world: ArchitectureWorld): Promise<ArchitectureSessionResult> {
  const plan = await planArchitecture(request, world);
  const now = (world.now ?? (() => new Date()))();
  const id = newSessionId('architecture', now);
  return withLock(plan.repoRoot, plan.designPath, id, waitOptions(world.lockWaitMs), async () => {
    const record = await SessionRecord.create(plan.repoRoot, sessionMeta('architecture', id, now, plan, { scope: request.scope ?? '', revise: request.revise === true }));
    world.onEvent?.({ type: 'started', sessionId: id, resumed: false });
    return drive(record, plan, world);
  });
}

/** Resumes an interrupted architecture session (the architecture must still be absent, or `--revise` given). */
export async function resumeArchitectureSession(record: SessionRecord, request: Omit<ArchitectureSessionRequest, 'scope' | 'revise'>, world: ArchitectureWorld): Promise<ArchitectureSessionResult> {
  if (record.status !== 'in-progress') throw new DesignGateError('USAGE', g.sessionAlreadyEnded(record.id, record.status), { fix: g.sessionListFix });
  const plan = await planArchitecture({ ...request, scope: String(record.meta.params['scope'] ?? ''), revise: record.meta.params['revise'] === true }, world);
  return withLock(plan.repoRoot, plan.designPath, record.id, waitOptions(world.lockWaitMs), () => {
    world.onEvent?.({ type: 'started', sessionId: record.id, resumed: true });
    return drive(record, plan, world);
  });
}

/** Aborts an architecture session: it writes nothing before its last step, so there is nothing to put back. */
export async function abortArchitectureSession(record: SessionRecord, request: { repoRoot: string }): Promise<void> {
  await withLock(request.repoRoot, record.meta.component, record.id, {}, () => abortSession(architectureDefinition(record.meta.maxAttempts), record, {} as ArchitectureCtx));
}

/** The first prompt and its token estimate, without contacting the model. */
export async function dryRunArchitectureSession(request: ArchitectureSessionRequest, world: ArchitectureWorld): Promise<ArchitectureDryRun> {
  const plan = await planArchitecture(request, world);
  const { system, prompt } = buildArchitecturePrompt(await architectureTemplates(plan.repoRoot), plan, 1, plan.generator.maxAttempts, []);
  return { status: 'dry-run', system, prompt, tokens: estimateTokens(system + prompt + JSON.stringify(architectureFormat())), architecturePath: plan.designPath };
}

/** The config group that governs `scope`: the one with the longest prefix that contains it. */
function groupOf(groups: readonly ConfigGroup[], scope: string): ConfigGroup | undefined {
  const folder = scope === '' ? '' : `${scope.replace(/\/+$/, '')}/`;
  return [...groups].sort((a, b) => b.prefix.length - a.prefix.length).find((grp) => folder.startsWith(grp.prefix));
}

async function planArchitecture(request: ArchitectureSessionRequest, world: Pick<ArchitectureWorld, 'onEvent'>): Promise<Plan> {
  const { repoRoot, env } = request;
  const ws = await loadWorkspace({ cwd: repoRoot, env });
  const group = groupOf(ws.groups, request.scope ?? '');
  if (group === undefined) throw new DesignGateError('CONFIG', m.noConfigFor(request.scope ?? ''), { fix: m.noConfigForFix });
  const { config, prefix, files } = group;
  const generator = config.generator;
  if (generator === undefined) throw new DesignGateError('CONFIG', g.noGeneratorConfig(`${prefix}.designrc.json`), { fix: g.noGeneratorConfigFix });
  const designPath = prefix + (config.architecture ?? DEFAULT_ARCHITECTURE);
  const existing = await readFile(join(repoRoot, designPath), 'utf8').catch(() => undefined);
  if (existing !== undefined && request.revise !== true) {
    const state = readArchitecture(existing, designPath, 'error').architecture?.state ?? 'draft';
    throw new DesignGateError('USAGE', m.architectureExists(designPath, state), { fix: m.architectureExistsFix });
  }
  const host = chooseHost(generator, env);
  if (host.warning !== undefined) world.onEvent?.({ type: 'warning', message: host.warning });
  const abs = await confineTarget(repoRoot, designPath, { isDesign: (p) => p === designPath, allowDesign: designPath });

  const ignored = compileGlobs(config.ignore);
  const visible = files.filter((f) => !ignored(f));
  const read = (p: string) => readFile(join(repoRoot, p), 'utf8').catch(() => undefined);
  const { stories: storyIds } = await loadStories(storyFiles(config.stories, visible), prefix, read, 'error');
  const storyTexts: string[] = [];
  for (const file of [...storyIds.values()].sort()) storyTexts.push(dataBlock(file, (await read(file)) ?? ''));
  return {
    repoRoot,
    config,
    generator,
    designPath,
    abs,
    existing,
    storyIds,
    stories: storyTexts.length === 0 ? m.promptNoStories : storyTexts.join('\n\n'),
    layout: codeLayout(config, visible),
    host,
  };
}

/**
 * The folders holding code files (by the mapping), with how many each holds: the layout the
 * contexts should own. Folders only, never file contents: the prompt stays small however big the
 * repository is.
 * @example codeLayout(config, ['lib/a/x.ex', 'lib/a/y.ex', 'lib/b/z.ex']) // '- lib/a/ (2 code files)\n- lib/b/ (1 code file)'
 */
export function codeLayout(config: Pick<DesignConfig, 'components'>, files: readonly string[]): string {
  const mapping = compileMapping(config.components);
  const counts = new Map<string, number>();
  for (const f of files) {
    if (mapping.classify(f)?.role !== 'code') continue;
    const dir = posix.dirname(f);
    const folder = dir === '.' ? './' : `${dir}/`;
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  if (counts.size === 0) return m.promptNoCode;
  const lines = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([folder, n]) => `- ${folder} (${m.codeFiles(n)})`);
  // A wide tree is cut: the first folders give the shape; the model is not asked to read all of it.
  return lines.length > 300 ? [...lines.slice(0, 300), m.promptMoreFolders(lines.length - 300)].join('\n') : lines.join('\n');
}

async function architectureTemplates(repoRoot: string): Promise<{ system: PromptTemplate; user: PromptTemplate }> {
  return { system: await loadPrompt('architecture-system', repoRoot), user: await loadPrompt('architecture', repoRoot) };
}

/** The prompt of one attempt; built afresh each time from the same parts and the last check's errors. */
export function buildArchitecturePrompt(
  templates: { system: PromptTemplate; user: PromptTemplate },
  plan: Pick<Plan, 'designPath' | 'stories' | 'layout' | 'existing'>,
  attempt: number,
  maxAttempts: number,
  feedback: readonly string[],
): { system: string; prompt: string } {
  const prompt = renderPrompt(templates.user, {
    architecturePath: plan.designPath,
    attempt: String(attempt),
    maxAttempts: String(maxAttempts),
    stories: plan.stories,
    layout: plan.layout,
    currentArchitecture: plan.existing === undefined ? g.promptFileMissing(plan.designPath) : dataBlock(plan.designPath, plan.existing),
    feedback: feedback.length === 0 ? g.promptFirstAttempt : feedback.map((f) => `- ${f}`).join('\n'),
  });
  return { system: renderPrompt(templates.system, {}), prompt };
}

async function drive(record: SessionRecord, plan: Plan, world: ArchitectureWorld): Promise<ArchitectureSessionResult> {
  const connect = world.connect ?? connectOllama;
  const ctx: ArchitectureCtx = {
    ...plan,
    world,
    model: connect({ host: plan.host.host, model: plan.generator.model, options: plan.generator.options, timeoutMs: plan.generator.timeoutSeconds * 1000 }),
    templates: await architectureTemplates(plan.repoRoot),
    maxAttempts: record.meta.maxAttempts,
  };
  const status = await runSession(architectureDefinition(record.meta.maxAttempts), record, ctx, (e) => world.onEvent?.({ type: 'step', ...e } as SessionEvent));
  const attempts = Math.max(0, ...record.steps.map((s) => s.attempt));
  if (status === 'escalated') {
    throw new DesignGateError('ESCALATED', m.architectureEscalated(plan.designPath, attempts), { fix: g.escalatedFix(`.designgate/sessions/${record.id}/escalation.md`) });
  }
  if (status === 'aborted') throw new DesignGateError('USAGE', g.sessionAlreadyEnded(record.id, status), { fix: g.sessionListFix });
  const check = [...record.steps].reverse().find((r) => r.name === 'check' && r.outcome === 'ok')!;
  return {
    status: 'succeeded',
    sessionId: record.id,
    architecturePath: plan.designPath,
    attempts,
    contexts: (check.data['contexts'] as string[] | undefined) ?? [],
    replaced: record.steps.at(-1)!.data['replaced'] === true,
  };
}

export function architectureDefinition(maxAttempts: number): SessionDefinition<ArchitectureCtx> {
  return { maxAttempts, setup: [preloadStep], attempt: [askStep, checkStep], finish: writeStep, escalate: escalateStep, abort: abortStep };
}

const askStep: Step<ArchitectureCtx> = {
  name: 'ask',
  async run(s) {
    const { c } = s;
    const { system, prompt } = buildArchitecturePrompt(c.templates, c, s.attempt, c.maxAttempts, lastErrors(s));
    const promptText = `<!-- system -->\n${system}\n<!-- user -->\n${prompt}`;
    try {
      const answer = await c.model.ask({ system, prompt, format: architectureFormat(), onProgress: (p) => c.world.onEvent?.({ type: 'tokens', ...p }) });
      return { outcome: 'ok', blobs: { 'prompt.md': promptText, 'response.json': answer.content }, data: { doneReason: answer.doneReason, options: answer.options as { [k: string]: Json } } };
    } catch (error) {
      if (isAnswerFailure(error)) return { outcome: 'failed', blobs: { 'prompt.md': promptText }, data: { failure: error.kind, errors: [error.message] } };
      throw error;
    }
  },
};

/** The answer's schema, then the rendered document as the reader and the architecture rules see it. */
const checkStep: Step<ArchitectureCtx> = {
  name: 'check',
  async run(s) {
    const { c } = s;
    const raw = (await s.blob(s.find('ask', s.attempt)!, 'response.json')).toString('utf8');
    const checked = checkArchitectureAnswer(raw);
    if (!checked.ok) return { outcome: 'failed', data: { errors: checked.errors } };
    const text = renderArchitecture(checked.answer);
    const read = readArchitecture(text, c.designPath, 'error');
    const problems = [...read.problems, ...(read.architecture === undefined ? [] : checkArchitecture(read.architecture, 'error', c.storyIds))];
    if (problems.length > 0) {
      return { outcome: 'failed', blobs: { 'architecture.md': text }, data: { errors: problems.map((p) => `${p.message} [${p.ruleId}]`) } };
    }
    return { outcome: 'ok', blobs: { 'architecture.md': text }, data: { contexts: checked.answer.contexts.map((x) => x.name) } };
  },
};

const writeStep: Step<ArchitectureCtx> = {
  name: 'write',
  async run(s) {
    const { c } = s;
    const check = [...s.record.steps].reverse().find((r) => r.name === 'check' && r.outcome === 'ok')!;
    const text = await s.blob(check, 'architecture.md');
    const existed = (await lstat(c.abs).catch(() => undefined)) !== undefined;
    await writeTarget(c.abs, text, { display: c.designPath, ...(c.world.writeFile === undefined ? {} : { writeFile: c.world.writeFile }) });
    return { outcome: 'ok', data: { writtenTo: c.designPath, replaced: existed } };
  },
};

const escalateStep: Step<ArchitectureCtx> = {
  name: 'escalate',
  async run(s) {
    return { outcome: 'ok', blobs: { 'escalation.md': draftEscalationReport(s.record, m.reportArchitecture(s.c.designPath)) } };
  },
};

const abortStep: Step<ArchitectureCtx> = {
  name: 'abort',
  async run() {
    return { outcome: 'ok' };
  },
};

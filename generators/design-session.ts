/**
 * `designgate generate design <code-path|design-path>`: the design session. It drafts the design
 * document the mapping assigns to a code file, from the component type's sections, the
 * architecture context that owns the file, and the code when it exists (reverse design for
 * brownfield adoption). Steps:
 *
 *   setup:    snapshot (the design as it was) → preload
 *   attempt:  ask (Markdown) → lint (status forced to draft, approval removed, lint rules)
 *   finish:   write the draft        escalate: a report; nothing was written
 *
 * It never writes an approved (or stale) design without `--revise` (E6). A draft that already
 * exists is a person's work in progress: without `--revise` the proposal is kept in the session
 * record for them to compare, and their file is left alone. Whatever the model writes, the result
 * has `status: draft` and no approval block (F5): only people approve.
 */
import { readFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { DesignConfig, GeneratorConfig } from '../core/config/types.js';
import { designState } from '../core/design-state.js';
import { DesignGateError } from '../core/errors.js';
import { tryReadFrontmatter, splitFrontmatter } from '../core/frontmatter.js';
import { locateFile } from '../core/locate.js';
import { compileMapping } from '../core/mapping.js';
import type { Problem } from '../core/problem.js';
import { readArchitecture } from '../core/architecture/reader.js';
import { contextsOf } from '../core/architecture/rules.js';
import { generatorMessages as m } from '../core/messages/generators.js';
import { draftingMessages as d } from '../core/messages/drafting.js';
import type { SessionEvent, SessionWorld } from './code-session.js';
import { confineTarget } from './confine.js';
import { estimateTokens } from './budget.js';
import { waitOptions, withLock } from './lock.js';
import { connectOllama, isAnswerFailure, type OllamaBoundary } from './ollama.js';
import { dataBlock, loadPrompt, renderPrompt, type PromptTemplate } from './prompts.js';
import { SessionRecord, newSessionId, sessionMeta, type Json } from './record.js';
import { abortSession, runSession, type SessionDefinition, type Step, type StepContext } from './session.js';
import { chooseHost, type HostChoice } from './host.js';
import { writeTarget } from './writer.js';
import { sanitizeText } from './sanitize.js';
import { gatherDesignContext } from './design-context.js';

/** Lints design texts (repository paths); the CLI passes the design lint rules. */
export type LintDesigns = (files: ReadonlyArray<{ path: string; text: string }>) => Promise<Problem[]>;

export interface DesignWorld extends Omit<SessionWorld, 'approval'> {
  lint: LintDesigns;
}

export interface DesignSessionRequest {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  /** Repository-relative code path (or the design path itself). */
  target: string;
  /** Replace an existing design, approved or not (the result is a draft again). */
  revise?: boolean;
  /**
   * Reverse design for brownfield adoption (`adopt --draft`): the code must exist, the design must
   * not (never replaced, even with `revise`), and the prompts are `reverse-design*.md`.
   */
  reverse?: boolean;
}

export type DesignSessionResult = {
  status: 'succeeded';
  sessionId: string;
  designPath: string;
  attempts: number;
  /** Where the draft is: the design path, or the proposal kept in the session when a person's draft exists. */
  writtenTo: string;
  replacedDraft: boolean;
};

export interface DesignDryRun {
  status: 'dry-run';
  system: string;
  prompt: string;
  tokens: number;
  designPath: string;
}

interface Plan {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  config: DesignConfig;
  generator: GeneratorConfig;
  prefix: string;
  designPath: string;
  designAbs: string;
  codePath: string;
  type: string;
  existing: string | undefined;
  /** Whether the session writes the design itself (no design yet, or --revise). */
  writes: boolean;
  architecture: string;
  /** The stories of the owning context, and the Public APIs of the designs it depends on (generators/design-context). */
  stories: string;
  dependencies: string;
  host: HostChoice;
  reverse: boolean;
}

interface DesignCtx extends Plan {
  world: DesignWorld;
  model: OllamaBoundary;
  templates: { system: PromptTemplate; user: PromptTemplate };
  maxAttempts: number;
}

/** Runs a new design session to its end; throws ESCALATED (exit 3) when no draft passed the lint rules. */
export async function startDesignSession(request: DesignSessionRequest, world: DesignWorld): Promise<DesignSessionResult> {
  const plan = await planDesign(request, world);
  const now = (world.now ?? (() => new Date()))();
  const id = newSessionId('design', now);
  return withLock(plan.repoRoot, plan.designPath, id, waitOptions(world.lockWaitMs), async () => {
    const params = { codePath: plan.codePath, revise: request.revise === true, writes: plan.writes, ...(plan.reverse ? { reverse: true } : {}) };
    const record = await SessionRecord.create(plan.repoRoot, sessionMeta('design', id, now, plan, params));
    world.onEvent?.({ type: 'started', sessionId: id, resumed: false });
    return drive(record, plan, world);
  });
}

/** Resumes an interrupted design session. */
export async function resumeDesignSession(record: SessionRecord, request: Omit<DesignSessionRequest, 'target' | 'revise' | 'reverse'>, world: DesignWorld): Promise<DesignSessionResult> {
  if (record.status !== 'in-progress') throw new DesignGateError('USAGE', m.sessionAlreadyEnded(record.id, record.status), { fix: m.sessionListFix });
  const params = record.meta.params;
  const plan = await planDesign({ ...request, target: record.meta.component, revise: params['revise'] === true, reverse: params['reverse'] === true }, world);
  const writes = record.meta.params['writes'] === true;
  if (writes && !plan.writes) {
    // A design appeared since the session started: its author's work is not overwritten.
    throw new DesignGateError('USAGE', m.resumeDesignAppeared(record.id, plan.designPath), { fix: m.resumeAbortFix(record.id) });
  }
  return withLock(plan.repoRoot, plan.designPath, record.id, waitOptions(world.lockWaitMs), () => {
    world.onEvent?.({ type: 'started', sessionId: record.id, resumed: true });
    return drive(record, { ...plan, writes }, world);
  });
}

/** Aborts a design session: it has written nothing before its last step, so there is nothing to put back. */
export async function abortDesignSession(record: SessionRecord, request: { repoRoot: string }): Promise<void> {
  await withLock(request.repoRoot, record.meta.component, record.id, {}, () => abortSession(designDefinition(record.meta.maxAttempts), record, {} as DesignCtx));
}

/** The first prompt and its token estimate, without contacting the model. */
export async function dryRunDesignSession(request: DesignSessionRequest, world: DesignWorld): Promise<DesignDryRun> {
  const plan = await planDesign(request, world);
  const templates = await designTemplates(plan.repoRoot, plan.reverse);
  const code = await readFile(join(plan.repoRoot, plan.codePath), 'utf8').catch(() => undefined);
  const { system, prompt } = buildDesignPrompt(templates, { ...plan, ...(code === undefined ? {} : { code }) }, 1, plan.generator.maxAttempts, []);
  return { status: 'dry-run', system, prompt, tokens: estimateTokens(system + prompt), designPath: plan.designPath };
}

async function planDesign(request: DesignSessionRequest, world: Pick<DesignWorld, 'onEvent'>): Promise<Plan> {
  const { repoRoot, env, target } = request;
  const { config, prefix, local } = locateFile(repoRoot, target);
  const generator = config.generator;
  if (generator === undefined) throw new DesignGateError('CONFIG', m.noGeneratorConfig(`${prefix}.designrc.json`), { fix: m.noGeneratorConfigFix });
  const mapping = compileMapping(config.components);
  const triple = mapping.fromCode(local) ?? mapping.fromDesign(local);
  if (triple === undefined) throw new DesignGateError('USAGE', m.unmappedCode(target), { fix: m.unmappedDesignFix });
  const designPath = prefix + triple.design;
  const codePath = prefix + triple.code;
  const existing = await readFile(join(repoRoot, designPath), 'utf8').catch(() => undefined);
  const state = designState(designPath, existing);
  const reverse = request.reverse === true;
  if (reverse) await mustReverse(repoRoot, codePath, designPath, existing);
  if ((state.state === 'approved' || state.state === 'stale') && request.revise !== true) {
    throw new DesignGateError('USAGE', m.designApproved(designPath, state.state), { fix: m.designApprovedFix(target) });
  }
  const host = chooseHost(generator, env);
  if (host.warning !== undefined) world.onEvent?.({ type: 'warning', message: host.warning });
  const isDesign = (p: string) => p.startsWith(prefix) && mapping.classify(p.slice(prefix.length))?.role === 'design';
  const designAbs = await confineTarget(repoRoot, designPath, { isDesign, allowDesign: designPath });
  const { excerpt: architecture, storyIds } = await architectureExcerpt(repoRoot, config, prefix, triple.code, target);
  const { stories, dependencies } = await gatherDesignContext({ repoRoot, env, config, prefix, rule: triple.rule, designPath, existing, storyIds });
  const ruleType = config.components[triple.rule]?.type;
  const type = state.type ?? ruleType ?? config.defaultType;
  const writes = existing === undefined || request.revise === true;
  return { repoRoot, env, config, generator, prefix, designPath, designAbs, codePath, type, existing, writes, architecture, stories, dependencies, host, reverse };
}

/** A reverse design describes code that is there, and never replaces a design (whatever flags are given). */
async function mustReverse(repoRoot: string, codePath: string, designPath: string, existing: string | undefined): Promise<void> {
  if (existing !== undefined) throw new DesignGateError('USAGE', d.reverseDesignExists(designPath), { fix: d.reverseDesignExistsFix(designPath) });
  const code = await lstat(join(repoRoot, codePath)).catch(() => undefined);
  if (code === undefined || !code.isFile()) throw new DesignGateError('USAGE', d.codeMissing(codePath), { fix: d.codeMissingFix });
}

/**
 * The context of the architecture that owns the code path, as a data block; refuses when an
 * architecture is configured and no context owns the path (the architecture is Gate 1: a
 * component outside it is a person's decision first).
 */
async function architectureExcerpt(repoRoot: string, config: DesignConfig, prefix: string, code: string, target: string): Promise<{ excerpt: string; storyIds: string[] }> {
  const none = { excerpt: m.promptNoArchitecture, storyIds: [] };
  if (config.architecture === undefined) return none;
  const file = prefix + config.architecture;
  const text = await readFile(join(repoRoot, file), 'utf8').catch(() => undefined);
  if (text === undefined) return none;
  const { architecture } = readArchitecture(text, file, 'error');
  if (architecture === undefined) return none;
  const owners = contextsOf(architecture, code);
  if (owners.length === 0) throw new DesignGateError('USAGE', m.notInArchitecture(target, file), { fix: m.notInArchitectureFix(file) });
  const lines = owners.flatMap((c) => [
    `${c.name}:`,
    `  owns: [${c.owns.join(', ')}]`,
    `  depends_on: [${c.dependsOn.join(', ')}]`,
    ...(c.stories.length > 0 ? [`  stories: [${c.stories.join(', ')}]`] : []),
    ...(c.purpose === undefined ? [] : [`  purpose: ${c.purpose}`]),
  ]);
  return { excerpt: dataBlock(`${file} context`, lines.join('\n')), storyIds: [...new Set(owners.flatMap((c) => c.stories))] };
}

async function designTemplates(repoRoot: string, reverse: boolean): Promise<{ system: PromptTemplate; user: PromptTemplate }> {
  const name = reverse ? 'reverse-design' : 'design';
  return { system: await loadPrompt(`${name}-system`, repoRoot), user: await loadPrompt(name, repoRoot) };
}

/** The prompt of one attempt; built afresh each time from the same parts and the last lint result. */
export function buildDesignPrompt(
  templates: { system: PromptTemplate; user: PromptTemplate },
  plan: Pick<Plan, 'config' | 'designPath' | 'codePath' | 'type' | 'architecture' | 'stories' | 'dependencies' | 'existing'> & { code?: string },
  attempt: number,
  maxAttempts: number,
  feedback: readonly string[],
): { system: string; prompt: string } {
  const template = plan.config.types[plan.type];
  const sections = (template?.sections ?? []).map((s) => `- ${s}${template?.guidance[s] ? `: ${template.guidance[s]}` : ''}`).join('\n') || m.promptNoRules;
  const prompt = renderPrompt(templates.user, {
    component: plan.codePath,
    designPath: plan.designPath,
    codePath: plan.codePath,
    type: plan.type,
    attempt: String(attempt),
    maxAttempts: String(maxAttempts),
    sections,
    architecture: plan.architecture,
    stories: plan.stories,
    dependencies: plan.dependencies,
    code: plan.code === undefined ? m.promptFileMissing(plan.codePath) : dataBlock(plan.codePath, plan.code),
    currentDesign: plan.existing === undefined ? m.promptFileMissing(plan.designPath) : dataBlock(plan.designPath, plan.existing),
    feedback: feedback.length === 0 ? m.promptFirstAttempt : feedback.map((f) => `- ${f}`).join('\n'),
  });
  return { system: renderPrompt(templates.system, {}), prompt };
}

async function drive(record: SessionRecord, plan: Plan, world: DesignWorld): Promise<DesignSessionResult> {
  const connect = world.connect ?? connectOllama;
  const ctx: DesignCtx = {
    ...plan,
    world,
    model: connect({ host: plan.host.host, model: plan.generator.model, options: plan.generator.options, timeoutMs: plan.generator.timeoutSeconds * 1000 }),
    templates: await designTemplates(plan.repoRoot, plan.reverse),
    maxAttempts: record.meta.maxAttempts,
  };
  const status = await runSession(designDefinition(record.meta.maxAttempts), record, ctx, (e) => world.onEvent?.({ type: 'step', ...e } as SessionEvent));
  const attempts = Math.max(0, ...record.steps.map((s) => s.attempt));
  if (status === 'escalated') {
    throw new DesignGateError('ESCALATED', m.designEscalated(plan.designPath, attempts), { fix: m.escalatedFix(`.designgate/sessions/${record.id}/escalation.md`) });
  }
  if (status === 'aborted') throw new DesignGateError('USAGE', m.sessionAlreadyEnded(record.id, status), { fix: m.sessionListFix });
  const finish = record.steps.at(-1)!;
  return {
    status: 'succeeded',
    sessionId: record.id,
    designPath: plan.designPath,
    attempts,
    writtenTo: String(finish.data['writtenTo']),
    replacedDraft: finish.data['replacedDraft'] === true,
  };
}

export function designDefinition(maxAttempts: number): SessionDefinition<DesignCtx> {
  return { maxAttempts, setup: [preloadStep], attempt: [askStep, lintStep], finish: writeStep, escalate: escalateStep, abort: abortStep };
}

/** The first setup step of every drafting session: the server and model are there, and loaded. */
export const preloadStep: Step<{ model: OllamaBoundary }> = {
  name: 'preload',
  async run({ c }) {
    const info = await c.model.info();
    await c.model.preload();
    return { outcome: 'ok', data: { version: info.version, contextLength: info.contextLength ?? null } };
  },
};

/** The errors of the attempt before this one: what the next prompt tells the model. */
export function lastErrors(s: StepContext<unknown>): string[] {
  if (s.attempt <= 1) return [];
  const failed = s.record.steps.find((r) => r.attempt === s.attempt - 1 && r.outcome === 'failed');
  return Array.isArray(failed?.data['errors']) ? (failed.data['errors'] as string[]) : [];
}

const askStep: Step<DesignCtx> = {
  name: 'ask',
  async run(s) {
    const { c } = s;
    const code = await readFile(join(c.repoRoot, c.codePath), 'utf8').catch(() => undefined);
    const { system, prompt } = buildDesignPrompt(c.templates, { ...c, ...(code === undefined ? {} : { code }) }, s.attempt, c.maxAttempts, lastErrors(s));
    const promptText = `<!-- system -->\n${system}\n<!-- user -->\n${prompt}`;
    try {
      const answer = await c.model.ask({ system, prompt, onProgress: (p) => c.world.onEvent?.({ type: 'tokens', ...p }) });
      return { outcome: 'ok', blobs: { 'prompt.md': promptText, 'response.md': answer.content }, data: { doneReason: answer.doneReason, options: answer.options as { [k: string]: Json } } };
    } catch (error) {
      if (isAnswerFailure(error)) return { outcome: 'failed', blobs: { 'prompt.md': promptText }, data: { failure: error.kind, errors: [error.message] } };
      throw error;
    }
  },
};

/**
 * Makes a draft of the answer: `status: draft`, no `approval`, the session's type when the model
 * named none. Returns undefined (with the reason) when the answer is not a document with
 * frontmatter at all — that is a failed attempt, not something to repair.
 */
export function asDraft(text: string, type: string, file: string): { text: string } | { error: string } {
  if (!/^(\uFEFF)?---\r?\n/.test(text)) return { error: m.designNoFrontmatter };
  const split = splitFrontmatter(text);
  if (!split.ok) return { error: split.issue.message };
  const read = tryReadFrontmatter(text, file);
  if (!read.ok) return { error: read.error.causes.map((c) => c.message).join('; ') || read.error.message };
  const doc = parseDocument(split.split.yaml);
  doc.set('status', 'draft');
  doc.delete('approval');
  if (!doc.has('type')) doc.set('type', type);
  const yaml = String(doc);
  return { text: `---\n${yaml.endsWith('\n') ? yaml : `${yaml}\n`}---\n${split.split.body}` };
}

const lintStep: Step<DesignCtx> = {
  name: 'lint',
  async run(s) {
    const { c } = s;
    const asked = s.find('ask', s.attempt)!;
    const raw = (await s.blob(asked, 'response.md')).toString('utf8');
    const draft = asDraft(raw, c.type, c.designPath);
    if ('error' in draft) return { outcome: 'failed', data: { errors: [m.designUnreadable(draft.error)] } };
    const problems = (await c.world.lint([{ path: c.designPath, text: draft.text }])).filter((p) => p.severity === 'error');
    if (problems.length > 0) {
      return { outcome: 'failed', blobs: { 'draft.md': draft.text }, data: { errors: problems.map((p) => `${p.line === undefined ? '' : `line ${p.line}: `}${p.message} [${p.ruleId}]`) } };
    }
    return { outcome: 'ok', blobs: { 'draft.md': draft.text } };
  },
};

const writeStep: Step<DesignCtx> = {
  name: 'write',
  async run(s) {
    const { c } = s;
    const lint = [...s.record.steps].reverse().find((r) => r.name === 'lint' && r.outcome === 'ok')!;
    const draft = await s.blob(lint, 'draft.md');
    if (!c.writes) {
      // A person's draft is theirs: the proposal stays in the session record.
      const kept = await s.record.writeBlob('proposed.md', draft);
      return { outcome: 'ok', data: { writtenTo: `.designgate/sessions/${s.record.id}/${kept.file}`, replacedDraft: false } };
    }
    const existed = (await lstat(c.designAbs).catch(() => undefined)) !== undefined;
    await writeTarget(c.designAbs, draft, { display: c.designPath, ...(c.world.writeFile === undefined ? {} : { writeFile: c.world.writeFile }) });
    return { outcome: 'ok', data: { writtenTo: c.designPath, replacedDraft: existed } };
  },
};

/** The escalation report of a drafting session: what was asked for, that nothing was written, each failed attempt's errors. */
export function draftEscalationReport(record: SessionRecord, subject: string): string {
  const lines = [`# ${m.reportTitle(record.id)}`, '', `- ${subject}`, `- ${m.reportUntouched}`, ''];
  for (const step of record.steps.filter((r) => r.outcome === 'failed')) {
    lines.push(`## ${m.reportAttempt(step.attempt, step.name)}`, '');
    for (const e of (step.data['errors'] as string[] | undefined) ?? []) lines.push(`- ${sanitizeText(e).split('\n').join(' ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

const escalateStep: Step<DesignCtx> = {
  name: 'escalate',
  async run(s) {
    return { outcome: 'ok', blobs: { 'escalation.md': draftEscalationReport(s.record, m.reportDesignDraft(s.c.designPath)) } };
  },
};

const abortStep: Step<DesignCtx> = {
  name: 'abort',
  async run() {
    return { outcome: 'ok' };
  },
};

/**
 * Many designs in one run, for batch review: every code file of an architecture context that has
 * no design yet (`generate design <context>`), or the code files `adopt --draft` names (reverse
 * design). Each design is its own design session with its own record and lock — so one that
 * escalates does not hold up the others, and `session show|resume|abort` work on each — and the
 * run ends with one summary of them all.
 *
 * Resumable by running it again: a design drafted by an earlier run now exists and is skipped, and
 * a design whose session was interrupted (killed, model gone) is resumed from its record rather
 * than asked again. A design that exists is skipped unless `revise` (never for reverse designs);
 * an approved one is only ever replaced with `revise`, and then it is a draft again.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DesignGateError, isDesignGateError } from '../core/errors.js';
import { compileGlobs } from '../core/glob.js';
import { locateFile } from '../core/locate.js';
import { compileMapping } from '../core/mapping.js';
import { loadWorkspace } from '../core/workspace.js';
import { DEFAULT_ARCHITECTURE } from '../core/architecture/gate1.js';
import { readArchitecture } from '../core/architecture/reader.js';
import { contextsOf } from '../core/architecture/rules.js';
import { draftingMessages as m } from '../core/messages/drafting.js';
import { resumeDesignSession, startDesignSession, type DesignSessionRequest, type DesignWorld } from './design-session.js';
import { SessionRecord, listSessions } from './record.js';

export interface DesignBatchRequest {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  /** Repository-relative code paths, in the order to draft them. */
  targets: readonly string[];
  /** Redraft designs that exist (approved ones too); they are drafts again afterwards. */
  revise?: boolean;
  /** Reverse designs of existing code (`adopt --draft`): an existing design is always skipped. */
  reverse?: boolean;
}

export type BatchItem =
  | { outcome: 'drafted'; codePath: string; designPath: string; sessionId: string; attempts: number; writtenTo: string; resumed: boolean }
  | { outcome: 'skipped'; codePath: string; designPath: string }
  | { outcome: 'escalated'; codePath: string; designPath: string; sessionId: string; message: string; report: string }
  | { outcome: 'refused'; codePath: string; designPath?: string; message: string; fix?: string };

export interface DesignBatchResult {
  items: BatchItem[];
  /** The error that stopped the run (the model unreachable, a write failing): the rest was not tried. */
  stopped?: { codePath: string; error: DesignGateError };
}

/**
 * Drafts the designs of `targets` one after the other. A target the session refuses before it
 * starts (unmapped, outside the architecture, its design locked by another session) is listed and
 * the run goes on; an escalation is listed and the run goes on; any other failure stops the run,
 * leaving what was drafted and the interrupted session to resume.
 */
export async function runDesignBatch(request: DesignBatchRequest, world: DesignWorld): Promise<DesignBatchResult> {
  const items: BatchItem[] = [];
  for (const codePath of request.targets) {
    let started: string | undefined;
    const tracking: DesignWorld = {
      ...world,
      onEvent: (event) => {
        if (event.type === 'started') started = event.sessionId;
        world.onEvent?.(event);
      },
    };
    const designPath = designOf(request.repoRoot, codePath);
    try {
      const interrupted = designPath === undefined ? undefined : await interruptedSession(request.repoRoot, designPath);
      if (interrupted !== undefined) {
        const result = await resumeDesignSession(interrupted, { repoRoot: request.repoRoot, env: request.env }, tracking);
        items.push({ outcome: 'drafted', codePath, designPath: result.designPath, sessionId: result.sessionId, attempts: result.attempts, writtenTo: result.writtenTo, resumed: true });
        continue;
      }
      if (await skips(request, designPath)) {
        items.push({ outcome: 'skipped', codePath, designPath: designPath! });
        continue;
      }
      const result = await startDesignSession(sessionRequest(request, codePath), tracking);
      items.push({ outcome: 'drafted', codePath, designPath: result.designPath, sessionId: result.sessionId, attempts: result.attempts, writtenTo: result.writtenTo, resumed: false });
    } catch (error) {
      if (!isDesignGateError(error)) throw error;
      if (error.code === 'ESCALATED' && started !== undefined) {
        items.push({ outcome: 'escalated', codePath, designPath: designPath ?? codePath, sessionId: started, message: error.message, report: `.designgate/sessions/${started}/escalation.md` });
        continue;
      }
      if (started === undefined && error.code === 'USAGE') {
        items.push({ outcome: 'refused', codePath, ...(designPath === undefined ? {} : { designPath }), message: error.message, ...(error.fix === undefined ? {} : { fix: error.fix }) });
        continue;
      }
      return { items, stopped: { codePath, error } };
    }
  }
  return { items };
}

/** Whether the batch leaves this design alone: it exists, and the run does not revise (a reverse run never does). */
export async function skips(request: Pick<DesignBatchRequest, 'repoRoot' | 'revise' | 'reverse'>, designPath: string | undefined): Promise<boolean> {
  if (designPath === undefined || (request.revise === true && request.reverse !== true)) return false;
  return access(join(request.repoRoot, designPath)).then(
    () => true,
    () => false,
  );
}

/** The design session a batch starts for one code path. */
export function sessionRequest(request: DesignBatchRequest, codePath: string): DesignSessionRequest {
  const flags = request.reverse === true ? { reverse: true } : request.revise === true ? { revise: true } : {};
  return { repoRoot: request.repoRoot, env: request.env, target: codePath, ...flags };
}

/** The design path the mapping gives a code path (repository-relative), or undefined when none does. */
export function designOf(repoRoot: string, codePath: string): string | undefined {
  try {
    const { config, prefix, local } = locateFile(repoRoot, codePath);
    const triple = compileMapping(config.components).fromCode(local);
    return triple === undefined ? undefined : prefix + triple.design;
  } catch {
    return undefined;
  }
}

/** Whether a repository path is a code or design file of some component rule. */
export function isComponentPath(repoRoot: string, path: string): boolean {
  try {
    const { config, local } = locateFile(repoRoot, path);
    const role = compileMapping(config.components).classify(local)?.role;
    return role === 'code' || role === 'design';
  } catch {
    return false;
  }
}

/**
 * The code files of context `name` (repository-relative, sorted): the mapped, not ignored files
 * in its folders, with or without a design. Throws USAGE when there is no architecture, no such
 * context, or nothing in it.
 */
export async function contextTargets(request: { repoRoot: string; env: NodeJS.ProcessEnv; name: string }): Promise<{ architecture: string; targets: string[] }> {
  const ws = await loadWorkspace({ cwd: request.repoRoot, env: request.env });
  const read: Array<{ file: string; names: string[] }> = [];
  for (const group of ws.groups) {
    const file = group.prefix + (group.config.architecture ?? DEFAULT_ARCHITECTURE);
    const text = await readFile(join(request.repoRoot, file), 'utf8').catch(() => undefined);
    const architecture = text === undefined ? undefined : readArchitecture(text, file, 'error').architecture;
    if (architecture === undefined) continue;
    read.push({ file, names: architecture.contexts.map((c) => c.name) });
    const context = architecture.contexts.find((c) => c.name === request.name);
    if (context === undefined) continue;
    const mapping = compileMapping(group.config.components);
    const ignored = compileGlobs(group.config.ignore);
    const targets = group.files
      .filter((f) => !ignored(f) && mapping.classify(f)?.role === 'code' && contextsOf(architecture, f).some((c) => c.name === context.name))
      .map((f) => group.prefix + f)
      .sort();
    if (targets.length === 0) throw new DesignGateError('USAGE', m.emptyContext(context.name, context.owns), { fix: m.emptyContextFix(context.name) });
    return { architecture: file, targets };
  }
  const first = read[0];
  if (first === undefined) {
    const file = (ws.groups[0]?.prefix ?? '') + (ws.groups[0]?.config.architecture ?? DEFAULT_ARCHITECTURE);
    throw new DesignGateError('USAGE', m.noArchitectureForContext(request.name, file), { fix: m.noArchitectureForContextFix });
  }
  throw new DesignGateError('USAGE', m.unknownContext(request.name, first.file, read.flatMap((r) => r.names)), { fix: m.unknownContextFix });
}

/** The newest unfinished design session of a design, if any: an earlier run was interrupted there. */
async function interruptedSession(repoRoot: string, designPath: string): Promise<SessionRecord | undefined> {
  const open = (await listSessions(repoRoot)).find((s) => s.meta?.kind === 'design' && s.meta.component === designPath && s.status === 'in-progress');
  return open === undefined ? undefined : SessionRecord.open(repoRoot, open.id);
}

/**
 * Suspect designs: each design's approval records the digest of its context's entry in the
 * architecture (`approval.context`, written by `designgate approve`). When that entry changes, the
 * designs of that context — and only those — become suspect: still approved (their own digest
 * holds), but reviewed against an architecture that no longer stands, so they are reported as a
 * warning until someone confirms them (`designgate approve --confirm`) or re-approves them.
 * Returns data; never prints.
 */
import type { ConfigGroup } from '../workspace.js';
import type { Problem } from '../problem.js';
import { compileMapping, type CompiledMapping } from '../mapping.js';
import { compileGlobs } from '../glob.js';
import { tryReadFrontmatter } from '../frontmatter.js';
import { digestOf } from '../digest.js';
import { readApprovalBlock } from '../approval/block.js';
import type { Architecture, Context } from './reader.js';
import { contextsOf } from './rules.js';
import { DEFAULT_ARCHITECTURE, severityOf, type ReadText } from './gate1.js';
import { architectureMessages as m } from '../messages/architecture.js';
import { inScope } from '../path-scope.js';

/**
 * The one context a design belongs to: the context owning its code path. Undefined when the path is
 * not a design, or no context or more than one owns it (Gate 1 reports those).
 * @example designContext(arch, compileMapping(config.components), 'docs/design/core/errors.md')?.name // 'core'
 */
export function designContext(architecture: Pick<Architecture, 'contexts'>, mapping: CompiledMapping, designLocal: string): Context | undefined {
  const triple = mapping.fromDesign(designLocal);
  if (triple === undefined) return undefined;
  const owners = contextsOf(architecture, triple.code);
  return owners.length === 1 ? owners[0] : undefined;
}

export interface SuspectDesign {
  /** Repository-relative path of the design. */
  design: string;
  context: string;
  /** The context digest its approval records. */
  recorded: string;
  /** The context's digest as the architecture stands. */
  current: string;
  /** Where `approval.context` is written. */
  line?: number;
  column?: number;
}

/**
 * The approved designs of `group` whose recorded context digest differs from their context's entry
 * as the architecture stands. A stale design is not suspect (it is not approved at all); an approval
 * that records no context (approved before the design had one) is not suspect either.
 * `paths` limits the designs read (repository paths of files or folders).
 */
export async function findSuspects(
  group: ConfigGroup,
  read: ReadText,
  options: { architecture?: Architecture | undefined; paths?: readonly string[] } = {},
): Promise<SuspectDesign[]> {
  const { architecture } = options;
  if (architecture === undefined) return [];
  const { config, prefix, files } = group;
  const ignored = compileGlobs(config.ignore);
  const mapping = compileMapping(config.components);
  const found: SuspectDesign[] = [];
  for (const local of files) {
    if (ignored(local)) continue;
    const design = prefix + local;
    if (!inScope(design, options.paths)) continue;
    const context = designContext(architecture, mapping, local);
    if (context === undefined) continue;
    const text = await read(design);
    if (text === undefined) continue;
    const doc = tryReadFrontmatter(text, design);
    if (!doc.ok) continue; // the structural gate reports an unreadable design
    const block = readApprovalBlock(doc.doc.data);
    if (block.kind !== 'ok' || block.block.context === undefined) continue;
    if (block.block.digest !== digestOf(design, doc.doc)) continue;
    if (block.block.context === context.digest) continue;
    const at = doc.doc.locate(['approval', 'context']);
    found.push({ design, context: context.name, recorded: block.block.context, current: context.digest, ...(at === undefined ? {} : { line: at.line, column: at.column }) });
  }
  return found;
}

/**
 * The suspect designs as `suspect-design` warnings naming the context and the fix. Nothing when
 * `gates.architecture` is off or there is no architecture.
 * @example await checkSuspect(group, read, { architecture }) // [{ ruleId: 'suspect-design', severity: 'warning', … }]
 */
export async function checkSuspect(
  group: ConfigGroup,
  read: ReadText,
  options: { architecture?: Architecture | undefined; paths?: readonly string[] } = {},
): Promise<Problem[]> {
  if (severityOf(group.config.gates.architecture) === undefined) return [];
  const archFile = options.architecture?.file ?? group.prefix + (group.config.architecture ?? DEFAULT_ARCHITECTURE);
  return (await findSuspects(group, read, options)).map((s) => ({
    file: s.design,
    ...(s.line === undefined ? {} : { line: s.line }),
    ...(s.column === undefined ? {} : { column: s.column }),
    ruleId: 'suspect-design',
    severity: 'warning' as const,
    message: m.suspectDesign(s.context, archFile),
    fix: m.suspectDesignFix(s.design),
  }));
}


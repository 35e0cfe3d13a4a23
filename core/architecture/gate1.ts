/**
 * Gate 1 (story → architecture) as a check over one config group: the architecture's shape and
 * rules, the stories' shape, every design inside exactly one context, and every design's
 * `depends_on` inside what its context may reach. Severity follows `gates.architecture`; `off`
 * checks nothing. Returns problems; never prints.
 */
import { posix } from 'node:path';
import type { ConfigGroup } from '../workspace.js';
import type { Problem, Severity } from '../problem.js';
import { compileMapping } from '../mapping.js';
import { compileGlobs } from '../glob.js';
import { tryReadFrontmatter } from '../frontmatter.js';
import { readArchitecture, type Architecture } from './reader.js';
import { allowedFrom, checkArchitecture, contextsOf } from './rules.js';
import { componentIndex, type ComponentPaths } from './components.js';
import { loadStories, storyFiles } from '../stories/reader.js';
import { architectureMessages as m } from '../messages/architecture.js';
import { inScope } from '../path-scope.js';
import { DEFAULT_ARCHITECTURE } from '../config/load.js';

/** Used when the config names no `architecture`; without the file, Gate 1 only checks stories. */
export { DEFAULT_ARCHITECTURE };

/** Reads a repository-relative file's text, or undefined when it does not exist. */
export type ReadText = (repoPath: string) => Promise<string | undefined>;

export interface Gate1Result {
  /** The parsed architecture, when there is one that could be read. */
  architecture?: Architecture;
  /** Story id → repository path. */
  stories: Map<string, string>;
  problems: Problem[];
}

/** `warn` → warning, `error` → error, `off` → undefined (nothing to check). */
export function severityOf(level: 'off' | 'warn' | 'error'): Severity | undefined {
  return level === 'off' ? undefined : level === 'warn' ? 'warning' : 'error';
}

/**
 * Loads the group's architecture and stories once (also for the boundary check) and checks them.
 * @example (await checkGate1(group, read)).problems // [{ ruleId: 'design-outside-architecture', … }]
 */
export async function checkGate1(group: ConfigGroup, read: ReadText, options: { paths?: readonly string[] } = {}): Promise<Gate1Result> {
  const { config, prefix, files } = group;
  const severity = severityOf(config.gates.architecture);
  if (severity === undefined) return { stories: new Map(), problems: [] };
  const ignored = compileGlobs(config.ignore);
  const { stories, problems } = await loadStories(
    storyFiles(config.stories, files).filter((f) => !ignored(f)),
    prefix,
    read,
    severity,
  );

  const archLocal = config.architecture ?? DEFAULT_ARCHITECTURE;
  const archFile = prefix + archLocal;
  const text = files.includes(archLocal) ? await read(archFile) : undefined;
  if (text === undefined) return { stories, problems };
  const parsed = readArchitecture(text, archFile, severity);
  problems.push(...parsed.problems);
  const architecture = parsed.architecture;
  if (architecture === undefined) return { stories, problems };
  problems.push(...checkArchitecture(architecture, severity, stories));
  if (architecture.state !== 'approved' && config.gates.approval !== 'off') {
    problems.push({ file: archFile, ruleId: 'architecture-unapproved', severity, message: m.unapproved(archFile, architecture.state), fix: m.unapprovedFix(archFile) });
  }

  // No design in scope (a commit of code only): nothing below can report, so the whole file list
  // need not be mapped.
  if (options.paths !== undefined && options.paths.length === 0) return { architecture, stories, problems };
  const mapping = compileMapping(config.components);
  // Built on the first depends_on to resolve: mapping every file costs ~30 ms at 50,000 files.
  let index: Map<string, ComponentPaths> | undefined;
  const component = (id: string): ComponentPaths | undefined => (index ??= componentIndex(mapping, files)).get(id);
  for (const local of files) {
    const triple = mapping.fromDesign(local);
    if (triple === undefined) continue;
    const design = prefix + local;
    if (!inScope(design, options.paths) && !inScope(prefix + triple.code, options.paths)) continue;
    if (ignored(local)) continue;
    const owners = contextsOf(architecture, triple.code);
    if (owners.length === 0) {
      const folder = `${posix.dirname(triple.code)}/`.replace(/^\.\//, '');
      problems.push({
        file: design,
        ruleId: 'design-outside-architecture',
        severity,
        message: m.outsideArchitecture(design, prefix + triple.code, folder === '/' ? './' : folder),
        fix: m.outsideArchitectureFix(folder, archFile),
      });
      continue;
    }
    if (owners.length > 1) {
      problems.push({ file: design, ruleId: 'design-in-two-contexts', severity, message: m.twoContexts(design, owners.map((c) => c.name)), fix: m.twoContextsFix });
      continue;
    }
    const own = owners[0]!.name;
    const designText = await read(design);
    if (designText === undefined) continue;
    const doc = tryReadFrontmatter(designText, design);
    if (!doc.ok) continue; // the structural gate reports an unreadable design
    const deps = doc.doc.data['depends_on'];
    if (!Array.isArray(deps)) continue;
    const allowed = allowedFrom(architecture, own);
    deps.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const target = component(id);
      if (target === undefined) return; // known-dependencies reports an unknown id
      const targets = contextsOf(architecture, target.code);
      for (const t of targets) {
        if (t.name === own || allowed.includes(t.name)) continue;
        const at = doc.doc.locate(['depends_on', i]);
        problems.push({
          file: design,
          ...(at === undefined ? {} : { line: at.line, column: at.column }),
          ruleId: 'forbidden-dependency',
          severity,
          message: m.forbiddenDependency(id, own, t.name, allowed),
          fix: m.forbiddenDependencyFix(own, t.name, archFile),
        });
      }
    });
  }
  return { architecture, stories, problems };
}

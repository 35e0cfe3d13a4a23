/**
 * The rules of the architecture between its contexts: disjoint folders, dependencies that name
 * real contexts, no dependency cycle, and every story served by some context. Plus the two
 * questions every other check asks: which context owns a path, and which contexts one may reach.
 */
import type { Problem, Severity } from '../problem.js';
import type { Architecture, Context } from './reader.js';
import { architectureMessages as m } from '../messages/architecture.js';

/**
 * The contexts whose `owns` holds the config-relative `path` (normally one; none when the path is
 * outside the architecture; more only when the folders overlap, which `checkArchitecture` reports).
 * @example contextsOf(arch, 'core/errors.ts').map((c) => c.name) // ['core']
 */
export function contextsOf(architecture: Pick<Architecture, 'contexts'>, path: string): Context[] {
  return architecture.contexts.filter((c) => c.owns.some((folder) => path.startsWith(folder)));
}

/**
 * The contexts `name` may depend on directly, as declared (a dependency is not transitive: `cli`
 * reaching `core` must say so even when `hooks` does).
 */
export function allowedFrom(architecture: Pick<Architecture, 'contexts'>, name: string): string[] {
  return architecture.contexts.find((c) => c.name === name)?.dependsOn ?? [];
}

/**
 * Checks the architecture's own rules. `stories` maps each existing story id to its file; when it
 * is empty (no stories yet) the story rules are silent.
 * @example checkArchitecture(arch, 'error', new Map([['US-1', 'docs/stories/US-1.md']])) // [{ ruleId: 'story-unserved', … }]
 */
export function checkArchitecture(architecture: Architecture, severity: Severity, stories: ReadonlyMap<string, string> = new Map()): Problem[] {
  const problems: Problem[] = [];
  const file = architecture.file;
  const at = (path: readonly (string | number)[]) => {
    const where = architecture.locate(path);
    return where === undefined ? {} : { line: where.line, column: where.column };
  };
  const push = (path: readonly (string | number)[], ruleId: string, message: string, fix: string) =>
    problems.push({ file, ...at(path), ruleId, severity, message, fix });
  const contexts = architecture.contexts;
  const names = contexts.map((c) => c.name);

  // Disjoint folders: across contexts, no folder equals or lies inside another.
  contexts.forEach((a, i) => {
    for (const b of contexts.slice(i + 1)) {
      a.owns.forEach((fa, ia) => {
        b.owns.forEach((fb, ib) => {
          if (!fa.startsWith(fb) && !fb.startsWith(fa)) return;
          const inner = fa.length >= fb.length ? ['contexts', a.name, 'owns', ia] : ['contexts', b.name, 'owns', ib];
          push(inner, 'architecture-overlap', m.overlappingFolders(a.name, fa, b.name, fb), m.overlappingFoldersFix);
        });
      });
    }
  });

  // depends_on names existing contexts.
  for (const c of contexts) {
    c.dependsOn.forEach((target, i) => {
      if (!names.includes(target)) push(['contexts', c.name, 'depends_on', i], 'architecture-unknown-context', m.unknownContext(c.name, target, names), m.unknownContextFix);
    });
  }

  // No cycles: a depth-first walk; a back edge closes a cycle, reported once at the edge that closes it.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    const c = contexts.find((x) => x.name === name);
    c?.dependsOn.forEach((target, i) => {
      if (!names.includes(target)) return;
      if (state.get(target) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(target)), target];
        const key = [...new Set(cycle)].sort().join('\0');
        if (seen.has(key)) return;
        seen.add(key);
        push(['contexts', name, 'depends_on', i], 'architecture-cycle', m.cycle(cycle), m.cycleFix);
      } else if (state.get(target) === undefined) visit(target);
    });
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of names) if (state.get(name) === undefined) visit(name);

  // Stories: every listed story exists, every story is served.
  if (stories.size > 0) {
    const served = new Set<string>();
    for (const c of contexts) {
      c.stories.forEach((id, i) => {
        served.add(id);
        if (!stories.has(id)) push(['contexts', c.name, 'stories', i], 'architecture-unknown-story', m.unknownStory(c.name, id), m.unknownStoryFix);
      });
    }
    for (const [id, storyFile] of stories) {
      if (!served.has(id)) problems.push({ file: storyFile, ruleId: 'story-unserved', severity, message: m.storyUnserved(id, file), fix: m.storyUnservedFix(id) });
    }
  }
  return problems;
}

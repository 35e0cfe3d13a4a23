/**
 * Component ids as `depends_on` writes them: the design path without the folder all design
 * templates share and without its extension (`docs/design/core/errors.md` → `core/errors`), the
 * same rule as the `known-dependencies` lint rule. Maps each id to its code file so a dependency
 * can be placed in a context.
 */
import { posix } from 'node:path';
import type { ComponentRule } from '../config/types.js';
import { parseTemplate, type CompiledMapping } from '../mapping.js';

/**
 * The folder all design templates share (`docs/design/`).
 * @example designRoot([{ design: 'docs/design/core/{path}.md' }, { design: 'docs/design/cli/{path}.md' }]) // 'docs/design/'
 */
export function designRoot(rules: readonly Pick<ComponentRule, 'design'>[]): string {
  const prefixes = rules.map((r) => parseTemplate(r.design).prefix);
  if (prefixes.length === 0) return '';
  let common = prefixes[0] as string;
  for (const p of prefixes.slice(1)) {
    let i = 0;
    while (i < common.length && i < p.length && common[i] === p[i]) i++;
    common = common.slice(0, i);
  }
  return common.slice(0, common.lastIndexOf('/') + 1);
}

/**
 * @example componentId('docs/design/core/errors.md', 'docs/design/') // 'core/errors'
 */
export function componentId(designPath: string, root: string): string {
  const rest = designPath.startsWith(root) ? designPath.slice(root.length) : designPath;
  const ext = posix.extname(rest);
  return ext === '' ? rest : rest.slice(0, -ext.length);
}

export interface ComponentPaths {
  /** Config-relative paths. */
  code: string;
  design: string;
}

/**
 * Every component among config-relative `files` whose code or design exists (an ignored code file
 * such as `types.ts` counts too: designs may depend on it), by id.
 */
export function componentIndex(mapping: CompiledMapping, files: readonly string[]): Map<string, ComponentPaths> {
  const root = designRoot(mapping.rules);
  const index = new Map<string, ComponentPaths>();
  for (const file of files) {
    const hit = mapping.classify(file);
    if (hit === undefined || hit.role === 'test') continue;
    index.set(componentId(hit.triple.design, root), { code: hit.triple.code, design: hit.triple.design });
  }
  return index;
}

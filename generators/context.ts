/**
 * What a code session shows the model besides the design itself: the Public API section of each
 * design it depends on (not their whole text, and nothing else from the repository — the prompt
 * stays the size of one component, not of the design folder) and the rules of its component type.
 */
import { posix } from 'node:path';
import type { DesignConfig } from '../core/config/types.js';
import { tryReadFrontmatter } from '../core/frontmatter.js';
import { designRoot as sharedDesignRoot } from '../core/architecture/components.js';
import { parseTemplate } from '../core/mapping.js';

export interface DependencyApi {
  /** As `depends_on` names it, e.g. `core/errors`. */
  id: string;
  /** Repository path of its design, when one exists. */
  designPath?: string;
  /** Its `## Public API` section; absent when the design or the section is missing. */
  api?: string;
}

export interface CodeContext {
  type: string;
  sections: readonly string[];
  guidance: Readonly<Record<string, string>>;
  dependencies: DependencyApi[];
}

/** Reads a repository file's text; undefined when it does not exist. */
export type ReadRepoText = (repoPath: string) => Promise<string | undefined>;

/**
 * The text under an H2 heading (`## Public API`) up to the next H1 or H2, outside code fences.
 * @example sectionText('## Purpose\nx\n## Public API\n- f()\n', 'Public API') // '- f()'
 */
export function sectionText(body: string, heading: string): string | undefined {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let inFence: string | undefined;
  let start: number | undefined;
  const wanted = heading.trim().toLowerCase();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (inFence === undefined) inFence = fence[1]![0]!.repeat(fence[1]!.length);
      else if (line.trim().startsWith(inFence)) inFence = undefined;
      continue;
    }
    if (inFence !== undefined) continue;
    const h = /^\s{0,3}(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h === null) continue;
    if (start !== undefined) return lines.slice(start, i).join('\n').trim();
    if (h[1] === '##' && h[2]!.toLowerCase() === wanted) start = i + 1;
  }
  return start === undefined ? undefined : lines.slice(start).join('\n').trim();
}

/**
 * The folder every design template of a config shares (`docs/design/`): component ids are design
 * paths relative to it, without the extension (one rule, in core/architecture/components.ts).
 */
export function designRoot(config: Pick<DesignConfig, 'components'>): string {
  return sharedDesignRoot(config.components);
}

/** The design paths (config-relative) a component id may name, one per design extension in use. */
export function designCandidates(config: Pick<DesignConfig, 'components'>, id: string): string[] {
  const extensions = [...new Set(config.components.map((r) => posix.extname(parseTemplate(r.design).suffix) || '.md'))];
  return extensions.map((ext) => `${designRoot(config)}${id}${ext}`);
}

/**
 * The type, its rules and the dependencies' public APIs for a design. Unknown or unreadable
 * dependencies are listed without an API, so the prompt says so rather than guessing.
 */
export async function gatherCodeContext(input: {
  config: Pick<DesignConfig, 'components' | 'types' | 'defaultType'>;
  /** The config's folder relative to the repository root ('' or 'pkg/'). */
  prefix: string;
  /** The rule that maps the design. */
  rule: number;
  designPath: string;
  designText: string;
  read: ReadRepoText;
}): Promise<CodeContext> {
  const read = tryReadFrontmatter(input.designText, input.designPath);
  const data = read.ok ? read.doc.data : {};
  const ruleType = input.config.components[input.rule]?.type;
  const type = typeof data['type'] === 'string' ? data['type'] : (ruleType ?? input.config.defaultType);
  const template = input.config.types[type];
  const ids = Array.isArray(data['depends_on']) ? data['depends_on'].filter((d): d is string => typeof d === 'string') : [];
  const dependencies: DependencyApi[] = [];
  for (const id of [...new Set(ids)]) {
    let found: DependencyApi = { id };
    for (const candidate of designCandidates(input.config, id)) {
      const repoPath = input.prefix + candidate;
      const text = await input.read(repoPath);
      if (text === undefined) continue;
      const doc = tryReadFrontmatter(text, repoPath);
      const api = sectionText(doc.ok ? doc.doc.body : text, 'Public API');
      found = { id, designPath: repoPath, ...(api === undefined ? {} : { api }) };
      break;
    }
    dependencies.push(found);
  }
  return { type, sections: template?.sections ?? [], guidance: template?.guidance ?? {}, dependencies };
}

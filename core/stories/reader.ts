/**
 * Stories: Markdown files (the `stories` glob of `.designrc.json`, default `docs/stories/*.md`)
 * with frontmatter `id` and `title`, an "As a … I want … so that …" sentence and an "Acceptance
 * criteria" section holding at least one list item. Read line by line (no Markdown parser), so a
 * whole-repository scan stays cheap; each shape mistake is a located problem.
 */
import { tryReadFrontmatter } from '../frontmatter.js';
import { compileGlobs, globBase } from '../glob.js';
import { problemsFromCauses, type Problem, type Severity } from '../problem.js';
import { architectureMessages as m } from '../messages/architecture.js';

/** Used when the config names no `stories` glob; an absent folder simply holds no stories. */
export const DEFAULT_STORIES_GLOB = 'docs/stories/*.md';

/** Letters, digits, `-`, `_`, `.`: an id that fits a file name and a YAML list without quoting. */
export const STORY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface Story {
  id: string;
  title: string;
  /** Repository-relative path. */
  file: string;
}

const NARRATIVE = /\bas an?\b[\s\S]*?\bi want\b[\s\S]*?\bso that\b/i;
const CRITERIA_HEADING = /^#{1,6}\s+acceptance criteria\s*#*\s*$/i;
const HEADING = /^#{1,6}\s/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d+[.)])\s+\S/;

/**
 * Reads one story at repository path `file`; the story is returned when its id and title are there,
 * even if the body has problems.
 * @example readStory('---\nid: US-1\ntitle: Sign in\n---\nAs a user I want … so that …\n', 'docs/stories/US-1.md', 'error')
 */
export function readStory(text: string, file: string, severity: Severity): { story?: Story; problems: Problem[] } {
  const read = tryReadFrontmatter(text, file);
  if (!read.ok) {
    return { problems: problemsFromCauses(read.error.causes, { file, ruleId: 'story-shape', severity, fix: read.error.fix }) };
  }
  const { data, locate, body, split } = read.doc;
  const problems: Problem[] = [];
  const push = (line: number | undefined, message: string, fix: string, column?: number) =>
    problems.push({ file, ...(line === undefined ? {} : { line, column: column ?? 1 }), ruleId: 'story-shape', severity, message, fix });
  const text_ = (field: 'id' | 'title'): string | undefined => {
    const value = data[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    push(split.yamlStartLine - 1, m.storyFieldMissing(field), m.storyFieldFix(field));
    return undefined;
  };
  const id = text_('id');
  const title = text_('title');
  if (id !== undefined && !STORY_ID_PATTERN.test(id)) {
    const at = locate(['id']);
    push(at?.line, m.storyIdShape(id), m.storyIdShapeFix, at?.column);
  }
  if (!NARRATIVE.test(body)) push(split.bodyStartLine, m.storyNoNarrative, m.storyNoNarrativeFix);
  if (!hasCriteria(body)) push(split.bodyStartLine, m.storyNoCriteria, m.storyNoCriteriaFix);
  return { ...(id === undefined || title === undefined ? {} : { story: { id, title, file } }), problems };
}

/** True when an "Acceptance criteria" heading is followed, before the next heading, by a list item. */
function hasCriteria(body: string): boolean {
  let inSection = false;
  for (const line of body.split(/\r?\n/)) {
    if (CRITERIA_HEADING.test(line)) inSection = true;
    else if (HEADING.test(line)) inSection = false;
    else if (inSection && LIST_ITEM.test(line)) return true;
  }
  return false;
}

/**
 * The story files among config-relative `files`, by the config's glob or the default.
 * @example storyFiles(undefined, ['docs/stories/US-1.md', 'README.md']) // ['docs/stories/US-1.md']
 */
export function storyFiles(glob: string | undefined, files: readonly string[]): string[] {
  const pattern = glob ?? DEFAULT_STORIES_GLOB;
  const match = compileGlobs([pattern]);
  const base = globBase(pattern);
  return files.filter((f) => f.startsWith(base) && match(f)).sort();
}

/**
 * Reads every story of a group: the ids (to their repository path) and every shape problem,
 * including an id used twice. `read` takes repository paths; `prefix` turns config-relative ones into them.
 */
export async function loadStories(
  files: readonly string[],
  prefix: string,
  read: (repoPath: string) => Promise<string | undefined>,
  severity: Severity,
): Promise<{ stories: Map<string, string>; problems: Problem[] }> {
  const stories = new Map<string, string>();
  const problems: Problem[] = [];
  for (const local of files) {
    const file = prefix + local;
    const text = await read(file);
    if (text === undefined) continue;
    const result = readStory(text, file, severity);
    problems.push(...result.problems);
    if (result.story === undefined) continue;
    const other = stories.get(result.story.id);
    if (other !== undefined) problems.push({ file, ruleId: 'story-shape', severity, message: m.storyDuplicateId(result.story.id, other), fix: m.storyDuplicateIdFix });
    else stories.set(result.story.id, file);
  }
  return { stories, problems };
}

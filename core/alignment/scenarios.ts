/**
 * The scenarios under a design's `## Test Scenarios` section, with their lines. A small line-based
 * reader of that one section, not remark: it runs in pre-commit for every staged design or test
 * file, where remark's load time would be paid on each commit, and core may not use the lint rules'
 * parsed tree. It knows what the section needs: ATX headings, fenced code blocks, list items and
 * their continuation lines.
 */
import { splitFrontmatter } from '../frontmatter.js';

export interface Scenario {
  /** The item's text on one line, trimmed, Markdown links and code spans reduced to their text. */
  text: string;
  /** 1-based file line where the item starts. */
  line: number;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ITEM = /^( ?)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const NESTED_ITEM = /^[ \t]+(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * @example readScenarios('---\ntype: module\n---\n## Test Scenarios\n- reads it\n') // [{ text: 'reads it', line: 5 }]
 */
export function readScenarios(designText: string): Scenario[] | undefined {
  const split = splitFrontmatter(designText);
  const body = split.ok ? split.split.body : undefined;
  if (body === undefined) return undefined;
  const lines = body.split(/\r?\n/);
  const first = split.ok ? split.split.bodyStartLine : 1;

  let inSection = false;
  let found = false;
  let fence: string | undefined;
  const scenarios: Scenario[] = [];
  /** The item being read (top level: indented by at most one space, deeper ones are nested); undefined after a blank line or a nested item ends its first paragraph. */
  let open: { parts: string[]; line: number } | undefined;
  const close = () => {
    if (open !== undefined) {
      const text = inline(open.parts.join(' '));
      if (text !== '') scenarios.push({ text, line: open.line });
    }
    open = undefined;
  };

  lines.forEach((line, index) => {
    if (fence !== undefined) {
      if (line.trimStart().startsWith(fence)) fence = undefined;
      return;
    }
    const opening = FENCE.exec(line);
    if (opening !== null) {
      if (inSection) close();
      fence = opening[1]!;
      return;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) close();
    if (heading !== null && heading[1]!.length <= 2) {
      if (inSection) inSection = false;
      else if (!found && heading[1]!.length === 2 && (heading[2] ?? '').replace(/\s+/g, ' ').trim().toLowerCase() === 'test scenarios') {
        inSection = true;
        found = true;
      }
      return;
    }
    if (!inSection || heading !== null) return;
    const item = ITEM.exec(line);
    if (item !== null) {
      close();
      open = { parts: [item[2] ?? ''], line: first + index };
    } else if (line.trim() === '' || NESTED_ITEM.test(line)) {
      close();
    } else if (open !== undefined) {
      open.parts.push(line.trim());
    }
  });
  close();
  return found ? scenarios : undefined;
}

/** Task boxes dropped, links and images reduced to their text, code span ticks removed, spaces collapsed. */
function inline(text: string): string {
  return text
    .replace(/^\[[ xX]\][ \t]+/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

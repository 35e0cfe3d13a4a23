/**
 * Shared by the lint-rule tests: run one rule (or the whole preset) over a text the way remark-cli
 * does (remark-parse, remark-frontmatter, the rule) and show its messages as `start-end: reason`,
 * the format of the fixtures' expected.txt.
 */
import { unified, type PluggableList } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { VFile } from 'vfile';
import type { DesignLintOptions } from '../../lint-rules/support/options.js';

type VFileMessage = VFile['messages'][number];

/** `line:col-line:col` for a span, `line:col` for a point: what vfile-reporter prints. */
export function where(message: VFileMessage): string {
  const place = message.place;
  if (place !== undefined && 'start' in place) return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`;
  return `${message.line}:${message.column}`;
}

export function show(messages: readonly VFileMessage[]): string[] {
  return [...messages]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.reason.localeCompare(b.reason))
    .map((m) => `${where(m)}: ${m.reason}`);
}

/** Runs `plugins` (rules, presets) over `text` as the file `path` under `cwd`; returns the file. */
export async function run(plugins: PluggableList, text: string, path = 'docs/design/x.md', cwd = '/repo'): Promise<VFile> {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(plugins);
  const file = new VFile({ path, value: text, cwd });
  await processor.run(processor.parse(file), file);
  return file;
}

/** One rule at `error` with these options; the messages as `where: reason`, sorted. */
export async function lintWith(rule: unknown, options: DesignLintOptions, text: string, path?: string): Promise<string[]> {
  const file = await run([[rule, ['error', options]]] as PluggableList, text, path);
  return show(file.messages);
}

/** A module design whose every section is written: passes every rule. */
export const GOOD_BODY = [
  '',
  '# Session repository',
  '',
  '## Purpose',
  '',
  'Keeps generation sessions on disk.',
  '',
  '## Public API',
  '',
  '- `save(session)` writes a session.',
  '',
  '## Dependencies',
  '',
  '`core/errors`.',
  '',
  '## Test Scenarios',
  '',
  '- a saved session loads back.',
  '',
].join('\n');

export function design(frontmatter: string, body = GOOD_BODY): string {
  return `---\n${frontmatter}${frontmatter.endsWith('\n') || frontmatter === '' ? '' : '\n'}---\n${body}`;
}

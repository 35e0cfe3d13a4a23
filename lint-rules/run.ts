/**
 * Runs the design lint rules in-process over texts already in memory and returns `Problem[]`.
 * It drives `unified()` directly rather than unified-engine: the engine reads stdin as Markdown when
 * handed an empty file list (in a pre-push hook stdin is git's ref list), searches for config files
 * the CLI has already resolved, and costs about twice as much per file. An empty list returns at
 * once, before remark is even imported.
 */
import type { Processor } from 'unified';
import type { Root } from 'mdast';
import { sortProblems, type Problem } from '../core/problem.js';
import { lintMessages as m } from '../core/messages/lint.js';
import { MAX_DOCUMENT_BYTES } from '../core/frontmatter.js';
import type { DesignLintOptions } from './support/options.js';

export interface LintFile {
  /** Path relative to `options.root` (the config's folder), forward slashes. */
  path: string;
  text: string;
}

/** The rule id of a file the pipeline itself failed on (a bug, reported rather than thrown). */
export const INTERNAL_ERROR_RULE = 'lint-internal-error';

type LintProcessor = Processor<Root, Root, Root>;
const processors = new WeakMap<DesignLintOptions, LintProcessor>();

/**
 * Lints each file with the preset built from `options`. Problem paths are repository-relative
 * (`options.repoPrefix` + path); errors come from rules at `error`, warnings from rules at `warn`.
 * @example await lintFiles([{ path: 'docs/design/a.md', text }], options) // [{ file: 'docs/design/a.md', line: 1, ruleId: 'frontmatter-present', … }]
 */
export async function lintFiles(files: readonly LintFile[], options: DesignLintOptions = {}): Promise<Problem[]> {
  if (files.length === 0) return [];
  const processor = await processorFor(options);
  const { VFile } = await import('vfile');
  const problems: Problem[] = [];
  const prefix = options.repoPrefix ?? '';
  for (const input of files) {
    const repoPath = `${prefix}${input.path}`;
    // cwd is the config root, so a rule sees the same relative path remark-cli would give it.
    const file = new VFile({ path: input.path, value: input.text, cwd: options.root ?? '/' });
    try {
      // Over the core's size cap the only finding is the size (every other rule needs readable
      // frontmatter), so skip a Markdown parse that takes seconds on megabytes of text.
      const tree: Root = tooLarge(input.text) ? { type: 'root', children: [] } : processor.parse(file);
      await processor.run(tree, file);
    } catch (error) {
      problems.push({
        file: repoPath,
        line: 1,
        column: 1,
        ruleId: INTERNAL_ERROR_RULE,
        severity: 'error',
        message: m.crashed(error instanceof Error ? error.message : String(error)),
      });
      continue;
    }
    for (const message of file.messages) {
      problems.push({
        file: repoPath,
        ...(message.line === undefined ? {} : { line: message.line }),
        ...(message.column === undefined ? {} : { column: message.column }),
        ruleId: message.ruleId ?? message.source ?? 'remark',
        severity: message.fatal === true ? 'error' : 'warning',
        message: message.reason,
      });
    }
  }
  return sortProblems(problems);
}

function tooLarge(text: string): boolean {
  return text.length > MAX_DOCUMENT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES;
}

/** One frozen processor per options object, so repeated runs (hooks, the benchmark) build it once. */
async function processorFor(options: DesignLintOptions): Promise<LintProcessor> {
  let processor = processors.get(options);
  if (processor === undefined) {
    const [{ unified }, { default: remarkParse }, { createPreset }] = await Promise.all([
      import('unified'),
      import('remark-parse'),
      import('./preset.js'),
    ]);
    processor = unified().use(remarkParse).use(createPreset(options)).freeze() as unknown as LintProcessor;
    processors.set(options, processor);
  }
  return processor;
}

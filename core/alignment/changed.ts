/**
 * The alignment gate on a snapshot's changed files (the index in pre-commit, the head of a range in
 * verify). Kept apart from core/alignment/check, which holds the test-name readers of every
 * framework: those load only when a changed path is a design or a test whose gate is on, so a
 * commit or push of code alone never loads them.
 */
import type { Problem } from '../problem.js';
import { classifyPath, type Locate, type ReadBlob } from '../verify/governing.js';

/**
 * The components of changed design and test files, each judged once under its config's `gates.alignment`.
 * @example await alignChanged({ paths: ['test/a.test.ts'], read: (p) => git.readStaged(p), locate })
 */
export async function alignChanged(options: { paths: readonly string[]; read: ReadBlob; locate: Locate }): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let check: Promise<typeof import('./check.js')> | undefined;
  for (const path of options.paths) {
    const hit = await classifyPath(options.locate, path);
    if (hit?.triple === undefined || (hit.role !== 'design' && hit.role !== 'test')) continue;
    const { design, test } = hit.triple;
    const level = hit.governing.config.gates.alignment;
    if (level === 'off' || seen.has(design)) continue;
    seen.add(design);
    const [designText, testText] = await Promise.all([options.read(design), options.read(test)]);
    if (designText === undefined || testText === undefined) continue;
    const { alignComponent } = await (check ??= import('./check.js'));
    problems.push(...alignComponent({ design, designText: designText.toString('utf8'), test, testText: testText.toString('utf8') }, level));
  }
  return problems;
}

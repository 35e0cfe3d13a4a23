/**
 * `frontmatter-present`: a design document starts with a YAML frontmatter block.
 *
 * The block opens with exactly `---` on line 1 and closes with a `---` line. A missing or
 * unterminated block, a `----` banner or a `---js` block would otherwise read as "no metadata" and
 * slip past the approval checks; a `---js` block is never run. A UTF-8 BOM and CRLF line ends are
 * fine. The verdict is the same reading `designgate status` and the digest use, so they never
 * disagree. Story documents may do without frontmatter. A document over 1 MiB is reported here.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import { lintMessages as m } from '../core/messages/lint.js';
import { designDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { lineSpan, report, ruleMeta } from './support/report.js';

const frontmatterPresent = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('frontmatter-present'), (tree, file, options) => {
  const doc = designDocument(tree, file, options);
  if (doc.kind === undefined || doc.frontmatter.ok || doc.frontmatter.stage === 'yaml') return;
  const fm = doc.frontmatter;
  if (fm.stage === 'size') {
    report(file, m.documentTooLarge(fm.bytes, fm.limit), { line: 1, column: 1 });
    return;
  }
  const { opening } = fm;
  if (/^---[ \t]*$/.test(opening)) {
    report(file, m.unterminated, lineSpan(doc, 1));
  } else if (/^----/.test(opening)) {
    report(file, m.banner(opening), lineSpan(doc, 1), ['---']);
  } else if (/^---\S/.test(opening)) {
    report(file, m.notYaml(opening), lineSpan(doc, 1));
  } else if (doc.kind !== 'story') {
    // Story documents may do without frontmatter; a broken attempt at one is still reported.
    report(file, m.noFrontmatter, { line: 1, column: 1 });
  }
});

export default frontmatterPresent;

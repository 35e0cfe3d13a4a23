/**
 * `approval-consistency`: `status` agrees with the approval block.
 *
 * `status: approved` without an approval, or an approval on `status: draft`, misleads every reader
 * of the document, even though designgate never trusts `status` itself (it derives the state from
 * the approval and its digest). Severity follows `gates.approval`.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import { lintMessages as m } from '../core/messages/lint.js';
import { designDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { lineSpan, report, ruleMeta, scalarSpan } from './support/report.js';

const approvalConsistency = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('approval-consistency'), (tree, file, options) => {
  const doc = designDocument(tree, file, options);
  if ((doc.kind !== 'design' && doc.kind !== 'architecture') || !doc.frontmatter.ok) return;
  const { data, locate } = doc.frontmatter;
  const status = data['status'];
  const hasApproval = data['approval'] !== undefined && data['approval'] !== null;
  const at = locate(['status']);
  const place = at === undefined ? lineSpan(doc, 1) : scalarSpan(doc, at);
  const name = doc.repoPath ?? '<file>';
  if (status === 'approved' && !hasApproval) report(file, m.approvedWithoutApproval(name), place, ['draft']);
  else if (status === 'draft' && hasApproval) report(file, m.approvalOnDraft(name), place, ['approved']);
});

export default approvalConsistency;

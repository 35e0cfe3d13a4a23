/**
 * `approval-digest`: an approval's digest matches the document as it stands.
 *
 * The digest covers the document's repository path, its frontmatter without `status` and
 * `approval`, and its body. An approved design that was edited since is stale and counts as
 * unapproved until `designgate approve` approves it again. Severity follows `gates.approval`.
 *
 * The repository path is the file's path relative to the `root` option (the folder of the
 * `.designrc.json`) with the `repoPrefix` option (that folder relative to the repository root) in
 * front; without a path (an unsaved buffer) there is nothing to hash and the rule stays silent. The
 * fresh digest is named in the message but deliberately not offered as `expected`: an editor quick
 * fix that rewrote the digest would be an approval nobody reviewed.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import { lintMessages as m } from '../core/messages/lint.js';
import { DIGEST_PATTERN, digestOf } from '../core/digest.js';
import { designDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { report, ruleMeta, scalarSpan } from './support/report.js';

const approvalDigest = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('approval-digest'), (tree, file, options) => {
  const doc = designDocument(tree, file, options);
  if ((doc.kind !== 'design' && doc.kind !== 'architecture') || !doc.frontmatter.ok || doc.repoPath === undefined) return;
  const { data, split, locate } = doc.frontmatter;
  const approval = data['approval'];
  if (approval === null || typeof approval !== 'object' || Array.isArray(approval)) return;
  const recorded = (approval as Record<string, unknown>)['digest'];
  // A malformed digest is frontmatter-schema's finding; comparing it would only say it twice.
  if (typeof recorded !== 'string' || !DIGEST_PATTERN.test(recorded)) return;
  let actual: string;
  try {
    actual = digestOf(doc.repoPath, { data, body: split.body });
  } catch {
    return; // a path the digest refuses (outside the repository) cannot be approved either
  }
  if (actual === recorded) return;
  const at = locate(['approval', 'digest']) ?? { line: split.yamlStartLine, column: 1 };
  report(file, m.staleDigest(actual, doc.repoPath), scalarSpan(doc, at));
});

export default approvalDigest;

/**
 * `known-dependencies`: every entry of `depends_on` names a component that exists.
 *
 * A component exists when its design document or its code file does (an ignored code file such as
 * a `types.ts` counts too). Its id is its design path without the design folder and `.md`
 * (`docs/design/core/errors.md` is `core/errors`). The rule needs the list of ids (the
 * `knownComponents` option, which `designgate lint` and the preset gather). Whether the
 * architecture allows the dependency is the architecture gate's question, not this rule's.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import { lintMessages as m } from '../core/messages/lint.js';
import { designDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { closest, report, ruleMeta, scalarSpan } from './support/report.js';

const knownDependencies = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('known-dependencies'), (tree, file, options) => {
  const known = options?.knownComponents;
  if (known === undefined) return;
  const doc = designDocument(tree, file, options);
  if (doc.kind !== 'design' || !doc.frontmatter.ok) return;
  const { data, locate } = doc.frontmatter;
  const dependencies = data['depends_on'];
  if (!Array.isArray(dependencies)) return; // not a list: frontmatter-schema says so
  const ids = new Set(known);
  dependencies.forEach((id, i) => {
    if (typeof id !== 'string' || ids.has(id)) return;
    const at = locate(['depends_on', i]);
    if (at === undefined) return;
    const suggestion = closest(id, known);
    report(file, m.unknownComponent(id, suggestion), scalarSpan(doc, at), suggestion === undefined ? undefined : [suggestion]);
  });
});

export default knownDependencies;

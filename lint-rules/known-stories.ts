/**
 * `known-stories`: every id in `stories` names a story that exists.
 *
 * A story's id is its frontmatter `id`, or else its file name without `.md`
 * (`docs/stories/US-3.md` is `US-3`), among the files of the `stories` glob of `.designrc.json`.
 * The rule needs the list of ids (the `knownStories` option, which `designgate lint` and the preset
 * gather); while the repository has no stories it is silent.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import { lintMessages as m } from '../core/messages/lint.js';
import { designDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { closest, report, ruleMeta, scalarSpan } from './support/report.js';

const knownStories = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('known-stories'), (tree, file, options) => {
  const known = options?.knownStories;
  if (known === undefined) return;
  const doc = designDocument(tree, file, options);
  if (doc.kind !== 'design' || !doc.frontmatter.ok) return;
  const { data, locate } = doc.frontmatter;
  const stories = data['stories'];
  if (!Array.isArray(stories)) return; // not a list: frontmatter-schema says so
  const ids = new Set(known);
  stories.forEach((id, i) => {
    if (typeof id !== 'string' || ids.has(id)) return;
    const at = locate(['stories', i]);
    if (at === undefined) return;
    const suggestion = closest(id, known);
    report(file, m.unknownStory(id, suggestion), scalarSpan(doc, at), suggestion === undefined ? undefined : [suggestion]);
  });
});

export default knownStories;

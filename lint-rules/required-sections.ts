/**
 * `required-sections`: a design has the H2 sections its component type requires, in order, and each is written.
 *
 * The sections of each type (and a line of guidance for each) come from `types` in
 * `.designrc.json`. Each required section appears once, in the template's order, and is neither
 * empty nor holding only the template's guidance line, which is what `designgate new` writes: a
 * fresh draft fails here, and only here, until it is written. Sections of your own may go anywhere.
 * Only top-level headings after the frontmatter count, and only once the frontmatter can be read
 * (it names the type).
 */
import { lintRule } from 'unified-lint-rule';
import type { Heading, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { lintMessages as m } from '../core/messages/lint.js';
import { designDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { report, ruleMeta } from './support/report.js';

interface Found {
  section: string;
  heading: Heading;
  index: number;
}

const requiredSections = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('required-sections'), (tree, file, options) => {
  const doc = designDocument(tree, file, options);
  // Without readable frontmatter the type, and so the template, is unknown: fix that first.
  if (doc.kind !== 'design' || !doc.frontmatter.ok || doc.template === undefined) return;
  const { sections, guidance } = doc.template;
  const byName = new Map(sections.map((s) => [normalise(s), s]));
  const byLowerName = new Map(sections.map((s) => [normalise(s).toLowerCase(), s]));

  const found: Found[] = [];
  const seen = new Set<string>();
  tree.children.forEach((node, index) => {
    if (node.type !== 'heading' || node.depth !== 2 || (node.position?.start.line ?? 0) < doc.bodyStartLine) return;
    const name = normalise(plainText(node));
    let section = byName.get(name);
    if (section === undefined) {
      section = byLowerName.get(name.toLowerCase());
      if (section === undefined) return; // a section of the author's own
      report(file, m.sectionSpelling(name, section), node.position!, [`## ${section}`]);
    }
    if (seen.has(section)) {
      report(file, m.duplicateSection(section), node.position!);
      return;
    }
    seen.add(section);
    found.push({ section, heading: node, index });
  });

  // Order: a section that comes after one the template puts later is out of place.
  let latest: Found | undefined;
  for (const f of found) {
    if (latest !== undefined && sections.indexOf(f.section) < sections.indexOf(latest.section)) {
      report(file, m.sectionOutOfOrder(f.section, latest.section, sections), f.heading.position!);
    } else {
      latest = f;
    }
  }

  // Missing: reported where it belongs, before the next required section that is there.
  sections.forEach((section, order) => {
    if (seen.has(section)) return;
    const next = found
      .filter((f) => sections.indexOf(f.section) > order)
      .sort((a, b) => a.index - b.index)[0];
    const place: Point = next?.heading.position?.start ?? tree.position?.end ?? { line: 1, column: 1 };
    report(file, m.missingSection(section, sections), { line: place.line, column: place.column }, [`## ${section}\n\n`]);
  });

  // Empty: nothing but comments up to the next heading of level 1 or 2, or only the guidance line.
  for (const f of found) {
    const content: RootContent[] = [];
    for (const node of tree.children.slice(f.index + 1)) {
      if (node.type === 'heading' && node.depth <= 2) break;
      if (node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value)) continue;
      content.push(node);
    }
    const line = guidance[f.section];
    if (content.length === 0) {
      report(file, m.emptySection(f.section, line), f.heading.position!);
    } else if (line !== undefined && content.length === 1 && content[0]?.type === 'paragraph' && isGuidance(content[0], line, doc.text)) {
      report(file, m.guidanceOnlySection(f.section, line), f.heading.position!);
    }
  }
});

export default requiredSections;

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of a node without its Markdown syntax. */
function plainText(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}

function isGuidance(node: RootContent, guidance: string, text: string): boolean {
  const want = normalise(guidance);
  if (normalise(plainText(node)) === want) return true;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  // Offsets count from after a BOM, as the parser saw the text.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return normalise(source.slice(start, end)) === want;
}

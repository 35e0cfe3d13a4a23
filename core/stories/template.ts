/** The text of a new story: the frontmatter, the narrative sentence and an acceptance-criteria list to fill in. */

/**
 * @example renderStory('US-1', 'Sign in') // '---\nid: US-1\ntitle: Sign in\n---\n\n# Sign in\n\nAs a …'
 */
export function renderStory(id: string, title: string): string {
  // JSON quoting is valid YAML and keeps a title with ": " or "#" a plain string.
  return [
    '---',
    `id: ${id}`,
    `title: ${JSON.stringify(title)}`,
    '---',
    '',
    `# ${title}`,
    '',
    'As a <role>, I want <capability> so that <benefit>.',
    '',
    '## Acceptance criteria',
    '',
    '- <an observable check that tells this story is done>',
    '',
  ].join('\n');
}

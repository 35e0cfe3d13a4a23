/**
 * Sentences of the drafting runs that generation added after the single design session: the
 * architecture session (`generate architecture`), a whole context's designs in one run
 * (`generate design <context>`) and reverse designs of existing code (`adopt --draft`). A cause
 * is one line; its fix names the command or edit that resolves it.
 */
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const draftingMessages = {
  // the architecture session
  duplicateContext: (name: string) => `two contexts are named ${name}; each context needs its own name`,
  architectureTitle: 'Architecture',
  architectureDrafted:
    'Drafted by `designgate generate architecture` from the stories and the code folders. Review it, edit it, and approve it (Gate 1) before designs are written inside it.',
  noConfigFor: (scope: string) => `no .designrc.json governs ${scope === '' ? 'the repository root' : scope}`,
  noConfigForFix: 'run `designgate init` there, or run the command inside a folder that has a .designrc.json',
  architectureExists: (path: string, state: string) =>
    `${path} already exists${state === 'approved' ? ' and is approved' : state === 'stale' ? ' (its approval is stale)' : ' as a draft'}; a session does not replace it unasked`,
  architectureExistsFix: 'edit it by hand, or rerun with --revise to draft a new version (it will need approval again): `designgate generate architecture --revise`',
  promptNoStories: '(no stories yet: propose contexts from the code folders alone)',
  promptNoCode: '(no code files yet)',
  codeFiles: (n: number) => plural(n, 'code file'),
  promptMoreFolders: (n: number) => `- … and ${plural(n, 'more folder')}`,
  architectureEscalated: (path: string, attempts: number) => `no proposal for ${path} passed the architecture rules after ${plural(attempts, 'attempt')}; nothing was written`,
  reportArchitecture: (path: string) => `Architecture: \`${path}\` (a draft was requested)`,
  architectureSucceeded: (path: string, contexts: readonly string[], attempts: number, id: string) =>
    `wrote ${path} as a draft with ${plural(contexts.length, 'context')} (${contexts.join(', ')}; ${plural(attempts, 'attempt')}, session ${id})\n` +
    `next: review it, edit it, and have it approved: \`designgate approve ${path}\`\n`,

  // the design prompt's context
  promptNoContextStories: '(none: its architecture context lists no stories, or no architecture is configured)',
  promptStoryMissing: (id: string) => `- ${id}: (no story file has this id)`,
  promptNoDependenciesYet: '(none yet: a new design names its dependencies in depends_on)',

  // a batch of designs: a context, or adopt --draft
  unknownContext: (name: string, architecture: string, known: readonly string[]) =>
    `${name} is neither a code file, a design document nor a context of ${architecture}${known.length > 0 ? ` (its contexts: ${known.join(', ')})` : ''}`,
  unknownContextFix: 'name a code path, a design path, or one of the contexts in the architecture\'s frontmatter',
  noArchitectureForContext: (name: string, architecture: string) => `${name} is not a code or design path, and there is no ${architecture} whose contexts it could name`,
  noArchitectureForContextFix: 'draft the architecture first with `designgate generate architecture`, or name a code path',
  emptyContext: (name: string, folders: readonly string[]) => `context ${name} owns no code file yet (${folders.join(', ') || 'no folders'})`,
  emptyContextFix: (name: string) => `add code files to its folders first, or draft designs one by one with \`designgate generate design <code-path>\` (context ${name})`,
  batchHeader: (what: string, n: number) => `${what}: ${plural(n, 'design')}`,
  batchContext: (name: string) => `context ${name}`,
  batchAdopt: 'adopt --draft',
  batchItem: (outcome: string, designPath: string, detail: string) => `  ${outcome.padEnd(9)} ${designPath}${detail === '' ? '' : `  ${detail}`}`,
  batchDrafted: (attempts: number, id: string) => `(${plural(attempts, 'attempt')}, session ${id})`,
  batchProposed: (writtenTo: string) => `a person's draft exists; the proposal is in ${writtenTo}`,
  batchExists: 'a design exists (rerun with --revise to redraft it)',
  batchExistsAdopt: 'a design exists; adopt --draft never replaces one',
  batchEscalated: (report: string) => `escalated: read ${report}`,
  batchStopped: (designPath: string) => `stopped at ${designPath}; the designs above are kept, and running the same command again resumes`,
  batchNext: (drafted: number) =>
    drafted > 0
      ? 'next: review the drafts together, edit them, and approve them in one commit: `designgate approve <design…>`'
      : 'nothing new was drafted',
  codeMissing: (path: string) => `${path} does not exist, so there is no code to describe`,
  codeMissingFix: 'name a code file that exists (`git ls-files` lists them): a reverse design describes code that is already there',
  reverseDesignExists: (design: string) => `${design} exists; a reverse design never replaces a design`,
  reverseDesignExistsFix: (design: string) => `review or edit ${design} by hand, or redraft it with \`designgate generate design ${design} --revise\``,
} as const;

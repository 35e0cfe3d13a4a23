/**
 * Sentences of Gate 1 (stories → architecture), of the architecture document's rules, of story
 * shape and of boundary drift. Each names the entry of the document or the file to change.
 */
export const architectureMessages = {
  // the architecture document's shape
  contextsMissing: (file: string) => `${file} declares no contexts: its frontmatter needs a "contexts" mapping`,
  contextsFix: 'write "contexts:" as a mapping of context name → { owns: [folder/], depends_on: [context], stories: [id], purpose: text }',
  contextNotMapping: (name: string) => `context "${name}" is not a mapping of owns, depends_on, stories and purpose`,
  fieldNotList: (name: string, field: string) => `"${field}" of context "${name}" is not a list of text`,
  purposeNotText: (name: string) => `"purpose" of context "${name}" is not text`,
  unknownField: (name: string, field: string) => `context "${name}" has an unknown field "${field}" (known: owns, depends_on, stories, purpose)`,
  badFolder: (name: string, folder: string) =>
    `context "${name}" owns "${folder}", which is not a relative folder with forward slashes (no leading "/", no "." or ".." folder)`,
  badFolderFix: 'write folders relative to the .designrc.json folder, ending in "/", e.g. "lib/my_app/accounts/"',

  // the architecture's rules
  overlappingFolders: (a: string, folderA: string, b: string, folderB: string) =>
    `contexts "${a}" (${folderA}) and "${b}" (${folderB}) own overlapping folders: a folder belongs to one context`,
  overlappingFoldersFix: 'give the inner folder to one context only, or split the folders so that neither lies inside the other',
  unknownContext: (name: string, target: string, known: readonly string[]) =>
    `context "${name}" depends on "${target}", which is not a context (known: ${known.join(', ')})`,
  unknownContextFix: 'name an existing context, or declare it under "contexts"',
  cycle: (path: readonly string[]) => `the contexts depend on each other in a cycle: ${path.join(' → ')}`,
  cycleFix: 'remove one dependency of the cycle, or merge the contexts',
  unknownStory: (name: string, story: string) => `context "${name}" serves story "${story}", which does not exist`,
  unknownStoryFix: 'write the story (designgate new story <id> <title>) or remove it from the context',
  storyUnserved: (id: string, architecture: string) => `story "${id}" is served by no context of ${architecture}`,
  storyUnservedFix: (id: string) => `add "${id}" to the "stories" of the context that serves it`,
  unapproved: (file: string, state: string) => `the architecture ${file} is ${state}, not approved: Gate 1 needs a person to approve it`,
  unapprovedFix: (file: string) => `designgate approve ${file}`,

  // Gate 1 on designs
  outsideArchitecture: (design: string, code: string, folder: string) =>
    `${design} designs ${code}, which no context of the architecture owns: it would need a context owning ${folder}`,
  outsideArchitectureFix: (folder: string, architecture: string) => `add ${folder} to the "owns" of a context in ${architecture}, or add a context for it`,
  twoContexts: (design: string, contexts: readonly string[]) => `${design} belongs to more than one context (${contexts.join(', ')})`,
  twoContextsFix: 'make the contexts own disjoint folders',
  forbiddenDependency: (id: string, own: string, target: string, allowed: readonly string[]) =>
    `depends_on "${id}" reaches context "${target}", which context "${own}" may not depend on (allowed: ${[own, ...allowed].join(', ')})`,
  forbiddenDependencyFix: (own: string, target: string, architecture: string) =>
    `remove the dependency, or add "${target}" to the depends_on of context "${own}" in ${architecture} (and have it approved)`,

  // boundary drift
  undeclaredImport: (specifier: string, target: string, design: string) =>
    `imports "${specifier}" (component ${target}), which ${design} does not list in depends_on`,
  undeclaredImportFix: (target: string, design: string) => `add "${target}" to depends_on in ${design} (and have it approved), or remove the import`,
  undeclaredPackageImport: (specifier: string, targets: readonly string[], design: string) =>
    `imports package "${specifier}" (components ${targets.join(', ')}), which ${design} lists none of in depends_on`,
  undeclaredPackageImportFix: (targets: readonly string[], design: string) =>
    `add one of ${targets.map((t) => `"${t}"`).join(', ')} to depends_on in ${design} (and have it approved), or remove the import`,
  forbiddenImport: (specifier: string, own: string, target: string) =>
    `imports "${specifier}" from context "${target}", which context "${own}" may not depend on`,
  forbiddenImportFix: (own: string, target: string, architecture: string) =>
    `remove the import, or add "${target}" to the depends_on of context "${own}" in ${architecture}`,

  // suspect designs and `designgate approve --confirm`
  suspectDesign: (context: string, architecture: string) =>
    `suspect: approved against an earlier entry of context "${context}" in ${architecture}; the entry changed since, so this design is still approved but needs a look`,
  suspectDesignFix: (design: string) => `review it against the context's new entry, then run designgate approve --confirm ${design} (or re-approve it)`,
  confirmNotApproved: 'not approved as it stands: --confirm keeps an approval current, it does not make one (designgate approve)',
  confirmNoContext: 'belongs to no context of the architecture: nothing to confirm',
  confirmCurrent: 'already confirmed against its context as the architecture stands',

  // stories
  storyUnreadable: (file: string) => `the story ${file} cannot be read`,
  storyFieldMissing: (field: string) => `the story has no "${field}" in its frontmatter (text)`,
  storyFieldFix: (field: string) => `add "${field}: …" to the frontmatter`,
  storyIdShape: (id: string) => `the story id "${id}" is not a single word of letters, digits, "-", "_" or "."`,
  storyIdShapeFix: 'use an id such as US-12',
  storyDuplicateId: (id: string, other: string) => `the story id "${id}" is also used by ${other}`,
  storyDuplicateIdFix: 'give each story its own id',
  storyNoNarrative: 'the story has no "As a … I want … so that …" sentence',
  storyNoNarrativeFix: 'write the story as "As a <role>, I want <capability> so that <benefit>."',
  storyNoCriteria: 'the story has no "Acceptance criteria" section with at least one list item',
  storyNoCriteriaFix: 'add "## Acceptance criteria" followed by a list of checks ("- …")',

  // `designgate new story`
  storyBadId: (id: string) => `"${id}" is not a story id: use letters, digits, "-", "_" or "."`,
  storyBadIdFix: 'designgate new story US-12 "Title of the story"',
  storyExists: (path: string) => `${path} exists; designgate never overwrites a story`,
  storyExistsFix: (path: string) => `edit ${path}, or choose another id`,
  storyWritten: (path: string) => `wrote ${path}\nnext: write the narrative and the acceptance criteria, then add the story to a context of the architecture\n`,
} as const;

/**
 * Sentences of the design lint rules and of `designgate lint`. Rule messages follow remark-lint's
 * "Unexpected X, expected Y" so they read the same in the CLI, remark-cli and an editor; the
 * location, rule id and docs link are added by whoever shows them, so none repeats them.
 */
const code = (text: string) => `\`${text}\``;
const list = (items: readonly string[]) => items.map(code).join(', ');
const orList = (items: readonly string[]) =>
  items.length <= 1 ? list(items) : `${list(items.slice(0, -1))} or ${code(items[items.length - 1] as string)}`;

export const lintMessages = {
  // frontmatter-present
  noFrontmatter: 'Unexpected document without frontmatter, expected a YAML block opened by `---` on line 1',
  banner: (line: string) => `Unexpected ${code(line)} on line 1, expected exactly \`---\` to open the frontmatter`,
  notYaml: (line: string) => `Unexpected ${code(line)} frontmatter (never read or run), expected YAML opened by \`---\``,
  unterminated: 'Unexpected unterminated frontmatter, expected a closing `---` line',
  documentTooLarge: (bytes: number, limit: number) =>
    `Unexpected document of ${bytes} bytes, expected at most ${limit} bytes (a design is a short text, not a data file)`,

  // frontmatter-schema
  yaml: (detail: string) => `Unexpected invalid frontmatter YAML (${detail}), expected YAML 1.2 without anchors, aliases, tags or tab indentation`,
  unknownKey: (key: string, known: readonly string[]) => `Unexpected frontmatter key ${code(key)}, expected ${orList(known)}`,
  missingKey: (key: string, example: string) => `Unexpected frontmatter without ${code(key)}, expected ${code(example)}`,
  unknownType: (type: string, known: readonly string[]) => `Unexpected component type ${code(type)}, expected ${orList(known)}`,
  badStatus: (value: string) => `Unexpected status ${code(value)}, expected \`draft\` or \`approved\``,
  notList: (key: string, actual: string) => `Unexpected ${actual} as ${code(key)}, expected a list of strings`,
  notString: (where: string, actual: string) => `Unexpected ${actual} in ${code(where)}, expected a non-empty string`,
  duplicateItem: (key: string, value: string) => `Unexpected duplicate ${code(value)} in ${code(key)}, expected each entry once`,
  approvalNotMapping: (actual: string) => `Unexpected ${actual} as \`approval\`, expected a mapping with \`digest\`, \`by\` and \`at\``,
  approvalMissingKey: (key: string) => `Unexpected approval without ${code(key)}, expected \`digest\`, \`by\` and \`at\``,
  approvalUnknownKey: (key: string) => `Unexpected approval key ${code(key)}, expected \`digest\`, \`by\`, \`at\` or \`context\``,
  badContextDigest: (value: string) => `Unexpected approval context ${code(value)}, expected \`sha256:\` and 64 lowercase hex digits`,
  badDigest: (value: string) => `Unexpected approval digest ${code(value)}, expected \`sha256:\` and 64 lowercase hex digits`,
  notApprover: (value: string) => `Unexpected approver ${code(value)}, expected \`Name <email>\``,
  noApprovers: 'Unexpected empty approval `by`, expected at least one `Name <email>`',
  badTimestamp: (value: string) => `Unexpected approval time ${code(value)}, expected an ISO-8601 UTC timestamp such as \`2026-11-20T10:00:00Z\``,
  kindList: 'a list',
  kindMapping: 'a mapping',
  kindText: 'text',
  kindNumber: 'a number',
  kindBoolean: 'true or false',
  kindNull: 'an empty value',
  invalidValue: (where: string, detail: string) => `Unexpected value of ${code(where)}, expected a value that ${detail}`,

  // required-sections
  missingSection: (name: string, order: readonly string[]) =>
    `Unexpected missing section ${code(`## ${name}`)}, expected the sections ${list(order)} in this order`,
  sectionOutOfOrder: (name: string, after: string, order: readonly string[]) =>
    `Unexpected section ${code(`## ${name}`)} after ${code(`## ${after}`)}, expected the sections ${list(order)} in this order`,
  duplicateSection: (name: string) => `Unexpected second section ${code(`## ${name}`)}, expected each section once`,
  sectionSpelling: (actual: string, expected: string) => `Unexpected section heading ${code(`## ${actual}`)}, expected ${code(`## ${expected}`)}`,
  emptySection: (name: string, guidance: string | undefined) =>
    `Unexpected empty section ${code(`## ${name}`)}, expected ${guidance === undefined ? 'its content' : `its content (${guidance})`}`,
  guidanceOnlySection: (name: string, guidance: string) =>
    `Unexpected empty section ${code(`## ${name}`)} (it holds only the template's guidance), expected your own text: ${guidance}`,

  // approval-digest
  staleDigest: (expected: string, file: string) =>
    `Unexpected stale approval digest, expected ${expected} — run \`designgate approve ${file}\` to re-approve`,

  // approval-consistency
  approvedWithoutApproval: (file: string) =>
    `Unexpected \`status: approved\` without an approval block, expected \`status: draft\` until \`designgate approve ${file}\` approves it`,
  approvalOnDraft: (file: string) =>
    `Unexpected approval block with \`status: draft\`, expected \`status: approved\` (or \`designgate unapprove ${file}\` to withdraw it)`,

  // known-stories / known-dependencies
  unknownStory: (id: string, suggestion: string | undefined) =>
    `Unexpected unknown story ${code(id)}, expected ${suggestion === undefined ? 'the id of a story that exists' : code(suggestion)}`,
  unknownComponent: (id: string, suggestion: string | undefined) =>
    `Unexpected unknown component ${code(id)} in \`depends_on\`, expected ${suggestion === undefined ? 'a component of this repository (a design or a code file)' : code(suggestion)}`,

  // the preset's default export
  presetConfigError: (detail: string) => `designgate remark preset: ${detail}`,

  // designgate lint
  nothingToLint: 'lint: no design documents to lint\n',
  lintPassed: (count: number) => `lint: ${count} document${count === 1 ? '' : 's'} checked, no problems\n`,
  lintSummary: (count: number, summary: string) => `lint: ${count} document${count === 1 ? '' : 's'} checked, ${summary}\n`,
  noSuchPath: (path: string) => `lint: no such file or folder: ${path}`,
  noSuchPathFix: 'give paths of design documents or folders that hold them, relative to the current directory',
  ungoverned: (path: string) => `lint: no .designrc.json governs ${path}`,
  ungovernedFix: 'run `designgate init` in the repository, or lint a file under a folder with a .designrc.json',
  crashed: (detail: string) => `Unexpected internal error while linting (${detail}), expected a clean run: please report it`,
} as const;

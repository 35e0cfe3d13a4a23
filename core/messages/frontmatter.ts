/**
 * Sentences about reading frontmatter, canonical JSON and the design digest. Each is one line; the
 * location (`file:line:col`) is added by whoever prints the cause, so none repeats it.
 */
export const frontmatterMessages = {
  // splitting the document
  documentTooLarge: (limit: number) => `the document is over the ${limit}-byte limit for a design document`,
  documentTooLargeFix: 'split the document; a design is a short text, not a data file',
  missing: 'no frontmatter: a design document starts with a line `---`',
  banner: (line: string) => `line 1 is \`${line}\`, not a frontmatter delimiter: the frontmatter opens with exactly \`---\``,
  notYaml: (line: string) => `frontmatter must be YAML: \`${line}\` frontmatter is never read or run`,
  missingFix: 'start the file with a line `---`, then the keys (for example `type: module`), then a closing line `---`',
  notYamlFix: 'open the frontmatter with a plain `---` line and write it as YAML',
  unterminated: 'the frontmatter opened on line 1 is never closed',
  unterminatedFix: (afterLine: number) =>
    `add a line containing only \`---\` after line ${afterLine}, where the frontmatter ends`,

  // parsing the YAML
  yamlTooLarge: (bytes: number, limit: number) => `the frontmatter is ${bytes} bytes, over the ${limit}-byte limit`,
  yamlTooLargeFix: 'keep the frontmatter to a few keys; long text belongs in the body',
  tooDeep: (limit: number) => `the frontmatter is nested more than ${limit} levels deep`,
  tooDeepFix: 'flatten the frontmatter; design metadata needs only a few levels',
  alias: 'aliases are not allowed in frontmatter (`*name` refers to an anchor)',
  anchor: 'anchors are not allowed in frontmatter (`&name`); write the value out',
  tag: (tag: string) => `tags are not allowed in frontmatter: \`${tag}\``,
  directive: (line: string) => `YAML directives are not allowed in frontmatter: \`${line}\``,
  duplicateKey: (key: string) => `duplicate key '${key}'`,
  duplicateKeyNfc: (key: string) => `duplicate key '${key}' (the same text after Unicode normalisation)`,
  tabIndent: 'tabs are not allowed as indentation; indent with spaces',
  multipleDocuments: 'the frontmatter holds more than one YAML document',
  nonStringKey: 'keys must be plain text, not lists or mappings',
  notMapping: (kind: string) => `the frontmatter must be a mapping of keys to values, not ${kind}`,
  kindList: 'a list',
  kindText: 'text',
  kindNumber: 'a number',
  kindBoolean: 'true or false',
  kindNull: 'null',
  notFinite: (text: string) => `the number ${text} is not finite; quote it if it is text`,
  unsafeInteger: (text: string) => `the number ${text} is too large to keep exactly; quote it`,
  unpairedSurrogate: 'the text contains an unpaired surrogate escape, which is not Unicode',
  syntax: (detail: string) => `YAML syntax error: ${detail}`,
  yamlFix: 'fix the YAML at the lines shown; frontmatter is YAML 1.2 without anchors, aliases or tags',

  // reading as a whole
  unreadable: (file: string) => `${file}: the frontmatter cannot be read`,

  // canonical JSON and the digest (programming errors: data reaching them was already validated)
  notJson: (what: string, at: string) => `canonical JSON cannot represent ${what} at ${at}`,
  badRepoPath: (path: string) => `'${path}' is not a repository-relative path with forward slashes`,
  nfcCollision: (key: string, at: string) => `two keys become '${key}' after Unicode normalisation at ${at}`,
} as const;

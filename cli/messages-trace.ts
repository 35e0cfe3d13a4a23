/** The words `designgate trace` prints, in each of its formats (core sentences live in core/messages/). */
export const traceMessages = {
  noStories: 'no stories found (docs/stories/*.md, or the "stories" glob of .designrc.json); write one with designgate new story <id> "<title>"\n',
  badFormat: (format: string) => `unknown trace format "${format}" (known: text, json, markdown, mermaid)`,
  badFormatFix: 'designgate trace --format text|json|markdown|mermaid',
  jsonAndFormat: '--json and --format name the output twice',

  // text
  story: (id: string, title: string, file: string) => `${id} ${title} (${file})`,
  context: (name: string, state: string) => `context ${name}: ${state}`,
  undeclared: (id: string) => ` (the architecture does not list ${id} under it)`,
  noContext: (id: string) => `context: missing (no context serves ${id}, and no design lists it)`,
  outside: 'context: missing (these designs lie outside every context)',
  noDesign: (id: string) => `design: missing (no design of this context lists ${id} in its stories)`,
  link: (kind: 'design' | 'code' | 'test', path: string, state: string) => `${kind} ${path}: ${state}`,
  scenarioWithoutTest: (scenario: string, design: string, line: number) => `no test for the scenario "${scenario}" (${design}:${line})`,

  // markdown
  header: ['Story', 'Context', 'Design', 'Code', 'Test'] as const,
  cell: (name: string, state: string) => `${name} (${state})`,
  missingCell: '*missing*',
  outsideCell: '*outside every context*',

  // mermaid labels
  storyLabel: (id: string, title: string) => `${id}: ${title}`,
  contextLabel: (name: string, state: string) => `context ${name} (${state})`,
  outsideLabel: 'outside every context',
  missingContextLabel: 'no context',
  missingDesignLabel: 'no design',
  designLabel: (component: string, state: string) => `design ${component} (${state})`,
  fileLabel: (path: string, state: string) => (state === 'present' ? path : `${path} (${state})`),
} as const;

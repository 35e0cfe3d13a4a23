/**
 * Sentences of `designgate report`: the words of the HTML page (headings, the meaning of each
 * state, notes) and of the command around it. The page shows repository text only as text, never
 * as markup; these sentences are the only prose it adds.
 */
export const reportMessages = {
  // the command
  needsOutput: 'report needs somewhere to write: --html <file>, --json, or both',
  needsOutputFix: 'run `designgate report --html designgate-report.html` (or `--json` for the data)',
  noPositionals: 'report takes no paths: it always covers the whole repository',
  noPositionalsFix: 'run `designgate report --html <file>`',
  written: (file: string, components: number, kib: number) => `wrote ${file}: ${components} component${components === 1 ? '' : 's'}, ${kib} KiB, no network needed to view it\n`,
  writeFailed: (file: string, detail: string) => `cannot write ${file}: ${detail}`,
  writeFailedFix: 'choose a path in a folder that exists and that you may write to',

  // notes gathered with the data
  unsignedApprovals: (config: string) => `${config} has signedApprovals off: approvals are unsigned attestations`,
  noArchitecture: (config: string, file: string) => `${config}: no architecture (${file}), so components are not grouped into contexts`,
  architectureState: (file: string, state: string) => `${file} is ${state}`,

  // the page
  title: (repository: string) => `designgate report: ${repository}`,
  generated: (at: string, head: string | undefined) => `generated ${at}${head === undefined ? '' : ` at commit ${head}`}`,
  noScript: 'This report draws its graph and tables with JavaScript; enable it to see them. The data is in the script tag with id "report-data".',
  headings: {
    summary: 'Summary',
    graph: 'Architecture',
    matrix: 'Traceability: stories × components',
    problems: 'Problems and their fixes',
    approvers: 'Approvers',
    notes: 'Notes',
    details: 'Component',
  },
  controls: {
    context: 'Context',
    allContexts: 'all contexts',
    state: 'State',
    allStates: 'all states',
    search: 'Search',
    searchPlaceholder: 'path, id or story',
    fit: 'Fit',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    /** Filled in by the page as the filters change. */
    showing: '{shown} of {total} components',
  },
  legend: {
    allowed: 'allowed dependency (architecture)',
    actual: 'dependency (depends_on)',
    forbidden: 'forbidden dependency',
  },
  states: {
    missing: 'missing: no design yet',
    invalid: 'invalid: its frontmatter cannot be read',
    draft: 'draft: not approved',
    unverified: 'unverified: an approval block without a valid approval commit',
    stale: 'stale: edited since it was approved',
    suspect: 'suspect: approved against an older entry of its context',
    untested: 'untested: approved, but its test file is missing',
    approved: 'approved',
  },
  columns: {
    component: 'Component',
    context: 'Context',
    state: 'State',
    file: 'File',
    rule: 'Rule',
    severity: 'Severity',
    message: 'Problem',
    fix: 'Fix',
    name: 'Name',
    email: 'Email',
    keys: 'Keys',
    paths: 'May approve',
    approved: 'Approved',
  },
  noContext: '(no context)',
  noStories: 'No stories yet: write one with `designgate new story <id> <title…>`.',
  noProblems: 'No problems.',
  noApprovers: 'No approvers are configured.',
  everything: 'everything',
  viaContext: 'served through its context',
  declared: 'declared in its design',
  unknownStory: 'no such story file',
  detailLabels: {
    code: 'code',
    design: 'design',
    test: 'test',
    state: 'state',
    type: 'type',
    stories: 'stories',
    dependsOn: 'depends on',
    usedBy: 'used by',
    approvers: 'approved by',
    problems: 'problems',
    none: 'none',
    noFile: '(missing)',
  },
} as const;

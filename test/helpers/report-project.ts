/**
 * Repositories for the report tests: a small one holding every component state and a forbidden
 * dependency, and a generated one of any size (500 components for the "usable at scale" test).
 * The approval gate is off in both, so states come from the digests alone (the verified states
 * have their own test with real signed approvals); that keeps building 500 designs instant.
 */
import { designDigest } from '../../core/digest.js';
import type { Tree } from './repo.js';

export const RULES = [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }];

export function configText(extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      components: RULES,
      architecture: 'docs/architecture.md',
      approvers: [{ name: 'Jane Doe', email: 'jane@example.com', keys: [] }],
      // Alignment off: the fixtures' tests are placeholders, and the report's problems are about edges and states.
      gates: { approval: 'off', completeness: 'error', architecture: 'warn', alignment: 'off' },
      ...extra,
    },
    null,
    2,
  );
}

export interface ContextSpec {
  owns: string[];
  depends_on: string[];
  purpose?: string;
  stories?: string[];
}

export function architectureText(contexts: Record<string, ContextSpec>): string {
  const lines = ['---', 'status: draft', 'contexts:'];
  for (const [name, c] of Object.entries(contexts)) {
    lines.push(`  ${name}:`, `    owns: [${c.owns.join(', ')}]`, `    depends_on: [${c.depends_on.join(', ')}]`);
    if (c.purpose !== undefined) lines.push(`    purpose: ${c.purpose}`);
    if (c.stories !== undefined) lines.push(`    stories: [${c.stories.join(', ')}]`);
  }
  lines.push('---', '', '# Architecture', '');
  return lines.join('\n');
}

export function storyText(id: string, title: string): string {
  return `---\nid: ${id}\ntitle: ${title}\n---\n\nAs a user I want ${title.toLowerCase()} so that work gets done.\n\n## Acceptance criteria\n\n- it works\n`;
}

/** A draft design in the shape `designgate new` writes. */
export function draftDesign(purpose: string, stories: readonly string[] = [], dependsOn: readonly string[] = []): string {
  return `---\ntype: module\nstatus: draft\nstories: [${stories.join(', ')}]\ndepends_on: [${dependsOn.join(', ')}]\n---\n\n## Purpose\n\n${purpose}\n\n## Public API\n\nNone.\n\n## Dependencies\n\nNone.\n\n## Test Scenarios\n\n- it works.\n`;
}

/** The draft with an approval block recording its digest at `path` (and, optionally, a context digest). */
export function approvedDesign(path: string, draft: string, context?: string): string {
  const digest = designDigest(path, draft);
  const block = `status: approved\napproval:\n  digest: ${digest}\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z\n${context === undefined ? '' : `  context: ${context}\n`}`;
  return draft.replace('status: draft\n', block);
}

/** A context digest that no context has: an approval recording it is suspect. */
export const OLD_CONTEXT = `sha256:${'0'.repeat(64)}`;

/**
 * Two contexts (`api` may use `core`, not the reverse) and one component in each state:
 * core/approved, core/draft, core/stale, core/untested (approved, no test), core/suspect, core/invalid,
 * api/handler (approved, depends on core/approved: allowed), core/leaky (depends on api/handler:
 * forbidden), api/missing (code only), and tools/orphan outside every context. Stories US-1..US-3.
 */
export function smallReportTree(): Tree {
  const tree: Tree = {
    '.designrc.json': configText(),
    'docs/architecture.md': architectureText({
      core: { owns: ['src/core/'], depends_on: [], purpose: 'The domain.', stories: ['US-3'] },
      api: { owns: ['src/api/'], depends_on: ['core'], purpose: 'HTTP handlers.' },
    }),
    'docs/stories/US-1.md': storyText('US-1', 'Sign in'),
    'docs/stories/US-2.md': storyText('US-2', 'Export data'),
    'docs/stories/US-3.md': storyText('US-3', 'Audit log'),
  };
  const add = (id: string, design: string | undefined, options: { test?: boolean } = {}) => {
    tree[`src/${id}.ts`] = 'export {};\n';
    if (design !== undefined) tree[`docs/design/${id}.md`] = design;
    if (options.test !== false) tree[`test/${id}.test.ts`] = 'test\n';
  };
  const approved = (id: string, stories: string[], deps: string[] = [], context?: string) =>
    approvedDesign(`docs/design/${id}.md`, draftDesign(`The ${id} component.`, stories, deps), context);
  add('core/approved', approved('core/approved', ['US-1']));
  add('core/draft', draftDesign('A draft.', ['US-1', 'US-2']));
  add('core/stale', approved('core/stale', ['US-2']).replace('The core/stale component.', 'The core/stale component, edited.'));
  add('core/untested', approved('core/untested', []), { test: false });
  add('core/suspect', approved('core/suspect', [], [], OLD_CONTEXT));
  add('core/invalid', '---\ntype: module\ntype: module\n---\n');
  add('core/leaky', draftDesign('Reaches into the api.', [], ['api/handler']));
  add('api/handler', approved('api/handler', ['US-1'], ['core/approved']));
  add('api/missing', undefined);
  add('tools/orphan', draftDesign('Outside every context.', ['US-9']));
  return tree;
}

export interface GeneratedOptions {
  contexts: number;
  perContext: number;
  stories: number;
}

/**
 * `contexts × perContext` components in contexts c0…, each context allowed to use the next two
 * lower ones; each component depends on two earlier ones in its context and one in an allowed
 * context, and every 50th on a forbidden one. States cycle through approved (most), draft, stale,
 * untested and missing. Stories s1… are spread over the components.
 */
export function generatedReportTree(options: GeneratedOptions): Tree {
  const contexts: Record<string, ContextSpec> = {};
  for (let c = 0; c < options.contexts; c++) {
    contexts[`c${c}`] = { owns: [`src/c${c}/`], depends_on: [c - 1, c - 2].filter((d) => d >= 0).map((d) => `c${d}`), purpose: `Context number ${c}.` };
  }
  const tree: Tree = { '.designrc.json': configText(), 'docs/architecture.md': architectureText(contexts) };
  for (let s = 1; s <= options.stories; s++) tree[`docs/stories/s${s}.md`] = storyText(`s${s}`, `Story ${s}`);
  let n = 0;
  for (let c = 0; c < options.contexts; c++) {
    for (let i = 0; i < options.perContext; i++, n++) {
      const id = `c${c}/m${i}`;
      const deps = [i - 1, i - 3].filter((j) => j >= 0).map((j) => `c${c}/m${j}`);
      if (c > 0) deps.push(`c${c - 1}/m${i % options.perContext}`);
      if (n % 50 === 49 && c + 1 < options.contexts) deps.push(`c${c + 1}/m0`);
      const stories = [`s${(n % options.stories) + 1}`];
      const draft = draftDesign(`Module ${id}.`, stories, deps);
      const path = `docs/design/${id}.md`;
      const kind = n % 10;
      tree[`src/${id}.ts`] = 'export {};\n';
      if (kind === 7) continue; // missing: code only
      if (kind !== 6) tree[`test/${id}.test.ts`] = 'test\n';
      tree[path] = kind === 8 ? draft : kind === 9 ? approvedDesign(path, draft).replace(`Module ${id}.`, `Module ${id}, edited.`) : approvedDesign(path, draft);
    }
  }
  return tree;
}

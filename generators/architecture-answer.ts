/**
 * The answer of an architecture session is untrusted input (R13), like a code session's: one JSON
 * object that `schema/generator-architecture.schema.json` accepts, nothing repaired. The model
 * proposes contexts; the tool, not the model, writes the document — the frontmatter in the shape
 * core/architecture/reader.ts reads (`status: draft`, never an approval), and each context's prose
 * under its own heading — so no answer can smuggle an approval block or another key into it.
 */
import { Document } from 'yaml';
import { readSchema } from '../core/config/schema-validator.js';
import { parseAnswer } from './answer.js';
import { draftingMessages as m } from '../core/messages/drafting.js';

export const ARCHITECTURE_SCHEMA = 'generator-architecture';

export interface ProposedContext {
  name: string;
  owns: string[];
  depends_on: string[];
  serves: string[];
  prose: string;
}

export interface ArchitectureAnswer {
  contexts: ProposedContext[];
}

export type ArchitectureCheck = { ok: true; answer: ArchitectureAnswer } | { ok: false; errors: string[] };

/** The structured-output schema sent to Ollama: the shipped schema as it is. */
export function architectureFormat(): Record<string, unknown> {
  return readSchema(ARCHITECTURE_SCHEMA);
}

/**
 * Parses and checks a raw answer: JSON, the schema, one context per name.
 * @example checkArchitectureAnswer('{"contexts":[]}') // { ok: false, errors: ['/contexts: …'] }
 */
export function checkArchitectureAnswer(raw: string): ArchitectureCheck {
  const parsed = parseAnswer(raw, ARCHITECTURE_SCHEMA);
  if (!parsed.ok) return parsed;
  const answer = parsed.value as ArchitectureAnswer;
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const c of answer.contexts) {
    if (seen.has(c.name)) errors.push(m.duplicateContext(c.name));
    seen.add(c.name);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answer };
}

/**
 * The first sentence of a context's prose, on one line: its `purpose` in the frontmatter.
 * @example purposeOf('Sign-in and sessions. Owns the tokens.') // 'Sign-in and sessions.'
 */
export function purposeOf(prose: string): string {
  const line = prose.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}

/**
 * The architecture document of an answer: frontmatter `status: draft` and `contexts` (owns,
 * depends_on, stories, purpose, lists in flow style as people write them), then one section of
 * prose per context.
 * @example renderArchitecture({ contexts: [{ name: 'core', owns: ['core/'], depends_on: [], serves: [], prose: 'The library.' }] })
 */
export function renderArchitecture(answer: ArchitectureAnswer): string {
  const doc = new Document({});
  doc.set('status', 'draft');
  const contexts = doc.createNode({}) as ReturnType<Document['createNode']> & { set(k: unknown, v: unknown): void };
  for (const c of answer.contexts) {
    const entry = doc.createNode({}) as typeof contexts;
    entry.set('owns', doc.createNode(c.owns, { flow: true }));
    entry.set('depends_on', doc.createNode(c.depends_on, { flow: true }));
    if (c.serves.length > 0) entry.set('stories', doc.createNode(c.serves, { flow: true }));
    entry.set('purpose', purposeOf(c.prose));
    contexts.set(c.name, entry);
  }
  doc.set('contexts', contexts);
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const sections = answer.contexts.flatMap((c) => [`## ${c.name}`, '', c.prose.trim(), '']);
  return `---\n${yaml}---\n\n# ${m.architectureTitle}\n\n${m.architectureDrafted}\n\n${sections.join('\n')}`;
}

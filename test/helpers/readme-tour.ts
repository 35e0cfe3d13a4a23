/**
 * Reads the runnable steps of the README's `## Five-minute tour` section: each ```sh block (info
 * `sh`, `sh exit=N`, or `sh ollama` for the model-server commands a test cannot run) with the
 * ```text block that may follow it as its expected output. Fences are tracked, so a `## Purpose`
 * inside a heredoc never ends the section.
 */

export interface TourStep {
  kind: 'sh' | 'ollama';
  /** The block's text, without its fences. */
  script: string;
  /** The exit status the README promises: `exit=N` in the info string, else 0. */
  exit: number;
  /** Lines of the following ```text block (empty when there is none). */
  expected: string[];
  /** 1-based line of the opening fence in the README. */
  line: number;
  /** `ollama pull <model>` models of an `ollama` block. */
  models: string[];
}

interface Block {
  info: string;
  text: string;
  line: number;
  /** The block follows the previous one with only blank lines between. */
  adjacent: boolean;
}

/** The fenced blocks of the section whose H2 heading is `heading`, in order. */
function sectionBlocks(markdown: string, heading: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let inSection = false;
  let found = false;
  let fence: { marks: string; info: string; line: number; body: string[] } | undefined;
  let sinceLast: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== undefined) {
      if (line.trimEnd() === fence.marks || (line.startsWith(fence.marks) && /^`+$/.test(line.trimEnd()))) {
        if (inSection) blocks.push({ info: fence.info, text: fence.body.join('\n'), line: fence.line, adjacent: blocks.length > 0 && sinceLast.every((l) => l.trim() === '') });
        fence = undefined;
        sinceLast = [];
      } else fence.body.push(line);
      continue;
    }
    const open = /^(`{3,})(.*)$/.exec(line);
    if (open !== null) {
      fence = { marks: open[1]!, info: open[2]!.trim(), line: i + 1, body: [] };
      continue;
    }
    if (/^## /.test(line)) {
      if (inSection) break;
      inSection = line.trim() === `## ${heading}`;
      found ||= inSection;
    }
    sinceLast.push(line);
  }
  if (!found) throw new Error(`README has no "## ${heading}" section`);
  return blocks;
}

/** The tour's steps, in order. */
export function parseTour(markdown: string, heading = 'Five-minute tour'): TourStep[] {
  const steps: TourStep[] = [];
  for (const block of sectionBlocks(markdown, heading)) {
    const [lang, ...words] = block.info.split(/\s+/);
    if (lang === 'text') {
      const last = steps.at(-1);
      if (last === undefined || !block.adjacent) throw new Error(`README line ${block.line}: a \`\`\`text block must follow a \`\`\`sh block`);
      last.expected = block.text.split('\n').filter((l) => l.trim() !== '');
      continue;
    }
    if (lang !== 'sh') continue; // json, yaml …: shown, not run
    const exitWord = words.find((w) => w.startsWith('exit='));
    const kind = words.includes('ollama') ? 'ollama' : 'sh';
    const models = kind === 'ollama' ? [...block.text.matchAll(/^ollama pull (\S+)/gm)].map((m) => m[1]!) : [];
    if (kind === 'ollama' && block.text.split('\n').some((l) => l.trim() !== '' && !/^ollama\s/.test(l))) {
      throw new Error(`README line ${block.line}: a \`\`\`sh ollama block holds only ollama commands (it is not run)`);
    }
    steps.push({ kind, script: block.text, exit: exitWord === undefined ? 0 : Number(exitWord.slice(5)), expected: [], line: block.line, models });
  }
  return steps;
}

/**
 * The first expected line not found, in order, as a whole line of `output` (trailing spaces
 * ignored; `…` matches any text); undefined when all are there.
 * @example matchLines(['a … c'], 'x\na b c\n') // undefined
 */
export function matchLines(expected: readonly string[], output: string): string | undefined {
  const lines = output.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const want of expected) {
    const pattern = new RegExp(`^${want.trimEnd().split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    while (at < lines.length && !pattern.test(lines[at]!)) at++;
    if (at === lines.length) return want;
    at++;
  }
  return undefined;
}

/**
 * Text from a model or a test run is untrusted: it may carry terminal escape sequences that
 * rewrite the screen or the window title, or lines of megabytes (F17). Everything such text passes
 * through before it reaches a terminal, a report or a prompt is cleaned and bounded here.
 */

/** Longest line kept in logs and reports; longer lines are cut with a marker. */
export const MAX_LINE = 2000;

// CSI / OSC / other ESC sequences, then the remaining C0 and C1 controls except tab and newline.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[PX^_][^\u001b]*\u001b\\|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes escape sequences and control characters (keeping tab and newline, turning CR into a
 * line break), and cuts lines over `maxLine` characters.
 * @example sanitizeText('ok\u001b[2Jgone\u0007') // 'okgone'
 */
export function sanitizeText(text: string, maxLine = MAX_LINE): string {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(ESCAPES, '').replace(CONTROLS, '');
  return cleaned
    .split('\n')
    .map((line) => (line.length > maxLine ? `${line.slice(0, maxLine)} … [${line.length - maxLine} more characters]` : line))
    .join('\n');
}

/**
 * The last `maxBytes` of a test run's output, sanitised: failures print their summary at the end,
 * and the prompt has room for a few kilobytes, not a whole log.
 * @example tailText('a\n'.repeat(10000), 100).length <= 140 // true
 */
export function tailText(text: string, maxBytes: number): string {
  const clean = sanitizeText(text);
  if (Buffer.byteLength(clean, 'utf8') <= maxBytes) return clean;
  let tail = clean.slice(-maxBytes);
  const newline = tail.indexOf('\n');
  if (newline !== -1 && newline < tail.length - 1) tail = tail.slice(newline + 1);
  return `[… ${clean.length - tail.length} earlier characters cut]\n${tail}`;
}

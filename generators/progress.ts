/**
 * What a session shows while it runs. On a terminal: each step as it starts and ends, the attempt,
 * and the tokens streaming in with their rate, rewritten in place. Elsewhere (CI, a pipe): only
 * warnings, so logs stay quiet. It writes through the function it is given and never to the
 * process itself.
 */
import type { SessionEvent } from './code-session.js';
import { generatorMessages as m } from '../core/messages/generators.js';

/**
 * An `onEvent` for sessions that writes progress lines with `write` (stderr, in the CLI).
 * @example startCodeSession(request, { ...world, onEvent: progressReporter((t) => process.stderr.write(t), true) })
 */
export function progressReporter(write: (text: string) => void, interactive: boolean): (event: SessionEvent) => void {
  let tokenLine = false;
  const endTokenLine = () => {
    if (tokenLine) write('\n');
    tokenLine = false;
  };
  return (event) => {
    switch (event.type) {
      case 'warning':
        endTokenLine();
        write(`${event.message}\n`);
        return;
      case 'started':
        if (interactive) write(`${event.resumed ? m.progressResumed(event.sessionId) : m.progressStarted(event.sessionId)}\n`);
        return;
      case 'step':
        if (!interactive) return;
        endTokenLine();
        if (event.outcome === undefined) write(`${m.progressStep(event.name, event.attempt)}\n`);
        else if (event.outcome === 'failed') write(`${m.progressFailed(event.name)}\n`);
        return;
      case 'tokens':
        if (!interactive) return;
        tokenLine = true;
        write(`\r\u001b[2K  ${m.progressTokens(event.tokens, event.elapsedMs)}`);
        return;
    }
  };
}

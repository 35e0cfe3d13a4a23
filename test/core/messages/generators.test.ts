import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatorMessages as m } from '../../../core/messages/generators.js';

/** One sample of each cause a user sees as `designgate: <cause>`. */
const causes = [
  m.badHost('OLLAMA_HOST', 'ftp://x'),
  m.remoteHost('generator.host', 'http://10.0.0.5:11434'),
  m.unreachable('http://127.0.0.1:11434', 'ECONNREFUSED'),
  m.modelMissing('m', 'http://127.0.0.1:11434', ['a', 'b']),
  m.serverError(500, 'out of memory\nstack'),
  m.loadTimeout('m', 600),
  m.answerTimeout(600),
  m.streamStalled(120),
  m.streamDropped('terminated\nmore'),
  m.streamError('runner died'),
  m.malformedStream('{oops'),
  m.answerTruncated(8192),
  m.answerTooLarge(1048576),
  m.contextFull(10240),
  m.contextTooSmall(5000, 8192, 4096, 'config'),
  m.recordCorrupt('S', m.recordChainBroken(3)),
  m.componentLocked('docs/design/a.md', 'S', 42),
  m.targetRefused('src/a.js', m.throughLink('.husky/a.js')),
  m.badTestCommand('a | b', m.testCommandOperator('|')),
  m.unsafeTestPath('test', 'a b'),
  m.testProgramMissing('mix'),
  m.noGeneratorConfig('.designrc.json'),
  m.notADesign('src/a.js', 'code', 'docs/design/a.md'),
  m.notApproved('docs/design/a.md', 'unverified'),
  m.uncommittedTargets(['src/a.js', 'test/a.test.js']),
  m.writeFailed('src/a.js', 'ENOSPC'),
  m.escalated('docs/design/a.md', 2),
  m.designEscalated('docs/design/a.md', 1),
  m.resumeDesignChanged('S', 'docs/design/a.md'),
  m.designApproved('docs/design/a.md', 'stale'),
  m.notInArchitecture('src/a.js', 'docs/architecture.md'),
  m.generateUsage,
  m.sessionUsage,
];

const fixes = [
  m.badHostFix('OLLAMA_HOST'), m.remoteHostFix, m.unreachableFix, m.modelMissingFix('m'), m.serverLogFix, m.loadTimeoutFix('m'), m.answerTimeoutFix,
  m.streamStalledFix, m.streamDroppedFix, m.answerTruncatedFix, m.answerTooLargeFix, m.contextFullFix, m.contextTooSmallFix('model'), m.recordCorruptFix('S'),
  m.componentLockedFix('S'), m.targetRefusedFix, m.badTestCommandFix, m.unsafeTestPathFix, m.testProgramMissingFix, m.noGeneratorConfigFix, m.noTestCommandFix,
  m.notADesignFix('docs/design/a.md'), m.notApprovedFix('docs/design/a.md', 'draft'), m.uncommittedTargetsFix(['a']), m.writeFailedFix('EPERM'), m.writeFailedFix('ENOSPC'),
  m.escalatedFix('r.md'), m.resumeAbortFix('S'), m.designApprovedFix('src/a.js'), m.notInArchitectureFix('docs/architecture.md'), m.generateUsageFix, m.sessionUsageFix,
];

test('causes are one line; none ends with a full stop', () => {
  for (const text of causes) {
    assert.ok(!text.includes('\n'), text);
    assert.ok(!text.endsWith('.'), text);
  }
});

test('every fix names a command or the setting to change', () => {
  for (const text of fixes) assert.match(text, /`[^`]+`|\.designrc\.json|generator\.|--force|--revise|OLLAMA_HOST|^read |resume|close|free/, text);
});

test('the Ollama failures say the fix the issue asks for', () => {
  assert.match(m.modelMissingFix('qwen2.5-coder:7b'), /`ollama pull qwen2\.5-coder:7b`/);
  assert.match(m.unreachableFix, /`ollama serve`/);
  assert.match(m.loadTimeoutFix('m'), /`ollama run m ""`/);
  assert.equal(m.answerTruncated(8192), 'the answer was cut off at num_predict=8192 tokens (done_reason: length)');
  assert.match(m.contextTooSmall(5000, 8192, 4096, 'model'), /it was not sent, so nothing was truncated/);
});

test('the refusals name the state and the command that fixes it', () => {
  assert.match(m.notApproved('docs/design/a.md', 'draft'), /is a draft/);
  assert.match(m.notApprovedFix('docs/design/a.md', 'stale'), /`designgate approve docs\/design\/a\.md`/);
  assert.match(m.notApprovedFix('docs/design/a.md', 'missing'), /`designgate new <code path>`/);
  assert.match(m.uncommittedTargetsFix(['src/a.js']), /`git diff -- src\/a\.js`.*--force/);
  assert.match(m.componentLockedFix('S'), /`designgate session abort S`/);
});

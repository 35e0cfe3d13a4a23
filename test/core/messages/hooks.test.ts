/**
 * The sentences of the gates: every message is one line (the CLI prefixes each with `designgate - `),
 * every fix names a command or an exact edit, and the few whose wording tests elsewhere match are pinned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hookMessages as m } from '../../../core/messages/hooks.js';

/** Calls every message with placeholder arguments. */
function everyText(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(m)) {
    if (typeof value === 'string') out.push([name, value]);
    else {
      const args: unknown[] =
        name === 'unknownHook' ? ['x', ['pre-commit']] : name.startsWith('verify') ? [2, 'a', 'b', '1 error, 0 warnings'] : ['a'.repeat(40), 'b', 'c', 'd'];
      out.push([name, (value as (...a: unknown[]) => string)(...args)]);
    }
  }
  return out;
}

test('every message is one line, without a trailing full stop (summaries end in one newline)', () => {
  for (const [name, text] of everyText()) {
    const body = name === 'verifyPassed' || name === 'verifySummary' ? text.replace(/\n$/, '') : text;
    assert.ok(!body.includes('\n'), name);
    assert.ok(!/\.$/.test(body) || name === 'hookAppended', `${name}: ${body}`);
    assert.ok(body.length > 0, name);
  }
});

test('every fix names a command in backticks or an exact edit', () => {
  for (const [name, text] of everyText()) {
    if (!name.endsWith('Fix')) continue;
    assert.match(text, /`[^`]+`|"prepare"/, name);
  }
});

test('pinned wordings', () => {
  assert.equal(m.prefix, 'designgate - ');
  assert.equal(m.refused('pre-commit', '2 errors, 0 warnings'), 'pre-commit: 2 errors, 0 warnings; refused (fix the problems above, then try again)');
  assert.equal(m.notApproved('src/a.ts', 'docs/design/a.md', m.stateDraft), 'src/a.ts needs an approved design, but docs/design/a.md is a draft (no approval)');
  assert.equal(m.inCommit('0123456789abcdef0123', 'x'), 'in 0123456789ab: x');
  assert.match(m.shallowFix, /fetch-depth: 0/);
  assert.match(m.baseNotFoundFix('origin/main'), /fetch-depth: 0/);
  assert.equal(m.emptyRange('HEAD', 'HEAD'), 'the range HEAD..HEAD is empty: there is nothing to verify, which is never a pass');
  assert.equal(m.verifyPassed(1, 'a', 'b'), 'verify: 1 commit of a..b: every gate holds\n');
  assert.equal(m.verifySummary(2, 'a', 'b', '1 error, 0 warnings'), 'verify: 2 commits of a..b: 1 error, 0 warnings\n');
});

test('the shim message is safe inside single quotes and names the missing path', () => {
  const text = m.shimMissingBin("it's/designgate.js");
  assert.ok(text.startsWith("designgate - it's/designgate.js not found: refusing"));
});

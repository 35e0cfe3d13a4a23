import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildCodePrompt, formatDependencies, FEEDBACK_OUTPUT_BYTES, type CodePromptInput } from '../../generators/code-prompt.js';
import { loadPrompt } from '../../generators/prompts.js';
import { makeTempDir } from '../helpers/repo.js';

const repoRoot = makeTempDir();
const templates = async () => ({ system: await loadPrompt('code-system', repoRoot), user: await loadPrompt('code', repoRoot) });
const input: CodePromptInput = {
  designPath: 'docs/design/add.md',
  designText: '---\ntype: module\n---\n## Public API\n- add {{feedback}}\n',
  codePath: 'src/add.mjs',
  testPath: 'test/add.test.mjs',
  testsLocked: false,
  context: { type: 'module', sections: ['Purpose', 'Public API'], guidance: { Purpose: 'why it exists' }, dependencies: [{ id: 'base', designPath: 'docs/design/base.md', api: '- ZERO' }] },
  attempt: 1,
  maxAttempts: 3,
};

describe('buildCodePrompt', () => {
  test('the first attempt: the design, dependencies, rules and files as data', async () => {
    const { system, prompt } = buildCodePrompt(await templates(), input);
    assert.match(system, /Add no other key/);
    assert.match(prompt, /^# Implement src\/add\.mjs\n/);
    assert.match(prompt, /<<<BEGIN docs\/design\/add\.md [0-9a-f]{8}>>>\n---\ntype: module/);
    assert.match(prompt, /- add \{\{feedback\}\}/, 'repository text is not expanded');
    assert.match(prompt, /### base\n\n<<<BEGIN docs\/design\/base\.md Public API/);
    assert.match(prompt, /- Purpose: why it exists\n- Public API\n/);
    assert.match(prompt, /`src\/add\.mjs` does not exist yet\./);
    assert.match(prompt, /\(nothing: this is the first attempt\)/);
    assert.match(prompt, /Test file: `test\/add\.test\.mjs` — write it/);
  });
  test('a retry: the reasons and the end of the test output, bounded', async () => {
    const output = `${'noise\n'.repeat(10_000)}AssertionError: 5 !== -1\n`;
    const { prompt } = buildCodePrompt(await templates(), { ...input, attempt: 2, currentCode: 'bad()', feedback: ['the tests failed (exit code 1)'], testOutput: output });
    assert.match(prompt, /- the tests failed \(exit code 1\)/);
    assert.match(prompt, /AssertionError: 5 !== -1/);
    assert.match(prompt, /<<<BEGIN src\/add\.mjs [0-9a-f]{8}>>>\nbad\(\)/);
    assert.ok(prompt.length < input.designText.length + FEEDBACK_OUTPUT_BYTES + 6000);
  });
  test('a locked test says so', async () => {
    const { prompt } = buildCodePrompt(await templates(), { ...input, testsLocked: true, currentTest: 'test()' });
    assert.match(prompt, /locked: it was committed with the approved design/);
  });
});

describe('formatDependencies', () => {
  test('each dependency under its id; a missing design or section is said; none is said', () => {
    const text = formatDependencies([{ id: 'base', designPath: 'docs/design/base.md', api: '- ZERO' }, { id: 'gone' }]);
    assert.match(text, /^### base\n\n<<<BEGIN docs\/design\/base\.md Public API [0-9a-f]{8}>>>\n- ZERO\n<<<END docs\/design\/base\.md Public API [0-9a-f]{8}>>>\n\n### gone\n\n\(no design found for it\)$/);
    assert.match(formatDependencies([]), /^\(none: the design depends on no other component\)$/);
  });
});

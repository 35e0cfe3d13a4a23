import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { architectureFormat, checkArchitectureAnswer, purposeOf, renderArchitecture, type ArchitectureAnswer } from '../../generators/architecture-answer.js';
import { readArchitecture } from '../../core/architecture/reader.js';

const answer: ArchitectureAnswer = {
  contexts: [
    { name: 'accounts', owns: ['lib/app/accounts/'], depends_on: [], serves: ['US-1'], prose: 'Sign-in and sessions. It owns the tokens.' },
    { name: 'web', owns: ['lib/app_web/'], depends_on: ['accounts'], serves: [], prose: 'The HTTP edge: "routes": and controllers.' },
  ],
};

describe('checkArchitectureAnswer (R13: checked, never repaired)', () => {
  test('a valid answer passes as it is', () => {
    assert.deepEqual(checkArchitectureAnswer(JSON.stringify(answer)), { ok: true, answer });
  });
  test('not JSON, an extra key, a missing field, a bad name and a duplicate name are errors', () => {
    const notJson = checkArchitectureAnswer('```json\n{}\n```');
    assert.equal(notJson.ok, false);
    assert.match((notJson as { errors: string[] }).errors[0]!, /the answer is not JSON/);
    const extra = checkArchitectureAnswer(JSON.stringify({ ...answer, approval: { by: 'me' } }));
    assert.equal(extra.ok, false);
    assert.match((extra as { errors: string[] }).errors.join('\n'), /approval/);
    const missing = checkArchitectureAnswer(JSON.stringify({ contexts: [{ name: 'a', owns: [], depends_on: [], serves: [] }] }));
    assert.match((missing as { errors: string[] }).errors.join('\n'), /prose/);
    const badName = checkArchitectureAnswer(JSON.stringify({ contexts: [{ ...answer.contexts[0], name: '../x' }] }));
    assert.equal(badName.ok, false);
    const twice = checkArchitectureAnswer(JSON.stringify({ contexts: [answer.contexts[0], answer.contexts[0]] }));
    assert.deepEqual(twice, { ok: false, errors: ['two contexts are named accounts; each context needs its own name'] });
  });
  test('the structured-output format is the shipped schema', () => {
    const format = architectureFormat();
    assert.equal(format['additionalProperties'], false);
    assert.deepEqual(format['required'], ['contexts']);
  });
});

describe('renderArchitecture', () => {
  test('the reader reads back what the model proposed, as a draft without approval', () => {
    const text = renderArchitecture(answer);
    assert.match(text, /^---\nstatus: draft\ncontexts:\n  accounts:\n    owns: \[lib\/app\/accounts\/\]\n    depends_on: \[\]\n    stories: \[US-1\]\n/);
    const read = readArchitecture(text, 'docs/architecture.md', 'error');
    assert.deepEqual(read.problems, []);
    assert.equal(read.architecture?.state, 'draft');
    assert.deepEqual(
      read.architecture?.contexts.map((c) => ({ name: c.name, owns: c.owns, dependsOn: c.dependsOn, stories: c.stories, purpose: c.purpose })),
      [
        { name: 'accounts', owns: ['lib/app/accounts/'], dependsOn: [], stories: ['US-1'], purpose: 'Sign-in and sessions.' },
        { name: 'web', owns: ['lib/app_web/'], dependsOn: ['accounts'], stories: [], purpose: 'The HTTP edge: "routes": and controllers.' },
      ],
    );
    assert.match(text, /\n## accounts\n\nSign-in and sessions\. It owns the tokens\.\n/);
    assert.doesNotMatch(text, /approval/);
  });
  test('purposeOf: the first sentence on one line, capped', () => {
    assert.equal(purposeOf('One.\nTwo.'), 'One.');
    assert.equal(purposeOf('no full stop\nat all'), 'no full stop at all');
    assert.equal(purposeOf('x'.repeat(300)).length, 200);
  });
});

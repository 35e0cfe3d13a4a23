import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffBaselines, planAdoption } from '../../../core/baseline/diff.js';
import type { ComponentStatus } from '../../../core/structure.js';

function component(code: string, codeExists: boolean, state: 'missing' | 'draft'): ComponentStatus {
  const path = code.replace(/^src\/|\.ts$/g, '');
  return { code, design: `docs/design/${path}.md`, test: `test/${path}.test.ts`, codeExists, testExists: false, state: { state } as ComponentStatus['state'], baselined: false };
}

describe('diffBaselines', () => {
  test('what each side lacks, sorted', () => {
    assert.deepEqual(diffBaselines(['c.ts', 'a.ts', 'b.ts'], ['d.ts', 'b.ts', 'B.ts']), { added: ['B.ts', 'd.ts'], removed: ['a.ts', 'c.ts'] });
    assert.deepEqual(diffBaselines(['a.ts'], ['a.ts']), { added: [], removed: [] });
  });
});

describe('planAdoption', () => {
  test('the baseline is the existing code files without a design; stale entries go, new ones come', () => {
    const components = [
      component('src/old.ts', true, 'missing'),
      component('src/new.ts', true, 'missing'),
      component('src/designed.ts', true, 'draft'),
      component('src/planned.ts', false, 'draft'), // a design before its code: never an entry
    ];
    const plan = planAdoption(['src/designed.ts', 'src/gone.ts', 'src/old.ts'], components);
    assert.deepEqual(plan, { files: ['src/new.ts', 'src/old.ts'], added: ['src/new.ts'], removed: ['src/designed.ts', 'src/gone.ts'] });
  });
});

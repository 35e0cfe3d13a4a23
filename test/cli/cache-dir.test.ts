import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userCacheDir } from '../../cli/cache-dir.js';

test('XDG_CACHE_HOME wins', () => {
  assert.equal(userCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' }), '/c/designgate');
});

test('without it, HOME/.cache', () => {
  assert.equal(userCacheDir({ HOME: '/h' }), '/h/.cache/designgate');
  assert.equal(userCacheDir({ XDG_CACHE_HOME: '', HOME: '/h' }), '/h/.cache/designgate');
});

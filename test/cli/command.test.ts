import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands } from '../../cli/commands/index.js';

// Command is an interface; what can break is a command module that does not live up to it.
test('every registered command conforms to the Command contract', async () => {
  for (const [key, load] of Object.entries(commands)) {
    const c = await load();
    assert.equal(c.name, key);
    assert.ok(c.usage.length > 0, `${key} has a synopsis`);
    for (const line of c.usage) assert.ok(line.startsWith(`designgate ${key}`), `${key}: ${line}`);
    assert.equal(typeof c.run, 'function');
    assert.ok(!('help' in c.options), `${key} must not define --help itself`);
    const shorts = new Set<string>(['h']);
    for (const [name, spec] of Object.entries(c.options)) {
      assert.match(name, /^[a-z][a-z-]*$/, `${key} --${name}`);
      assert.ok(spec.type === 'boolean' || spec.type === 'string', `${key} --${name} type`);
      assert.ok(spec.description.trim().length > 0, `${key} --${name} has a description`);
      if (spec.short !== undefined) {
        assert.ok(!shorts.has(spec.short), `${key} -${spec.short} is taken`);
        shorts.add(spec.short);
      }
    }
    if (c.details !== undefined) assert.ok(c.details.trim().length > 0);
  }
});

/**
 * Sentences of the adoption baseline: reading `.designgate/baseline.json`, the warnings about stale
 * entries, the verify refusal when a change grows it, and `designgate adopt`'s report. One line each;
 * every fix names a command in backticks or an exact edit.
 */
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const baselineMessages = {
  // reading the file (format.ts)
  invalid: (file: string) => `${file}: invalid adoption baseline`,
  /** By definition name in schema/baseline.schema.json. */
  patterns: { repoPath: "must be a repository-relative path: '/' separators, no leading or trailing '/', no '.' or '..' segments" },
  invalidFix: (file: string) =>
    `correct ${file} by hand ({ "version": 1, "files": [sorted, unique, repository-relative code paths] }), or run \`git checkout -- ${file}\` and then \`designgate adopt\``,
  unsorted: (previous: string) => `must come before ${JSON.stringify(previous)}: keep the list sorted (code-unit order) so its diffs review well`,

  // the structural gate (structure.ts)
  staleDesign: (code: string, design: string) => `${code} is in the adoption baseline but now has its design ${design}`,
  staleGone: (code: string) => `${code} is in the adoption baseline but is no longer a code file of this repository`,
  staleFix: '`designgate adopt` (removes the entry; shrinking the baseline needs no approval)',
  baselinedState: 'baselined',

  // verify (growth.ts)
  grown: (entries: readonly string[], config: string) =>
    `the adoption baseline grows by ${plural(entries.length, 'entry', 'entries')} (${entries.join(', ')}) without the approval of an approver of ${config} at the base; the baseline may only shrink`,
  grownFix: (entries: readonly string[]) =>
    `write the design: \`designgate new ${entries[0] ?? '<code-path>'}\` and remove the entry; or have an approver of the base approve the commit that grows it (\`git commit -S --trailer "Approved-by: Name <email>"\`)`,

  // designgate adopt
  adoptAdded: (path: string) => `  + ${path}`,
  adoptRemoved: (path: string) => `  - ${path}`,
  adoptSummary: (file: string, added: number, removed: number, size: number, dryRun: boolean) =>
    `${dryRun ? 'would update' : 'updated'} ${file}: ${added} added, ${removed} removed, ${plural(size, 'file')} baselined`,
  adoptUnchanged: (file: string, size: number) => `${file} is up to date: ${plural(size, 'file')} baselined, nothing to add or remove`,
  adoptNothing: 'every code file has its design: there is nothing to baseline',
  adoptNextGrown: (file: string) =>
    `next: commit it (\`git add ${file} && git commit -S -m "Adopt designgate: baseline"\`); a commit that grows the baseline must carry an approver's signed trailer (\`--trailer "Approved-by: Name <email>"\`), or \`designgate verify\` refuses it (baseline-grown)`,
  adoptNextShrunk: (file: string) => `next: commit it (\`git add ${file} && git commit -m "Shrink the adoption baseline"\`); shrinking needs no approval`,
  adoptDirty: (file: string) => `${file} has uncommitted edits; adopt will not overwrite them`,
  adoptDirtyFix: (file: string) => `commit them, or discard them with \`git checkout -- ${file}\`, then run \`designgate adopt\` again`,
  adoptNoPositionals: 'adopt takes no paths: the baseline always covers the whole repository (only --draft takes code paths)',
  adoptNoPositionalsFix: 'run `designgate adopt` (or `designgate adopt --dry-run` to see what it would do; `designgate adopt --draft <code-path…>` to draft designs)',
  adoptNothingToDraft: 'adopt --draft: every code file has a design; nothing to draft',
  statusBaselined: (file: string, n: number) => `${plural(n, 'code file')} baselined in ${file}: exempt until their design is written (\`designgate new <code-path>\`)`,
  reportSize: (n: number) => `adoption baseline: ${plural(n, 'file')} exempt until their design is written`,
};

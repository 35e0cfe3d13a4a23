/** Sentences of the structural gate (beyond the mapping's own). */
export const structureMessages = {
  unreadableFix: (design: string) => `fix the frontmatter of ${design} (see \`designgate lint ${design}\`)`,
  unknownType: (type: string, known: readonly string[]) => `unknown component type '${type}' (known: ${known.join(', ')})`,
  unknownTypeFix: (configFile: string) => `use one of the known types, or add the type under "types" in ${configFile}`,
} as const;

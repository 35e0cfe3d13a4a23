/** Sentences the CLI itself prints (core sentences live in core/messages/). */
export const cliMessages = {
  unknownCommand: (name: string) => `unknown command '${name}'`,
  unknownCommandFix: 'run `designgate --help` to list the commands',
  badArguments: (command: string, detail: string) => `${command}: ${detail}`,
  badArgumentsFix: (command: string) => `run \`designgate ${command} --help\``,
  internalError: (version: string, node: string, detail: string) =>
    `designgate ${version} hit an internal error (a bug, not your mistake): ${detail}\n` +
    `  node ${node}; please report it with the command you ran. Set DESIGNGATE_DEBUG=1 for the stack.`,
} as const;

// The shape of one `course` subcommand: its help text comes from the same
// definition that parses its arguments.
import { parseArgs } from "node:util";

type OptionSpec = { type: "string" | "boolean"; short?: string; default?: string | boolean; description: string };

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }): Promise<number>;
}

export function defineCommand(command: Command): Command {
  return command;
}

export function helpOf(command: Command): string {
  const options = Object.entries(command.options).map(
    ([name, spec]) => `  --${name}${spec.type === "string" ? " <value>" : ""}  ${spec.description}`,
  );
  return [
    `${command.summary}\n`,
    `Usage: npx course ${command.usage}`,
    ...(options.length ? ["", "Options:", ...options] : []),
    "  --help  show this help",
  ].join("\n");
}

export function parse(command: Command, argv: string[]) {
  const options: Record<string, { type: "string" | "boolean"; short?: string; default?: string | boolean }> = {
    help: { type: "boolean" },
  };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

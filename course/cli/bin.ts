#!/usr/bin/env node
import { type Command, helpOf, parse } from "./command.ts";
// `npx course <command>`: the learner's and instructor's entry point.
import check from "./commands/check.ts";
import cleanup from "./commands/cleanup.ts";
import deploy from "./commands/deploy.ts";
import destroy from "./commands/destroy.ts";
import doctor from "./commands/doctor.ts";
import down from "./commands/down.ts";
import hint from "./commands/hint.ts";
import list from "./commands/list.ts";
import reset from "./commands/reset.ts";
import start from "./commands/start.ts";
import status from "./commands/status.ts";
import up from "./commands/up.ts";
import verify from "./commands/verify.ts";

const commands: Command[] = [
  start,
  list,
  status,
  doctor,
  up,
  down,
  check,
  hint,
  reset,
  verify,
  deploy,
  destroy,
  cleanup,
];

function overview(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`);
  return ["Usage: npx course <command> [options]", "", ...lines, "", "`npx course <command> --help` tells more."].join(
    "\n",
  );
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "help") {
    console.log(overview());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`course: there is no command "${name}".\n\n${overview()}`);
    return 2;
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(command, rest);
  } catch (err) {
    console.error(`course ${name}: ${(err as Error).message}\n\n${helpOf(command)}`);
    return 2;
  }
  if (args.values.help) {
    console.log(helpOf(command));
    return 0;
  }
  return command.run(args as Parameters<Command["run"]>[0]);
}

process.env.AWS_EC2_METADATA_DISABLED = "true";
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(
      err.name === "CourseError" ? `course: ${err.message}` : `course: unexpected error: ${err.stack ?? err.message}`,
    );
    process.exit(1);
  },
);

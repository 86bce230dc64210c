import { spawnSync } from "node:child_process";
import readline from "node:readline/promises";
import { CourseError } from "../../errors.ts";
import { loadManifest } from "../../lab-runner/catalog.ts";
import { ROOT } from "../../paths.ts";
import { defineCommand } from "../command.ts";

const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });

/** The starter as shipped: upstream's version when the checkout has one, else the last commit. */
function shippedRef(): string {
  for (const ref of ["refs/remotes/origin/HEAD", "refs/remotes/origin/main"]) {
    if (git("rev-parse", "--verify", "--quiet", ref).status === 0) return ref;
  }
  return "HEAD";
}

export default defineCommand({
  name: "reset",
  summary: "Restore a lab's starter as shipped, even after you committed work. Asks first.",
  usage: "reset <lab> [--yes]",
  options: { yes: { type: "boolean", description: "do not ask" } },
  async run({ positionals, values }) {
    const lab = positionals[0];
    if (!lab) throw new CourseError("Which lab? e.g. `npx course reset 00-first-function`.");
    await loadManifest(lab);
    const ref = shippedRef();
    const dir = `labs/${lab}`;
    if (!values.yes) {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(
        `This overwrites your changes in ${dir} with the starter from ${ref}. Continue? [y/N] `,
      );
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        console.log("Nothing changed.");
        return 0;
      }
    }
    const restore = git("restore", `--source=${ref}`, "--worktree", "--", dir);
    if (restore.status !== 0) throw new CourseError(`git could not restore ${dir}: ${restore.stderr.trim()}`);
    git("clean", "-fdq", "--", dir);
    console.log(
      `Restored ${dir} from ${ref}. Next: \`npx course up ${lab}\` (if it runs already, it reloads by itself).`,
    );
    return 0;
  },
});

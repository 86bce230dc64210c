// What every checker starts from: the target, the stack's outputs and SDK
// client settings. Import this from a lab's checker.ts.
import path from "node:path";
import { ROOT } from "../paths.ts";
import { clientConfig, currentTarget, readOutputs } from "./target.ts";

export function labUnderCheck() {
  const target = currentTarget();
  const outputs = readOutputs(target);
  return {
    target,
    clientConfig: clientConfig(target),
    /** absolute path of the project, e.g. to run an earlier chapter's contract */
    projectDir: ROOT,
    /** absolute path of the lab's code folder, where learner-written tests live */
    sourcesDir: path.join(ROOT, target.sources),
    /** a URL on the stack's HTTP API (its "api" output), e.g. api("/v1/orders") */
    api(pathAndQuery: string): string {
      return this.output("api").replace(/\/$/, "") + pathAndQuery;
    },
    /** a string output of the stack, e.g. output("api") */
    output(name: string): string {
      const value = outputs[name];
      if (typeof value !== "string" || value === "") {
        const then =
          target.kind === "aws"
            ? `run \`npx course deploy ${target.lab} --stage ${target.stage}\`, then check again`
            : "save the file and check again: the running lab picks it up";
        throw new Error(
          `the stack has no output "${name}": add it to the object infra.ts returns (that object is the stack's outputs); ${then}.`,
        );
      }
      return value;
    },
  };
}

export { runContract } from "./contract.ts";
export { describe, http } from "./http.ts";
export { invocationsSince } from "./invocations.ts";
export { expectThat, step } from "./step.ts";
export { sleep, waitFor } from "./wait.ts";

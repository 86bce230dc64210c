// What every checker starts from: the target, the stack's outputs and SDK
// client settings. Import this from a lab's checker.ts.
import { clientConfig, currentTarget, readOutputs } from "./target.ts";

export function labUnderCheck() {
  const target = currentTarget();
  const outputs = readOutputs(target);
  return {
    target,
    clientConfig: clientConfig(target),
    /** a string output of the stack, e.g. output("api") */
    output(name: string): string {
      const value = outputs[name];
      if (typeof value !== "string" || value === "") {
        throw new Error(`the stack has no output "${name}": return it from run() in infra.ts, then restart the lab.`);
      }
      return value;
    },
  };
}

export { describe, http } from "./http.ts";
export { expectThat, step } from "./step.ts";

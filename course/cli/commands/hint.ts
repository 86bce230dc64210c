import { CourseError } from "../../errors.ts";
import { loadManifest } from "../../lab-runner/catalog.ts";
import { labProgress, unlockHint } from "../../progress.ts";
import { defineCommand } from "../command.ts";

export default defineCommand({
  name: "hint",
  summary:
    "Unlock the next hint of a step (the first step not passed yet, unless you name one): concept first, then the API.",
  usage: "hint <lab> [step]",
  options: {},
  async run({ positionals }) {
    const [lab, stepId] = positionals;
    if (!lab) throw new CourseError("Which lab? e.g. `npx course hint 00-first-function`.");
    const manifest = await loadManifest(lab);
    const progress = labProgress(lab);
    const step = stepId
      ? manifest.steps.find((s) => s.id === stepId)
      : manifest.steps.find((s) => !progress.passed.includes(s.id));
    if (!step) {
      if (stepId)
        throw new CourseError(
          `Lab ${lab} has no step "${stepId}". Steps: ${manifest.steps.map((s) => s.id).join(", ")}.`,
        );
      console.log(
        `Every step of ${lab} passed at your last check. Nothing to hint — run \`npx course check ${lab}\` to confirm.`,
      );
      return 0;
    }
    const unlocked = unlockHint(lab, step.id, step.hints.length);
    console.log(`${step.id}: ${step.title}`);
    for (const [i, hint] of step.hints.slice(0, unlocked).entries()) {
      console.log(`  hint ${i + 1}/${step.hints.length}: ${hint}`);
    }
    console.log(
      unlocked < step.hints.length
        ? `\nStill stuck? \`npx course hint ${lab} ${step.id}\` unlocks the next one. Read more: ${manifest.chapter}${step.docs}`
        : `\nThat was the last hint. Read the section: ${manifest.chapter}${step.docs}, then \`npx course check ${lab}\`.`,
    );
    return 0;
  },
});

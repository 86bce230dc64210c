// The stage a learner deploys to. SST's own default is the user name, made
// safe by one rule (cmd/sst/main.go, guessStage): lower-cased, every character
// outside [a-zA-Z0-9-] removed, and "root", "admin", "prod", "dev" and
// "production" refused. The course adds one rule of its own: a stage of at
// most 12 characters, so every physical name SST makes still starts with the
// lab's app name ("course-00-…") and shows the stage (see test/deploy).
import os from "node:os";
import { CourseError } from "../errors.ts";

/** SST's project.InvalidStageRegex: what a stage may not contain. */
const INVALID_STAGE = /[^a-zA-Z0-9-]/g;
/** names SST will not guess as a personal stage */
const RESERVED = new Set(["root", "admin", "prod", "dev", "production"]);
export const MAX_STAGE_LENGTH = 12;

/** SST's sanitising of a user name into a stage, to the letter. */
export function sanitiseStage(userName: string): string {
  return userName.toLowerCase().replace(INVALID_STAGE, "");
}

/** Refuse what SST refuses, what would retain resources, and what would cut names short. */
export function validateStage(stage: string, command: string): string {
  if (stage === "" || new RegExp(INVALID_STAGE.source).test(stage)) {
    throw new CourseError(
      `"${stage}" is not a stage SST accepts: use letters, digits and "-" only, e.g. \`npx course ${command} --stage ${sanitiseStage(stage) || "alice"}\`.`,
    );
  }
  if (stage === "production") {
    throw new CourseError(
      `The course never deploys to "production": that stage keeps its tables when removed. Pick your own name, e.g. \`npx course ${command} --stage alice\`.`,
    );
  }
  if (stage.length > MAX_STAGE_LENGTH) {
    throw new CourseError(
      `Stage "${stage}" is longer than ${MAX_STAGE_LENGTH} characters, which would cut the lab's name out of resource names. Use \`npx course ${command} --stage ${stage.slice(0, MAX_STAGE_LENGTH).replace(/-+$/, "")}\`.`,
    );
  }
  return stage;
}

/** The stage a command uses: --stage if given, else the user name as SST would sanitise it. */
export function resolveStage(given: string | undefined, command: string, userName = currentUser()): string {
  if (given !== undefined) return validateStage(given, command);
  const guessed = sanitiseStage(userName);
  if (!guessed || RESERVED.has(guessed)) {
    throw new CourseError(
      `Your user name ("${userName}") does not make a personal stage (SST refuses root, admin, prod, dev and production). Name one: \`npx course ${command} --stage <your-name>\`.`,
    );
  }
  return validateStage(guessed, command);
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "";
  }
}

// Who is calling: every function gets its own dummy credentials, derived from
// its name so they survive restarts, and the edge maps an access key back to
// the function (and so to its role) or else to the learner.
import crypto from "node:crypto";
import { arn } from "../aws/identity.ts";
import type { FunctionSpec } from "../graph/model.ts";
import type { Principal } from "./service.ts";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export const LEARNER_ARN = arn("iam", "user/learner", "");

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function digest(purpose: string, name: string): Buffer {
  return crypto.createHash("sha256").update(`${purpose}:${name}`).digest();
}

// The edge asks for every signed call: hash each function's name once.
const known = new Map<string, Credentials>();

export function credentialsFor(fn: FunctionSpec): Credentials {
  let credentials = known.get(fn.name);
  if (!credentials) {
    credentials = deriveCredentials(fn);
    known.set(fn.name, credentials);
  }
  return credentials;
}

function deriveCredentials(fn: FunctionSpec): Credentials {
  const keyBytes = digest("access-key", fn.name);
  // "ASIA" marks temporary (role) credentials on AWS, as a function's are.
  const suffix = Array.from(keyBytes.subarray(0, 16), (byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join("");
  return {
    accessKeyId: `ASIA${suffix}`,
    secretAccessKey: digest("secret-key", fn.name).toString("base64").slice(0, 40),
    sessionToken: Buffer.concat([digest("session", fn.name), digest("session-2", fn.name)]).toString("base64"),
  };
}

export function principalFor(accessKeyId: string, functions: FunctionSpec[]): Principal {
  const fn = functions.find((f) => credentialsFor(f).accessKeyId === accessKeyId);
  if (fn) return { kind: "function", accessKeyId, arn: fn.roleArn, functionName: fn.name };
  return { kind: "learner", accessKeyId, arn: LEARNER_ARN };
}

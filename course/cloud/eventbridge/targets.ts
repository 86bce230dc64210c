// A rule's targets as PutTargets takes them and ListTargetsByRule gives them
// back, and the checks PutTargets makes of each one before keeping it.
import type { RuleTargetSpec } from "../../graph/model.ts";
import { PREDEFINED_VARIABLES, placeholdersOf } from "./input-template.ts";
import { parseJsonPath } from "./json-path.ts";

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface Target {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  SqsParameters?: { MessageGroupId?: string };
  RoleArn?: string;
}

/** A target PutTargets refused, as FailedEntries lists it. */
export interface FailedTarget {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;
const TARGET_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/;
const MAX_INPUT_PATHS = 100;

function inputProblem(target: Target): string | undefined {
  const ways = [target.Input, target.InputPath, target.InputTransformer].filter((way) => way !== undefined);
  if (ways.length > 1)
    return `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`;
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      return `Input for target ${target.Id} is not valid JSON.`;
    }
  }
  if (target.InputPath !== undefined && !parseJsonPath(target.InputPath)) {
    return `InputPath for target ${target.Id} is not a valid JSON path: ${target.InputPath}`;
  }
  return target.InputTransformer ? transformerProblem(target.Id, target.InputTransformer) : undefined;
}

function transformerProblem(id: string, transformer: InputTransformer): string | undefined {
  const paths = Object.entries(transformer.InputPathsMap ?? {});
  if (paths.length > MAX_INPUT_PATHS)
    return `InputPathsMap for target ${id} has more than ${MAX_INPUT_PATHS} variables.`;
  for (const [name, path] of paths) {
    if (PREDEFINED_VARIABLES.has(name))
      return `InputPathsMap for target ${id} redefines the reserved variable ${name}.`;
    if (!parseJsonPath(path)) return `InputPathsMap for target ${id} has an invalid JSON path for ${name}: ${path}`;
  }
  if (typeof transformer.InputTemplate !== "string") return `InputTemplate for target ${id} is required.`;
  const defined = new Set(paths.map(([name]) => name));
  const unknown = placeholdersOf(transformer.InputTemplate).find(
    (name) => !defined.has(name) && !PREDEFINED_VARIABLES.has(name),
  );
  return unknown === undefined ? undefined : `InputTemplate for target ${id} contains invalid placeholder ${unknown}.`;
}

/** Why PutTargets refuses `target` (given at `position`, from 1), if it does. */
export function targetProblem(target: Target, position: number): FailedTarget | undefined {
  const failed = (ErrorMessage: string): FailedTarget => ({
    TargetId: String(target.Id),
    ErrorCode: "ValidationException",
    ErrorMessage,
  });
  if (typeof target.Id !== "string" || !TARGET_ID.test(target.Id)) {
    return failed(
      `Value '${target.Id}' at 'targets.${position}.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    );
  }
  if (typeof target.Arn !== "string" || !TARGET_ARN.test(target.Arn)) {
    return failed(`Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
  }
  if (target.Arn.startsWith("arn:aws:sqs:") && target.Arn.endsWith(".fifo") && !target.SqsParameters?.MessageGroupId) {
    return failed(`Parameter(s) SqsParameters must be specified for target: ${target.Id}.`);
  }
  const problem = inputProblem(target);
  return problem ? failed(problem) : undefined;
}

/** Only the fields the local cloud knows, so ListTargetsByRule gives back what it keeps. */
export function keptTarget(target: Target): Target {
  return {
    Id: target.Id,
    Arn: target.Arn,
    ...(target.Input !== undefined ? { Input: target.Input } : {}),
    ...(target.InputPath !== undefined ? { InputPath: target.InputPath } : {}),
    ...(target.InputTransformer ? { InputTransformer: target.InputTransformer } : {}),
    ...(target.SqsParameters ? { SqsParameters: target.SqsParameters } : {}),
    ...(target.RoleArn ? { RoleArn: target.RoleArn } : {}),
  };
}

export function targetFromSpec(spec: RuleTargetSpec): Target {
  return {
    Id: spec.id,
    Arn: spec.arn,
    ...(spec.input !== undefined ? { Input: spec.input } : {}),
    ...(spec.inputPath !== undefined ? { InputPath: spec.inputPath } : {}),
    ...(spec.inputTransformer
      ? {
          InputTransformer: {
            InputPathsMap: spec.inputTransformer.inputPathsMap,
            InputTemplate: spec.inputTransformer.inputTemplate,
          },
        }
      : {}),
  };
}

// PutTargets, RemoveTargets and ListTargetsByRule. Targets are answered per
// entry: a refused one is listed in FailedEntries and the others are kept.
import { busNameOf } from "./arns.ts";
import { EventsError, validationError } from "./errors.ts";
import { type EventsState, type Input, page, requiredString } from "./events-state.ts";
import type { Rule } from "./registry.ts";
import { type FailedTarget, keptTarget, type Target, targetProblem } from "./targets.ts";

/** "Targets per rule: 5" (Amazon EventBridge quotas) */
export const MAX_TARGETS_PER_RULE = 5;
const MAX_TARGETS_PER_CALL = 10;
const MAX_IDS_PER_CALL = 100;

const ruleOf = (state: EventsState, input: Input): Rule =>
  state.registry.rule(busNameOf(input.EventBusName), requiredString(input, "Rule"));

function listOf(input: Input, name: string, max: number): unknown[] {
  const list = input[name];
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  if (!Array.isArray(list) || list.length === 0 || list.length > max) {
    throw validationError(
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length between 1 and ${max}`,
    );
  }
  return list;
}

export function putTargets(state: EventsState, input: Input): unknown {
  const rule = ruleOf(state, input);
  const targets = listOf(input, "Targets", MAX_TARGETS_PER_CALL) as Target[];
  const failed: FailedTarget[] = [];
  const accepted: Target[] = [];
  targets.forEach((target, index) => {
    const problem = targetProblem(target, index + 1);
    if (problem) failed.push(problem);
    else accepted.push(keptTarget(target));
  });
  const ids = new Set([...rule.targets.keys(), ...accepted.map((target) => target.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE) {
    throw new EventsError("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
  }
  for (const target of accepted) rule.targets.set(target.Id, target);
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export function removeTargets(state: EventsState, input: Input): unknown {
  const rule = ruleOf(state, input);
  const failed: FailedTarget[] = [];
  for (const id of listOf(input, "Ids", MAX_IDS_PER_CALL).map(String)) {
    if (rule.targets.delete(id)) continue;
    failed.push({
      TargetId: id,
      ErrorCode: "ResourceNotFoundException",
      ErrorMessage: `Rule '${rule.name}' does not have a target with the Id '${id}'.`,
    });
  }
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export function listTargetsByRule(state: EventsState, input: Input): unknown {
  const { items, ...next } = page([...ruleOf(state, input).targets.values()], input);
  return { Targets: items, ...next };
}

// What a target receives for a matched event: the event itself, or the
// target's constant Input, the part InputPath selects, or InputTransformer's
// template filled from the event.
import { renderTemplate } from "./input-template.ts";
import { readJsonPath } from "./json-path.ts";
import type { Target } from "./targets.ts";

export interface MatchedEvent {
  readonly event: Record<string, unknown>;
  readonly ruleName: string;
  readonly ruleArn: string;
  /** when EventBridge received the event, ISO 8601 */
  readonly ingestionTime: string;
}

function templateVariables(target: Target, matched: MatchedEvent): Map<string, unknown> {
  const { detail: _detail, ...withoutDetail } = matched.event;
  const variables = new Map<string, unknown>([
    ["aws.events.rule-arn", matched.ruleArn],
    ["aws.events.rule-name", matched.ruleName],
    ["aws.events.event.ingestion-time", matched.ingestionTime],
    ["aws.events.event", withoutDetail],
    ["aws.events.event.json", matched.event],
  ]);
  for (const [name, path] of Object.entries(target.InputTransformer?.InputPathsMap ?? {})) {
    variables.set(name, readJsonPath(matched.event, path));
  }
  return variables;
}

/** The payload a target is sent, as text. */
export function targetInput(target: Target, matched: MatchedEvent): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(readJsonPath(matched.event, target.InputPath) ?? null);
  if (target.InputTransformer) {
    return renderTemplate(target.InputTransformer.InputTemplate, templateVariables(target, matched));
  }
  return JSON.stringify(matched.event);
}

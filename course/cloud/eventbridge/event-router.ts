// Routing an accepted event: every enabled rule of its bus whose pattern it
// matches sends it to each of the rule's targets, Lambda functions as an
// asynchronous invocation and SQS queues through QueueDelivery, after
// PutEvents has answered.
import type { AsyncDelivery } from "../async-delivery.ts";
import { matches } from "../events/pattern/index.ts";
import { eventTime } from "./put-events.ts";
import type { Rule } from "./registry.ts";
import { type MatchedEvent, targetInput } from "./target-input.ts";
import type { Target } from "./targets.ts";

export class EventRouter {
  readonly #delivery: AsyncDelivery;
  readonly #log: (line: string) => void;

  constructor(delivery: AsyncDelivery, log: (line: string) => void) {
    this.#delivery = delivery;
    this.#log = log;
  }

  route(event: Record<string, unknown>, rules: readonly Rule[], received: Date): void {
    for (const rule of rules) {
      if (rule.state !== "ENABLED" || !rule.pattern || !matches(rule.pattern, event)) continue;
      const matched: MatchedEvent = {
        event,
        ruleName: rule.name,
        ruleArn: rule.arn,
        ingestionTime: eventTime(received),
      };
      for (const target of rule.targets.values()) this.#send(target, matched);
    }
  }

  #send(target: Target, matched: MatchedEvent): void {
    const what = `events: delivery of event ${matched.event.id} by rule ${matched.ruleName} to ${target.Arn}`;
    const input = targetInput(target, matched);
    if (target.Arn.startsWith("arn:aws:lambda:")) {
      this.#delivery.toFunction(target.Arn, input, what);
    } else if (target.Arn.startsWith("arn:aws:sqs:")) {
      const fifo = target.Arn.endsWith(".fifo");
      this.#delivery.toQueue(
        target.Arn,
        {
          body: input,
          // EventBridge deduplicates FIFO targets by event id.
          ...(fifo ? { groupId: target.SqsParameters?.MessageGroupId, deduplicationId: String(matched.event.id) } : {}),
        },
        what,
      );
    } else {
      this.#log(`${what} skipped: the local cloud delivers to Lambda functions and SQS queues only`);
    }
  }
}

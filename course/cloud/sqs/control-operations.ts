// The control plane: queues, their attributes and tags, and which queues use
// one as their dead-letter queue.
import { ACCOUNT } from "../../aws/identity.ts";
import { invalidParameterValue, invalidValueFor, queueDoesNotExist } from "./errors.ts";
import type { Operation, OperationContext } from "./operation.ts";
import { type Input, integerWithin, optionalString, requiredString, stringList, stringMap } from "./params.ts";
import type { Queue } from "./queue.ts";
import { queueAttributeValues } from "./queue-attribute-values.ts";
import { queueNameOf } from "./queue-url.ts";

const MAX_LIST_RESULTS = 1000;
const MAX_TAGS = 50;

const queueOf = (input: Input, context: OperationContext): Queue =>
  context.engine.queue(queueNameOf(optionalString(input, "QueueUrl"), context.path));

/** one page of queue URLs: all (up to 1,000) without MaxResults, else MaxResults and a NextToken */
function page(queues: Queue[], input: Input, key: string): Record<string, unknown> {
  const max = integerWithin(input, "MaxResults", 1, MAX_LIST_RESULTS, "Must be between 1 and 1000, if provided.");
  const token = optionalString(input, "NextToken");
  let start = 0;
  if (token) {
    start = Number(Buffer.from(token, "base64").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw invalidValueFor("NextToken", token, "Invalid NextToken value.");
  }
  const slice = queues.slice(start, start + (max ?? MAX_LIST_RESULTS));
  const output: Record<string, unknown> = {};
  if (slice.length > 0) output[key] = slice.map((queue) => queue.url);
  const next = start + slice.length;
  if (max !== undefined && next < queues.length) output.NextToken = Buffer.from(String(next)).toString("base64");
  return output;
}

export const controlOperations: Record<string, Operation> = {
  CreateQueue(input, { engine }) {
    const queue = engine.createQueue(requiredString(input, "QueueName"), stringMap(input, "Attributes"), {
      tags: stringMap(input, "tags"),
    });
    return { QueueUrl: queue.url };
  },

  GetQueueUrl(input, { engine }) {
    const owner = optionalString(input, "QueueOwnerAWSAccountId");
    if (owner !== undefined && owner !== ACCOUNT) throw queueDoesNotExist();
    return { QueueUrl: engine.queue(requiredString(input, "QueueName")).url };
  },

  ListQueues(input, { engine }) {
    const prefix = optionalString(input, "QueueNamePrefix") ?? "";
    return page(
      engine.queues().filter((queue) => queue.name.startsWith(prefix)),
      input,
      "QueueUrls",
    );
  },

  GetQueueAttributes(input, context) {
    const names = stringList(input, "AttributeNames");
    const attributes = queueAttributeValues(queueOf(input, context), names);
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },

  SetQueueAttributes(input, context) {
    context.engine.setQueueAttributes(queueOf(input, context).name, stringMap(input, "Attributes"));
    return {};
  },

  DeleteQueue(input, context) {
    context.engine.deleteQueue(queueOf(input, context).name);
    return {};
  },

  PurgeQueue(input, context) {
    context.engine.purgeQueue(queueOf(input, context).name);
    return {};
  },

  TagQueue(input, context) {
    const queue = queueOf(input, context);
    const tags = { ...queue.tags, ...stringMap(input, "Tags") };
    if (Object.keys(tags).length > MAX_TAGS)
      throw invalidParameterValue(`Too many tags added for queue ${queue.name}.`);
    queue.tags = tags;
    return {};
  },

  UntagQueue(input, context) {
    const queue = queueOf(input, context);
    for (const key of stringList(input, "TagKeys")) delete queue.tags[key];
    return {};
  },

  ListQueueTags(input, context) {
    const tags = queueOf(input, context).tags;
    return Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {};
  },

  ListDeadLetterSourceQueues(input, context) {
    const sources = context.engine.deadLetterSources(queueOf(input, context).name);
    return { queueUrls: [], ...page(sources, input, "queueUrls") };
  },
};

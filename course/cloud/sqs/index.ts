// SQS in the local cloud: the service behind the edge and the Lambda event
// source mappings that poll its queues.
export { SqsEngine } from "./engine.ts";
export { SqsError } from "./errors.ts";
export {
  DEFAULT_CONCURRENCY,
  SqsEventSourceMappings,
  type SqsEventSourceMappingsOptions,
} from "./event-source-mapping.ts";
export type { SqsRecord } from "./lambda-record.ts";
export { SqsService, type SqsServiceOptions } from "./sqs-service.ts";

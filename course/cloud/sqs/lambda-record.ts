// A received message as a record of Lambda's SQS event, shaped as Lambda
// shapes it (attributes as strings, message attributes in lower camel case).
import { REGION } from "../../aws/identity.ts";
import { md5OfAttributes } from "./checksums.ts";
import type { ReceivedMessage } from "./message.ts";

export interface SqsRecordAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsRecordAttribute>;
  md5OfMessageAttributes?: string;
  md5OfBody: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

/** the system attributes Lambda puts in a record, in its order */
const RECORD_ATTRIBUTES = [
  "ApproximateReceiveCount",
  "SentTimestamp",
  "SequenceNumber",
  "MessageGroupId",
  "SenderId",
  "MessageDeduplicationId",
  "ApproximateFirstReceiveTimestamp",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
];

export function lambdaRecord(message: ReceivedMessage, queueArn: string): SqsRecord {
  const attributes: Record<string, string> = {};
  for (const name of RECORD_ATTRIBUTES) {
    const value = message.system[name];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, SqsRecordAttribute> = {};
  for (const [name, attribute] of Object.entries(message.attributes)) {
    messageAttributes[name] = {
      ...(attribute.binaryValue !== undefined
        ? { binaryValue: attribute.binaryValue.toString("base64") }
        : { stringValue: attribute.stringValue }),
      stringListValues: [],
      binaryListValues: [],
      dataType: attribute.dataType,
    };
  }
  return {
    messageId: message.id,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes,
    messageAttributes,
    md5OfMessageAttributes: md5OfAttributes(message.attributes),
    md5OfBody: message.md5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}

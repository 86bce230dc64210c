// SQS's errors as both of its protocols name them: the JSON protocol's
// __type (a shape of the SQS model, or coral's validation exceptions) and the
// query protocol's code, which JSON clients also read from x-amzn-query-error.

const SQS_SHAPES = "com.amazonaws.sqs";
const CORAL = "com.amazon.coral.service";

export class SqsError extends Error {
  /** __type of the JSON protocol, e.g. "com.amazonaws.sqs#QueueDoesNotExist" */
  readonly jsonType: string;
  /** code of the query protocol, e.g. "AWS.SimpleQueueService.NonExistentQueue" */
  readonly queryCode: string;
  readonly status: number;

  constructor(jsonType: string, queryCode: string, message: string, status = 400) {
    super(message);
    this.jsonType = jsonType;
    this.queryCode = queryCode;
    this.status = status;
  }

  /** the code a batch's BatchResultErrorEntry carries */
  get batchCode(): string {
    return this.queryCode.replace(/^AWS\.SimpleQueueService\./, "");
  }
}

const modelled = (shape: string, queryCode: string, message: string, status = 400) =>
  new SqsError(`${SQS_SHAPES}#${shape}`, queryCode, message, status);

export const queueDoesNotExist = () =>
  modelled("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");

export const queueNameExists = (attribute: string) =>
  modelled(
    "QueueNameExists",
    "QueueAlreadyExists",
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
  );

export const queueDeletedRecently = () =>
  modelled(
    "QueueDeletedRecently",
    "AWS.SimpleQueueService.QueueDeletedRecently",
    "You must wait 60 seconds after deleting a queue before you can create another queue with the same name.",
  );

export const purgeQueueInProgress = (queueUrl: string) =>
  modelled(
    "PurgeQueueInProgress",
    "AWS.SimpleQueueService.PurgeQueueInProgress",
    `Only one PurgeQueue operation on ${queueUrl} is allowed every 60 seconds.`,
    403,
  );

export const invalidParameterValue = (reason: string) =>
  new SqsError(`${CORAL}#InvalidParameterValueException`, "InvalidParameterValue", reason);

/** "Value x for parameter Name is invalid. Reason: …" */
export const invalidValueFor = (name: string, value: unknown, reason: string) =>
  invalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);

export const missingParameter = (name: string) =>
  new SqsError(
    `${CORAL}#MissingParameterException`,
    "MissingParameter",
    `The request must contain the parameter ${name}.`,
  );

export const invalidAttributeName = (name: string) =>
  modelled("InvalidAttributeName", "InvalidAttributeName", `Unknown Attribute ${name}.`);

export const invalidAttributeValue = (name: string, reason?: string) =>
  modelled(
    "InvalidAttributeValue",
    "InvalidAttributeValue",
    `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ""}`,
  );

export const invalidMessageContents = () =>
  modelled(
    "InvalidMessageContents",
    "InvalidMessageContents",
    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
  );

export const receiptHandleIsInvalid = (reason: string) =>
  modelled("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", reason, 404);

export const messageNotInflight = () =>
  modelled("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", "Message not inflight.");

export const emptyBatchRequest = (entryName: string) =>
  modelled(
    "EmptyBatchRequest",
    "AWS.SimpleQueueService.EmptyBatchRequest",
    `There should be at least one ${entryName} in the request.`,
  );

export const tooManyEntriesInBatchRequest = (count: number) =>
  modelled(
    "TooManyEntriesInBatchRequest",
    "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    `Maximum number of entries per request are 10. You have sent ${count}.`,
  );

export const batchEntryIdsNotDistinct = (id: string) =>
  modelled("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", `Id ${id} repeated.`);

export const invalidBatchEntryId = () =>
  modelled(
    "InvalidBatchEntryId",
    "AWS.SimpleQueueService.InvalidBatchEntryId",
    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
  );

export const batchRequestTooLong = (limit: number, sent: number) =>
  modelled(
    "BatchRequestTooLong",
    "AWS.SimpleQueueService.BatchRequestTooLong",
    `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`,
  );

export const invalidAddress = (address: string) =>
  modelled("InvalidAddress", "InvalidAddress", `The address ${address} is not valid for this endpoint.`, 404);

export const unsupportedOperation = (reason: string) =>
  modelled("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", reason);

export const invalidAction = (action: string) =>
  new SqsError(
    `${CORAL}#UnknownOperationException`,
    "InvalidAction",
    `The action ${action} is not valid for this endpoint.`,
  );

// SNS's errors as its query protocol puts them on the wire: a code the SDK
// turns into an exception class (NotFound → NotFoundException), and AWS's
// wording, which starts with "Invalid parameter: " for most refusals.

export class SnsError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = "SnsError";
    this.code = code;
    this.status = status;
  }
}

/** InvalidParameterException: "Invalid parameter: <what>" */
export const invalidParameter = (what: string): SnsError =>
  new SnsError("InvalidParameter", `Invalid parameter: ${what}`);

/** InvalidParameterValueException, whose query-protocol code is ParameterValueInvalid */
export const invalidParameterValue = (message: string): SnsError => new SnsError("ParameterValueInvalid", message);

export const topicNotFound = (): SnsError => new SnsError("NotFound", "Topic does not exist", 404);

export const subscriptionNotFound = (): SnsError => new SnsError("NotFound", "Subscription does not exist", 404);

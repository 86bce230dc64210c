// The two ways EventBridge refuses a TestEventPattern (or PutRule) call, worded
// as AWS words them so a service can hand them to SDK clients unchanged.

/** The pattern is not valid JSON, or not a valid event pattern. */
export class InvalidEventPatternError extends Error {
  /** The error code AWS puts on the wire. */
  readonly code = "InvalidEventPatternException";
  /** The part after "Reason: ", for callers that show it on its own. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = "InvalidEventPatternError";
    this.reason = reason;
  }
}

/**
 * The event given to TestEventPattern is not a valid EventBridge event.
 * AWS answers every such case with the same terse ValidationException; what
 * was actually wrong is kept in `problem` for logs and learners.
 */
export class InvalidEventError extends Error {
  readonly code = "ValidationException";
  readonly problem: string;

  constructor(problem: string) {
    super("Parameter Event is not valid.");
    this.name = "InvalidEventError";
    this.problem = problem;
  }
}

export function invalidPattern(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

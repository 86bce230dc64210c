// EventBridge's errors as awsJson1.1 puts them on the wire: the code names the
// SDK's exception class (ResourceNotFoundException, ValidationException, …).
import { type EdgeResponse, jsonProtocolError } from "../service.ts";

export class EventsError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = "EventsError";
    this.code = code;
    this.status = status;
  }

  toResponse(): EdgeResponse {
    return jsonProtocolError(this.status, this.code, this.message, "com.amazonaws.events");
  }
}

export const validationError = (message: string): EventsError => new EventsError("ValidationException", message);

export const busNotFound = (name: string): EventsError =>
  new EventsError("ResourceNotFoundException", `Event bus ${name} does not exist.`);

export const ruleNotFound = (rule: string, bus: string): EventsError =>
  new EventsError("ResourceNotFoundException", `Rule ${rule} does not exist on EventBus ${bus}.`);

// CloudWatch Logs over awsJson1.1 (X-Amz-Target: Logs_20140328.<Operation>):
// the read side a learner or a checker uses to see what functions logged.
import { arn } from "../../aws/identity.ts";
import { type EdgeRequest, type EdgeResponse, jsonProtocolError, type Service } from "../service.ts";
import { compileFilterPattern, FilterPatternError } from "./filter-pattern.ts";
import type { LogEvent, LogGroupRecord, LogStore } from "./store.ts";

const TARGET_PREFIX = "Logs_20140328.";
const NAMESPACE = "com.amazonaws.logs";
/** protocol-level errors come from AWS's front end, under its own namespace */
const CORAL = "com.amazon.coral.service";
const ARN_PREFIX = arn("logs", "log-group:");
const MAX_EVENTS = 10_000;
const MAX_DESCRIBE = 50;

class LogsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type Input = Record<string, unknown>;
type Operation = (input: Input) => unknown;

export class LogsService implements Service {
  readonly signingName = "logs";
  readonly #store: LogStore;
  readonly #operations: Record<string, Operation> = {
    FilterLogEvents: (input) => this.#filterLogEvents(input),
    GetLogEvents: (input) => this.#getLogEvents(input),
    DescribeLogGroups: (input) => this.#describeLogGroups(input),
    DescribeLogStreams: (input) => this.#describeLogStreams(input),
  };

  constructor(store: LogStore) {
    this.#store = store;
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.startsWith(TARGET_PREFIX)
      ? this.#operations[target.slice(TARGET_PREFIX.length)]
      : undefined;
    if (!operation) return jsonProtocolError(400, "UnknownOperationException", `Unknown operation ${target}`, CORAL);
    let input: Input;
    try {
      const text = request.body.toString("utf8").trim();
      const parsed: unknown = text === "" ? {} : JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      input = parsed as Input;
    } catch {
      return jsonProtocolError(400, "SerializationException", "Request body could not be parsed as JSON.", CORAL);
    }
    try {
      return {
        status: 200,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-RequestId": request.requestId },
        body: JSON.stringify(operation(input)),
      };
    } catch (err) {
      if (err instanceof LogsError) return jsonProtocolError(400, err.code, err.message, NAMESPACE);
      throw err;
    }
  }

  #filterLogEvents(input: Input) {
    const group = this.#groupOf(input);
    const streamNames = optionalStrings(input, "logStreamNames");
    const prefix = optionalString(input, "logStreamNamePrefix");
    if (streamNames && prefix !== undefined) {
      throw invalid("You cannot specify both logStreamNames and logStreamNamePrefix.");
    }
    let matches: ReturnType<typeof compileFilterPattern>;
    try {
      matches = compileFilterPattern(optionalString(input, "filterPattern"));
    } catch (err) {
      if (err instanceof FilterPatternError || err instanceof SyntaxError) throw invalid(err.message);
      throw err;
    }
    const startTime = optionalNumber(input, "startTime") ?? Number.NEGATIVE_INFINITY;
    const endTime = optionalNumber(input, "endTime") ?? Number.POSITIVE_INFINITY;
    const limit = limitOf(input, MAX_EVENTS, MAX_EVENTS);
    const after = decodeToken<{ t: number; id: string }>(input.nextToken);

    const streams = [...group.streams.values()].filter(
      (s) => (!streamNames || streamNames.includes(s.name)) && (prefix === undefined || s.name.startsWith(prefix)),
    );
    const events: LogEvent[] = streams
      .flatMap((s) => s.events)
      .filter((e) => e.timestamp >= startTime && e.timestamp <= endTime)
      .sort(byTimeThenId)
      .filter((e) => !after || byTimeThenId(e, { timestamp: after.t, eventId: after.id }) > 0)
      .filter((e) => matches(e.message));
    const page = events.slice(0, limit);
    const last = page.at(-1);
    return {
      events: page,
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })),
      ...(events.length > limit && last ? { nextToken: encodeToken({ t: last.timestamp, id: last.eventId }) } : {}),
    };
  }

  #getLogEvents(input: Input) {
    const group = this.#groupOf(input);
    const streamName = requiredString(input, "logStreamName");
    const stream = group.streams.get(streamName);
    if (!stream) throw new LogsError("ResourceNotFoundException", "The specified log stream does not exist.");
    const startTime = optionalNumber(input, "startTime") ?? Number.NEGATIVE_INFINITY;
    // unlike FilterLogEvents, GetLogEvents leaves out events at endTime
    const endTime = optionalNumber(input, "endTime") ?? Number.POSITIVE_INFINITY;
    const limit = limitOf(input, MAX_EVENTS, MAX_EVENTS);
    const events = stream.events.filter((e) => e.timestamp >= startTime && e.timestamp < endTime);

    // tokens are positions in the stream: f/<first not yet read>, b/<first read>
    const token = typeof input.nextToken === "string" ? /^([fb])\/(\d+)$/.exec(input.nextToken) : null;
    if (input.nextToken !== undefined && !token) throw invalid("The specified nextToken is invalid.");
    let from: number;
    if (token?.[1] === "f") from = Number(token[2]);
    else if (token?.[1] === "b") from = Math.max(0, Number(token[2]) - limit);
    else from = input.startFromHead === true ? 0 : Math.max(0, events.length - limit);
    const to = token?.[1] === "b" ? Number(token[2]) : Math.min(events.length, from + limit);
    return {
      events: events
        .slice(from, to)
        .map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
      nextForwardToken: `f/${String(to).padStart(56, "0")}`,
      nextBackwardToken: `b/${String(from).padStart(56, "0")}`,
    };
  }

  #describeLogGroups(input: Input) {
    const prefix = optionalString(input, "logGroupNamePrefix");
    const pattern = optionalString(input, "logGroupNamePattern");
    if (prefix !== undefined && pattern !== undefined) {
      throw invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    const groups = this.#store
      .groups()
      .filter((g) => prefix === undefined || g.name.startsWith(prefix))
      .filter((g) => pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase()));
    const { page, nextToken } = paginate(groups, input);
    return {
      logGroups: page.map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        metricFilterCount: 0,
        arn: `${ARN_PREFIX}${g.name}:*`,
        storedBytes: [...g.streams.values()].reduce((sum, s) => sum + s.storedBytes, 0),
        logGroupClass: "STANDARD",
        logGroupArn: `${ARN_PREFIX}${g.name}`,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  #describeLogStreams(input: Input) {
    const group = this.#groupOf(input);
    const prefix = optionalString(input, "logStreamNamePrefix");
    const orderBy = optionalString(input, "orderBy") ?? "LogStreamName";
    if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") {
      throw invalid("1 validation error detected: Value at 'orderBy' failed to satisfy constraint.");
    }
    if (orderBy === "LastEventTime" && prefix !== undefined) {
      throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    const lastEvent = (s: { events: LogEvent[] }) => s.events.at(-1)?.timestamp ?? 0;
    const streams = [...group.streams.values()]
      .filter((s) => prefix === undefined || s.name.startsWith(prefix))
      .sort((a, b) =>
        orderBy === "LastEventTime" ? lastEvent(a) - lastEvent(b) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    if (input.descending === true) streams.reverse();
    const { page, nextToken } = paginate(streams, input);
    return {
      logStreams: page.map((s) => ({
        logStreamName: s.name,
        creationTime: s.creationTime,
        ...(s.events.length > 0
          ? {
              firstEventTimestamp: Math.min(...s.events.map((e) => e.timestamp)),
              lastEventTimestamp: Math.max(...s.events.map((e) => e.timestamp)),
              lastIngestionTime: s.events.at(-1)?.ingestionTime,
            }
          : {}),
        arn: `${ARN_PREFIX}${group.name}:log-stream:${s.name}`,
        storedBytes: s.storedBytes,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /** logGroupName, or logGroupIdentifier (a name or an ARN), as every read operation accepts */
  #groupOf(input: Input): LogGroupRecord {
    const name = optionalString(input, "logGroupName");
    const identifier = optionalString(input, "logGroupIdentifier");
    if (name !== undefined && identifier !== undefined) {
      throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    const wanted = name ?? identifier?.replace(/^arn:aws:logs:[^:]*:\d+:log-group:/, "").replace(/:\*$/, "");
    if (wanted === undefined) throw invalid("Should provide either logGroupName or logGroupIdentifier.");
    const group = this.#store.group(wanted);
    if (!group) throw new LogsError("ResourceNotFoundException", "The specified log group does not exist.");
    return group;
  }
}

const invalid = (message: string) => new LogsError("InvalidParameterException", message);

function byTimeThenId(a: Pick<LogEvent, "timestamp" | "eventId">, b: Pick<LogEvent, "timestamp" | "eventId">): number {
  return a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

function paginate<T>(items: T[], input: Input): { page: T[]; nextToken?: string } {
  const limit = limitOf(input, MAX_DESCRIBE, MAX_DESCRIBE);
  const offset = decodeToken<{ o: number }>(input.nextToken)?.o ?? 0;
  const page = items.slice(offset, offset + limit);
  return offset + limit < items.length ? { page, nextToken: encodeToken({ o: offset + limit }) } : { page };
}

function limitOf(input: Input, fallback: number, max: number): number {
  const limit = optionalNumber(input, "limit") ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw invalid(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  return limit;
}

function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeToken<T>(token: unknown): T | undefined {
  if (token === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(String(token), "base64url").toString("utf8")) as T;
  } catch {
    throw invalid("The specified nextToken is invalid.");
  }
}

function optionalString(input: Input, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`Value at '${key}' must be a string.`);
  return value;
}

function requiredString(input: Input, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined)
    throw invalid(
      `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

function optionalNumber(input: Input, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") throw invalid(`Value at '${key}' must be a number.`);
  return value;
}

function optionalStrings(input: Input, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw invalid(`Value at '${key}' must be a list of strings.`);
  }
  return value;
}

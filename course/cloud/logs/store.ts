// Every function's log lines, kept in memory per log group and stream, the way
// CloudWatch Logs keeps them, so FilterLogEvents can answer a checker.
export interface LogEvent {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
}

export interface LogSink {
  write(group: string, stream: string, message: string, timestamp?: number): void;
}

export interface LogStreamRecord {
  name: string;
  creationTime: number;
  /** in the order they were written */
  events: LogEvent[];
  storedBytes: number;
}

export interface LogGroupRecord {
  name: string;
  creationTime: number;
  streams: Map<string, LogStreamRecord>;
}

/** In-memory CloudWatch Logs: groups and streams appear on their first write, as Lambda creates them. */
export class LogStore implements LogSink {
  readonly #groups = new Map<string, LogGroupRecord>();
  #sequence = 0;

  /** A group that exists before anything is written, as one SST creates with the function. */
  createGroup(name: string): LogGroupRecord {
    let group = this.#groups.get(name);
    if (!group) {
      group = { name, creationTime: Date.now(), streams: new Map() };
      this.#groups.set(name, group);
    }
    return group;
  }

  write(group: string, stream: string, message: string, timestamp = Date.now()): void {
    const streams = this.createGroup(group).streams;
    let record = streams.get(stream);
    if (!record) {
      record = { name: stream, creationTime: Date.now(), events: [], storedBytes: 0 };
      streams.set(stream, record);
    }
    const ingestionTime = Date.now();
    record.events.push({ logStreamName: stream, timestamp, ingestionTime, message, eventId: this.#eventId(timestamp) });
    record.storedBytes += Buffer.byteLength(message);
  }

  group(name: string): LogGroupRecord | undefined {
    return this.#groups.get(name);
  }

  /** every group, sorted by name as DescribeLogGroups lists them */
  groups(): LogGroupRecord[] {
    return [...this.#groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** 56 digits like CloudWatch's: timestamp then a sequence, so ids sort in time order */
  #eventId(timestamp: number): string {
    this.#sequence += 1;
    return `${String(timestamp).padStart(20, "0")}${String(this.#sequence).padStart(36, "0")}`;
  }
}

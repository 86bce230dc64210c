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

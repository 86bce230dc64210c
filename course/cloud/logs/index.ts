export { LogsService } from "./service.ts";
export { type LogEvent, type LogGroupRecord, type LogSink, LogStore, type LogStreamRecord } from "./store.ts";

import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "05-streams",
  title: "Data streams",
  summary: "Capture data as a stream: ordered per key, replayable, processed in real time.",
  status: "planned",
  minutes: 40,
  goals: [
    "Ingest order events into a Kinesis data stream",
    "Process records in order per partition key, with retries and bisect-on-error",
    "React to table changes with DynamoDB Streams",
  ],
  chapter: "/chapters/05-streams/",
  cost: {
    perDayUsd: 0.96,
    basis:
      "one on-demand Kinesis data stream bills $0.04 per stream-hour whether or not anything is written to it: about $0.96 a day, $29 a month if forgotten; DynamoDB Streams read by Lambda and the functions are billed per use",
  },
  steps: [],
});

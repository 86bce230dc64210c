import { defineLab } from "../../../course/labs/manifest.ts";

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
  steps: [],
});

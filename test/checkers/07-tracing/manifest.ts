import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "07-tracing",
  title: "Tracing",
  summary: "Observe a distributed system: follow one request across functions, queues and buses.",
  status: "planned",
  minutes: 40,
  goals: [
    "Trace a request end to end with OpenTelemetry",
    "Carry trace context through SQS message attributes",
    "Find the slow or failing hop from the trace, not from guesswork",
  ],
  chapter: "/chapters/07-tracing/",
  cost: {
    perDayUsd: 0,
    basis:
      "X-Ray records 100,000 traces a month free (then $5.00 per million) and CloudWatch Logs bill $0.50 per GB ingested; nothing bills while idle",
  },
  steps: [],
});

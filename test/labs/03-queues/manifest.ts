import { defineLab } from "../../../course/labs/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "03-queues",
  title: "Decouple with queues",
  summary: "Decouple state from code using messaging: a queue absorbs any volume and lets the sender move on.",
  status: "planned",
  minutes: 45,
  goals: [
    "Return at once from order placement and fulfil orders from an SQS queue",
    "Handle poison messages with a dead-letter queue",
    "Report partial batch failures and make the consumer idempotent",
  ],
  chapter: "/chapters/03-queues/",
  cost: {
    perDayUsd: 0,
    basis:
      "SQS is billed per request (first million a month free, then $0.40 per million); an idle queue and its dead-letter queue cost nothing",
  },
  steps: [],
});

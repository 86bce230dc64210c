import { defineLab } from "../../../course/labs/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "04-events",
  title: "Pub/sub and the event bus",
  summary: "Fan out with SNS and route events in real time with EventBridge rules that each service owns.",
  status: "planned",
  minutes: 45,
  goals: [
    "Publish an OrderPlaced event to a bus and let services subscribe with their own patterns",
    "Fan out to queues with SNS filter policies",
    "Choose between a queue, a topic and a bus for a given need",
  ],
  chapter: "/chapters/04-events/",
  cost: {
    perDayUsd: 0,
    basis:
      "SNS ($0.50 per million publishes after the first million), EventBridge ($1.00 per million custom events) and SQS are billed per message; idle topics, buses and rules cost nothing",
  },
  steps: [],
});

import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "06-workflows",
  title: "Workflows",
  summary: "Orchestrate microservices with Step Functions: track status of data and execution, remove redundant code.",
  status: "planned",
  minutes: 50,
  goals: [
    "Model checkout as a state machine: reserve, charge, ship",
    "Move retries and error handling out of your code into Retry and Catch",
    "Track the status of every execution from its history",
  ],
  chapter: "/chapters/06-workflows/",
  cost: {
    perDayUsd: 0,
    basis:
      "Step Functions standard workflows are billed per state transition (4,000 a month free, then $0.025 per 1,000); an idle state machine costs nothing",
  },
  steps: [],
});

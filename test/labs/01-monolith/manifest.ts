import { defineLab } from "../../../course/labs/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "01-monolith",
  title: "The monolith",
  summary: "One deployable that does everything: feel why many teams changing it slows everyone down.",
  status: "planned",
  minutes: 40,
  goals: [
    "Run the shop as one function behind one API over one table",
    "Pin the public API down with contract tests of your own",
    "See the cost of the monolith: one fault or one change touches every feature",
  ],
  chapter: "/chapters/01-monolith/",
  cost: {
    perDayUsd: 0,
    basis:
      "one function behind one HTTP API over one on-demand DynamoDB table: Lambda ($0.20 per million requests), HTTP API ($1.00 per million) and DynamoDB on demand are billed per request, and a lab's worth stays inside the free tier; nothing bills while idle",
  },
  steps: [],
});

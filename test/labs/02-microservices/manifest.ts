import { defineLab } from "../../../course/labs/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "02-microservices",
  title: "Two-pizza microservices",
  summary:
    "Decompose for agility: services that do one thing, each owned by one team, behind an API as the hardened contract.",
  status: "planned",
  minutes: 50,
  goals: [
    "Split the shop into orders, inventory and payments, each with its own functions and table",
    "Put one API Gateway in front as the front door, with versioned routes",
    "Validate requests in each service and keep chapter 01's contract passing unchanged",
    "Prove least privilege: a service cannot touch another service's table",
  ],
  chapter: "/chapters/02-microservices/",
  cost: {
    perDayUsd: 0,
    basis:
      "functions, one HTTP API and a table per service, all billed per request (Lambda, HTTP API, DynamoDB on demand); an idle table costs only its storage at $0.25 per GB-month",
  },
  steps: [],
});

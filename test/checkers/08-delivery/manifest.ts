import { defineLab } from "../../../course/lab-runner/manifest.ts";

export default defineLab({
  schemaVersion: 1,
  slug: "08-delivery",
  title: "Delivery pipelines",
  summary: "Each service has its own pipeline: infrastructure as code, cookie-cutter templates and guardrails.",
  status: "planned",
  minutes: 45,
  goals: [
    "Give each service its own pipeline with GitHub Actions and OIDC to AWS",
    "Keep infrastructure as code next to the service it belongs to",
    "Start new services from a cookie-cutter template with guardrails built in",
  ],
  chapter: "/chapters/08-delivery/",
  cost: {
    perDayUsd: 0,
    basis:
      "the GitHub OIDC provider and deploy roles are IAM resources, which are free; the services deployed are billed per request like the earlier labs",
  },
  steps: [],
});

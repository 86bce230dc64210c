/// <reference path="./.sst/platform/config.d.ts" />
/**
 * One SST app for the whole course; each lab is its own app so stacks never
 * collide. Choose what to load with two environment variables (the `course`
 * command sets them for you):
 *
 *   COURSE_LAB=00-first-function   which lab (default: 00-first-function)
 *   COURSE_FROM=labs|solutions     your starter (default) or the finished lab
 *
 * Deploying: `npx course deploy 00-first-function` wraps `sst deploy` with the
 * stage set to your user name, so people sharing an account never collide.
 * Every stage except `production` is removed completely by `sst remove`.
 */
export default $config({
  app(input) {
    const lab = process.env.COURSE_LAB ?? "00-first-function";
    return {
      name: `course-${lab}`,
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      providers: {
        aws: { defaultTags: { tags: { course: "serverless-course", lab, stage: input?.stage ?? "" } } },
      },
    };
  },
  async run() {
    const { loadLab } = await import("./infra/load-lab");
    return loadLab();
  },
});

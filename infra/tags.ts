// Every taggable AWS resource of a lab carries course, lab and stage, so
// `npx course cleanup` finds whatever a deploy leaves behind, and a shared
// workshop account can tell whose is whose.
//
// sst.config.ts also sets them as `providers.aws.defaultTags`, but those are
// applied by the AWS provider at deploy time only: a resource's own inputs
// never show them (not under the course's Pulumi mocks either), and resources
// made with another provider miss them. Tagging each resource explicitly
// makes the tags part of the program, where test/deploy asserts them.

export const COURSE = "serverless-course";

export function courseTags(lab: string, stage: string): Record<string, string> {
  return { course: COURSE, lab, stage };
}

/**
 * A stack transformation that merges the course's tags into every `aws:*`
 * resource that has a `tags` input. Pulumi's generated constructors set
 * `props.tags` (even to undefined) exactly for the types that take tags; the
 * course's tags win over a lab's own of the same key.
 */
export function tagEveryResource(tags: Record<string, string>): void {
  $util.runtime.registerStackTransformation((args) => {
    if (!args.type.startsWith("aws:") || !("tags" in args.props)) return undefined;
    const merged = $util.output(args.props.tags).apply((own: unknown) => {
      if (Array.isArray(own)) return own; // e.g. an Auto Scaling group's list of tag specifications
      return { ...((own as Record<string, string> | undefined) ?? {}), ...tags };
    });
    return { props: { ...args.props, tags: merged }, opts: args.opts };
  });
}

// The local cloud's one account and region. The Pulumi mocks give the lab's resources ARNs
// in them, and every emulated service answers with them: one definition for both layers.

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";

/** "arn:aws:<service>:<region>:<account>:<resource>"; global services (IAM, STS) pass region "" */
export function arn(service: string, resource: string, region: string = REGION): string {
  return `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
}

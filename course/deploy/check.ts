// `course check <lab> --target aws`: the same checker as locally, pointed at
// the stack deployed to the learner's account — its outputs file for this lab
// and stage, and SDK clients on the default credential chain.
import type { CheckReport, StepResult } from "../checker/report.ts";
import { CourseError } from "../errors.ts";
import { judgeLab } from "../lab-runner/actions.ts";
import { loadManifest } from "../lab-runner/catalog.ts";
import { callerIdentity } from "./aws.ts";
import { deploymentOf, labsAt } from "./store.ts";

export interface AwsCheckOptions {
  stage: string;
  onStep?(step: StepResult): void;
}

export async function checkDeployedLab(lab: string, options: AwsCheckOptions): Promise<CheckReport> {
  await loadManifest(lab);
  const { stage } = options;
  const deployment = deploymentOf(lab, stage);
  if (!deployment) {
    const others = labsAt(stage).map((d) => d.lab);
    if (others.length) {
      throw new CourseError(
        `Stage ${stage} holds lab ${others.join(", ")}, not ${lab}. Deploy it with \`npx course deploy ${lab} --stage ${stage}\`, or check what is there: \`npx course check ${others[0]} --target aws --stage ${stage}\`.`,
      );
    }
    throw new CourseError(
      `Lab ${lab} is not deployed to stage ${stage} from this checkout. Run \`npx course deploy ${lab} --stage ${stage}\`, then check again.`,
    );
  }
  const next = `npx course check ${lab} --target aws --stage ${stage}`;
  const identity = await callerIdentity(deployment.region, next);
  if (deployment.account && identity.account !== deployment.account) {
    throw new CourseError(
      `Lab ${lab} at stage ${stage} was deployed to account ${deployment.account}, but you are signed in to ${identity.account}. Sign in to ${deployment.account}, then run \`${next}\` again.`,
    );
  }
  return judgeLab(
    {
      kind: "aws",
      lab,
      outputsFile: deployment.outputsFile,
      region: deployment.region,
      stage,
      app: `course-${lab}`,
      sources: `${deployment.from}/${lab}`,
    },
    options,
  );
}

// `npm install` ends here: SST's platform and the generated typings, offline.

import { writeSstEnvTypes } from "./sst-env-types.ts";
import { installPlatform, platformInstalled } from "./sst-platform.ts";

const started = Date.now();
if (!platformInstalled()) {
  console.log("course: installing SST's platform into .sst/platform (offline) …");
  installPlatform();
}
await writeSstEnvTypes();
console.log(
  `course: ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Next: \`npm start\` to open the course, or \`npx course list\`.`,
);

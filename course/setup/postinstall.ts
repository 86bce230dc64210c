// `npm install` ends here: SST's platform and the generated typings, offline.

import fs from "node:fs";
import { SELECTED_LAB_FILE, writeSelectedLab } from "../graph/selected-lab.ts";
import { writeSstEnvTypes } from "./sst-env-types.ts";
import { installPlatform, platformInstalled } from "./sst-platform.ts";

const started = Date.now();
// sst.config.ts imports the selected lab (`sst install` builds it, as does `npm run typecheck`): lab 00
// until a command selects another.
if (!fs.existsSync(SELECTED_LAB_FILE)) writeSelectedLab("00-first-function", "labs");
if (!platformInstalled()) {
  console.log("course: installing SST's platform into .sst/platform (offline) …");
  installPlatform();
}
await writeSstEnvTypes();
console.log(
  `course: ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Next: \`npm start\` to open the course, or \`npx course list\`.`,
);

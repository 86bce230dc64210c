// Import this first, as `import "../helpers/own-course-state.ts";`, in a test
// file that starts labs in-process: the course's modules read these variables
// when they load. The test then keeps its own running-lab record, progress and
// outputs, apart from a learner's lab and from other test files running at the
// same time (as test/cli/cli.test.ts does for the processes it spawns).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The folder is the one all three files are in; remove it in afterAll.
const state = fs.mkdtempSync(path.join(os.tmpdir(), "course-state-"));
process.env.COURSE_RUNNING_FILE = path.join(state, "running.json");
process.env.COURSE_PROGRESS_FILE = path.join(state, "progress.json");
process.env.COURSE_OUTPUTS_FILE = path.join(state, "outputs.json");

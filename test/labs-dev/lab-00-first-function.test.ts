import { labDevSuite } from "./lab-suite.ts";

await labDevSuite("00-first-function");

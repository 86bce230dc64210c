import { labDevSuite } from "../dev-suite.ts";

await labDevSuite("00-first-function");

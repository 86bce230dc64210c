import { labDevSuite } from "./lab-suite.ts";

await labDevSuite("04-events");

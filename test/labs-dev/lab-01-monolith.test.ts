import { labDevSuite } from "./lab-suite.ts";

await labDevSuite("01-monolith");

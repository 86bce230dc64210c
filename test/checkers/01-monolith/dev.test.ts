import { labDevSuite } from "../dev-suite.ts";

await labDevSuite("01-monolith");

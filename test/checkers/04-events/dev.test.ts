import { labDevSuite } from "../dev-suite.ts";

await labDevSuite("04-events");

import { labDevSuite } from "../dev-suite.ts";

await labDevSuite("03-queues");

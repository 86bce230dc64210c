import { labDevSuite } from "./lab-suite.ts";

await labDevSuite("03-queues");

import { labDevSuite } from "./lab-suite.ts";

await labDevSuite("02-microservices");

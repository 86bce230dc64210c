import { labDevSuite } from "../dev-suite.ts";

await labDevSuite("02-microservices");

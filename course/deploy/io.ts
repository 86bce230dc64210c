// The terminal side of the deploy commands: lines out, yes/no questions in.
import readline from "node:readline/promises";
import type { DeployIo } from "./deploy.ts";

export const consoleIo: DeployIo = {
  say: (line) => console.log(line),
  async confirm(question) {
    if (!process.stdin.isTTY) {
      // Nobody to answer: say no rather than wait for ever.
      console.log(`${question}(no terminal to answer: add --yes)`);
      return false;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  },
};

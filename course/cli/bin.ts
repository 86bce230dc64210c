#!/usr/bin/env node
console.log("course", process.version, process.argv.slice(2));

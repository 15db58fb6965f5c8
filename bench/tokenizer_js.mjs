#!/usr/bin/env node
// tokenizer_js.mjs: MB/s of js-tiktoken on one file, the reference that
// bench/tokenizer.sh holds src/core/tokenizer.c against.
//
// usage: node bench/tokenizer_js.mjs ENCODING TEXT RUNS IDS_OUT
// Prints "js_mbps=<median>" and writes the ids as `viva tokens --ids` does.
// js-tiktoken comes from scripts/node_modules (npm ci in scripts/).
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "scripts", "package.json"));
const { Tiktoken } = require("js-tiktoken/lite");

const [encoding, path, runsArg, idsOut] = process.argv.slice(2);
const runs = Number.parseInt(runsArg, 10);
if (!encoding || !path || !(runs >= 1) || !idsOut) {
  console.error("usage: tokenizer_js.mjs ENCODING TEXT RUNS IDS_OUT");
  process.exit(2);
}
const enc = new Tiktoken(require(`js-tiktoken/ranks/${encoding}`));
const buf = readFileSync(path);
const text = buf.toString("utf8");
const mbps = [];
let ids = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  ids = enc.encode(text, [], []);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  mbps.push(buf.length / 1e6 / s);
}
mbps.sort((a, b) => a - b);
writeFileSync(idsOut, ids.join(" ") + "\n");
console.log(`js_mbps=${mbps[Math.floor(runs / 2)].toFixed(2)} tokens=${ids.length} bytes=${buf.length}`);

#!/usr/bin/env node
// gen-tokenizer-fixtures.mjs: writes the token ids js-tiktoken gives for
// tests/fixtures/tokenizer/mixed.txt, which tests/unit/core_tokenizer_test.c
// compares with src/core/tokenizer.c token for token.
//
// Run from anywhere:  (cd scripts && npm ci) && node scripts/gen-tokenizer-fixtures.mjs
//
// Output: tests/fixtures/tokenizer/mixed.<encoding>.ids, the ids separated by
// single spaces and ended by a newline, the same as `viva tokens --ids`.
// Special tokens are ordinary text (allowedSpecial and disallowedSpecial both
// empty), the choice src/core/tokenizer.c makes.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "tests", "fixtures", "tokenizer");
const require = createRequire(join(here, "package.json"));
const { Tiktoken } = require("js-tiktoken/lite");

const text = readFileSync(join(dir, "mixed.txt"), "utf8");
for (const name of ["o200k_base", "cl100k_base"]) {
  const enc = new Tiktoken(require(`js-tiktoken/ranks/${name}`));
  const ids = enc.encode(text, [], []);
  writeFileSync(join(dir, `mixed.${name}.ids`), ids.join(" ") + "\n");
  console.log(`mixed.${name}.ids: ${ids.length} tokens`);
}

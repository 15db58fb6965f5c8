#!/usr/bin/env node
// gen-tokenizer-data.mjs: writes data/<encoding>.bpe and data/LICENSE.js-tiktoken
// from the npm package js-tiktoken, the source of truth for viva's tokenizer.
//
// Run from anywhere:  (cd scripts && npm ci) && node scripts/gen-tokenizer-data.mjs
//
// File format (read by src/core/tokenizer.c), a text header then binary tables:
//
//   viva-bpe 1
//   encoding o200k_base
//   source js-tiktoken 1.0.21
//   pattern <pre-tokenizer regex exactly as js-tiktoken ships it>
//   pcre2 <the same regex for PCRE2, \s spelled out as JavaScript defines it>
//   special <rank> <text>            (one line each; informational)
//   ranks <N> <B>
//   <empty line>
//   N bytes: the length of the token of rank 0..N-1 (1..255; 0 = no such rank)
//   B bytes: the tokens' bytes, concatenated in rank order
//
// Lengths fit a byte because the longest token of either encoding is 128 bytes;
// the script refuses anything longer.  The loader rebuilds offsets and a hash
// table from the lengths in one pass, so no hash function is frozen into data.
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(join(here, "package.json"));
const encodings = ["o200k_base", "cl100k_base"];

// JavaScript's \s (ECMA-262 WhiteSpace and LineTerminator): js-tiktoken runs
// its pattern with the u flag, where \s is this fixed set.  PCRE2's \s is
// ASCII-only without PCRE2_UCP and Perl's set with it (no U+FEFF, adds
// U+0085), so the pattern PCRE2 runs names the set explicitly.
const JS_SPACE =
  "\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}" +
  "\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";

// Rewrites the JavaScript pattern for PCRE2: \s and \S become explicit
// classes; any other shorthand whose meaning differs between the engines
// (\w \d \b and their negations) stops the script rather than drift silently.
function toPcre2(pat) {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === "\\") {
      const e = pat[i + 1];
      i++;
      if (e === "s") {
        out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      } else if (e === "S") {
        if (inClass) throw new Error("\\S inside a class: cannot translate");
        out += `[^${JS_SPACE}]`;
      } else if ("wWdDbB".includes(e)) {
        throw new Error(`\\${e} differs between JavaScript and PCRE2`);
      } else {
        out += c + e;
      }
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

function rankTable(bpeRanks) {
  const tokens = [];
  for (const line of bpeRanks.split("\n")) {
    if (line === "") continue;
    const [, offsetStr, ...b64] = line.split(" ");
    const offset = Number.parseInt(offsetStr, 10);
    b64.forEach((t, i) => {
      tokens[offset + i] = Buffer.from(t, "base64");
    });
  }
  return tokens;
}

function encodeFile(name, version, ranks) {
  const tokens = rankTable(ranks.bpe_ranks);
  const lens = Buffer.alloc(tokens.length);
  const parts = [];
  let total = 0;
  for (let r = 0; r < tokens.length; r++) {
    const t = tokens[r];
    if (t === undefined) continue;
    if (t.length === 0 || t.length > 255)
      throw new Error(`${name}: rank ${r} has length ${t.length}`);
    lens[r] = t.length;
    parts.push(t);
    total += t.length;
  }
  for (const s of [ranks.pat_str, ...Object.keys(ranks.special_tokens)])
    if (/[\r\n]/.test(s)) throw new Error(`${name}: newline in header text`);
  const header = [
    "viva-bpe 1",
    `encoding ${name}`,
    `source js-tiktoken ${version}`,
    `pattern ${ranks.pat_str}`,
    `pcre2 ${toPcre2(ranks.pat_str)}`,
    ...Object.entries(ranks.special_tokens).map(([s, r]) => `special ${r} ${s}`),
    `ranks ${tokens.length} ${total}`,
    "",
    "",
  ].join("\n");
  return Buffer.concat([Buffer.from(header, "utf8"), lens, ...parts]);
}

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

// Copies the package's licence file; js-tiktoken 1.0.21 ships none and only
// declares "license": "MIT" in package.json, so the MIT text is written out
// with the holders of its upstream repository, which the package names.
function licence(pkgDir, pkg) {
  for (const f of ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"]) {
    const p = join(pkgDir, f);
    if (existsSync(p))
      return `js-tiktoken ${pkg.version}: ${f} copied from the npm package.\n\n` +
        readFileSync(p, "utf8");
  }
  if (pkg.license !== "MIT")
    throw new Error(`js-tiktoken is licensed ${pkg.license}, not MIT: review`);
  const repo = String(pkg.repository?.url ?? "").replace(/^git\+/, "");
  return `The files data/*.bpe are generated from the rank data, pre-tokenizer
patterns and special tokens of the npm package js-tiktoken ${pkg.version}
(${repo}), a JavaScript port of OpenAI's tiktoken, by
scripts/gen-tokenizer-data.mjs.  The package declares "license": "MIT" in its
package.json and ships no licence file, so the MIT licence is reproduced here.

MIT License

Copyright (c) 2022 OpenAI, Shantanu Jain (tiktoken)
Copyright (c) the authors of js-tiktoken (${repo})

${MIT}`;
}

// The package's exports map hides package.json: walk up from its entry point.
function packageDir(name) {
  let d = dirname(require.resolve(name));
  while (!existsSync(join(d, "package.json"))) d = dirname(d);
  return d;
}

const pkgDir = packageDir("js-tiktoken");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const outDir = join(root, "data");
mkdirSync(outDir, { recursive: true });
for (const name of encodings) {
  const ranks = require(`js-tiktoken/ranks/${name}`).default ??
    require(`js-tiktoken/ranks/${name}`);
  const buf = encodeFile(name, pkg.version, ranks);
  if (buf.length >= 8 * 1024 * 1024) throw new Error(`${name}: file too large`);
  writeFileSync(join(outDir, `${name}.bpe`), buf);
  console.log(`data/${name}.bpe: ${buf.length} bytes`);
}
writeFileSync(join(outDir, "LICENSE.js-tiktoken"), licence(pkgDir, pkg));
console.log("data/LICENSE.js-tiktoken");

#!/usr/bin/env node
// tests/fakeai/selftest.mjs — exercises tests/fakeai/server.mjs end to end over loopback.
// Prints `ok fakeai <name>` / `not ok fakeai <name>` per check; exits 1 if any check failed.
//
//   node tests/fakeai/selftest.mjs

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { toneWav } from './audio.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(HERE, 'server.mjs');
const KEY = 'sk-test-selftest';

let failures = 0;
const servers = [];

function ok(name) {
  process.stdout.write(`ok fakeai ${name}\n`);
}

function notOk(name, why) {
  failures++;
  process.stdout.write(`not ok fakeai ${name}\n`);
  if (why) process.stdout.write(`# ${String(why).split('\n').join('\n# ')}\n`);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function check(name, fn) {
  try {
    await fn();
    ok(name);
  } catch (e) {
    notOk(name, e?.stack ?? e);
  }
}

// --- server process ---------------------------------------------------------------------------

async function startServer(extra = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakeai-selftest-'));
  const pidfile = path.join(dir, 'pid');
  const portfile = path.join(dir, 'port');
  const child = spawn(process.execPath,
    [SERVER, '--port', '0', '--pidfile', pidfile, '--portfile', portfile, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const srv = { child, dir, pidfile, portfile, stderr: '', port: 0, exited: false };
  child.stderr.on('data', (d) => { srv.stderr += d; });
  child.on('exit', () => { srv.exited = true; });
  servers.push(srv);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !srv.exited) {
    if (fs.existsSync(portfile)) {
      srv.port = Number(fs.readFileSync(portfile, 'utf8').trim());
      if (srv.port > 0) break;
    }
    await sleep(20);
  }
  if (!srv.port) throw new Error(`server did not start: ${srv.stderr}`);
  srv.base = `http://127.0.0.1:${srv.port}`;
  return srv;
}

async function stopServer(srv) {
  if (srv.exited) return;
  const gone = new Promise((r) => srv.child.once('exit', r));
  srv.child.kill('SIGTERM');
  await Promise.race([gone, sleep(2000)]);
  if (!srv.exited) srv.child.kill('SIGKILL');
}

// --- client helpers ---------------------------------------------------------------------------

const USER_MSG = 'Tell me about a project you are proud of.';

function chatBody(extra = {}) {
  return {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are an interviewer.' },
      { role: 'user', content: USER_MSG },
    ],
    ...extra,
  };
}

function chat(srv, body, { key = KEY, signal, rawBody } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  return fetch(`${srv.base}/v1/chat/completions`, {
    method: 'POST', headers, signal, body: rawBody ?? JSON.stringify(body),
  });
}

async function script(srv, steps) {
  const r = await fetch(`${srv.base}/_fake/script`, { method: 'POST', body: JSON.stringify(steps) });
  assert(r.status === 200, `script: HTTP ${r.status} ${await r.text()}`);
}

async function reset(srv) {
  const r = await fetch(`${srv.base}/_fake/reset`, { method: 'POST' });
  assert(r.status === 200, `reset: HTTP ${r.status}`);
}

/** Read a body to the end; returns {text, error} (error set if the connection broke). */
async function readAll(res) {
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
    return { text, error: null };
  } catch (e) {
    return { text, error: e };
  }
}

/** Split SSE text into the data payloads of complete events. */
function sseData(text) {
  const out = [];
  for (const block of text.split('\n\n')) {
    if (!text.includes(block + '\n\n')) continue;   // incomplete trailing block
    const lines = block.split('\n').filter((l) => l.startsWith('data:'));
    if (lines.length) out.push(lines.map((l) => l.slice(5).replace(/^ /, '')).join('\n'));
  }
  return out;
}

function expectedPromptTokens(messages) {
  const chars = messages.reduce((n, m) => n + Array.from(m.content ?? '').length, 0);
  return Math.ceil(chars / 4) + 3 * messages.length + 3;
}

function assertErrorShape(obj, type) {
  assert(obj && typeof obj.error === 'object', 'no error object');
  for (const k of ['message', 'type', 'param', 'code']) assert(k in obj.error, `error.${k} missing`);
  assert(typeof obj.error.message === 'string' && obj.error.message, 'error.message empty');
  if (type) eq(obj.error.type, type, 'error.type');
}

// --- checks -----------------------------------------------------------------------------------

async function run() {
  const srv = await startServer();

  await check('pidfile-portfile', async () => {
    eq(Number(fs.readFileSync(srv.pidfile, 'utf8').trim()), srv.child.pid, 'pid');
    assert(srv.port > 0, 'port');
  });

  await check('health', async () => {
    const r = await fetch(`${srv.base}/_fake/health`);
    eq(r.status, 200, 'status');
    eq(await r.text(), 'ok', 'body');
  });

  await check('models', async () => {
    const r = await fetch(`${srv.base}/v1/models`, { headers: { Authorization: `Bearer ${KEY}` } });
    eq(r.status, 200, 'status');
    const j = await r.json();
    eq(j.object, 'list', 'object');
    const ids = j.data.map((m) => m.id);
    for (const id of ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini']) assert(ids.includes(id), `missing ${id}`);
    assert(j.data.every((m) => m.object === 'model'), 'model objects');
  });

  await check('unknown-route-404', async () => {
    const r = await fetch(`${srv.base}/v1/nope`, { method: 'POST' });
    eq(r.status, 404, 'status');
    assertErrorShape(await r.json(), 'invalid_request_error');
  });

  await check('nonstream-default-echo', async () => {
    const body = chatBody();
    const r = await chat(srv, body);
    eq(r.status, 200, 'status');
    assert(r.headers.get('content-type').startsWith('application/json'), 'content-type');
    const j = await r.json();
    assert(typeof j.id === 'string' && j.id.startsWith('chatcmpl-'), 'id');
    eq(j.object, 'chat.completion', 'object');
    assert(Number.isInteger(j.created), 'created');
    eq(j.model, 'gpt-4o-mini', 'model');
    eq(j.choices.length, 1, 'choices');
    const c = j.choices[0];
    eq(c.index, 0, 'index');
    eq(c.message.role, 'assistant', 'role');
    eq(c.message.content, `Echo: ${USER_MSG}`, 'content');
    eq(c.message.refusal, null, 'refusal');
    eq(c.logprobs, null, 'logprobs');
    eq(c.finish_reason, 'stop', 'finish_reason');
    assert(!('tool_calls' in c.message), 'unexpected tool_calls');
    eq(j.usage.prompt_tokens, expectedPromptTokens(body.messages), 'prompt_tokens');
    eq(j.usage.completion_tokens, Math.ceil(`Echo: ${USER_MSG}`.length / 4), 'completion_tokens');
    eq(j.usage.total_tokens, j.usage.prompt_tokens + j.usage.completion_tokens, 'total_tokens');
  });

  await check('echo-truncates-200', async () => {
    const long = 'x'.repeat(300);
    const r = await chat(srv, { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: long }] }] });
    const j = await r.json();
    eq(j.choices[0].message.content, `Echo: ${'x'.repeat(200)}`, 'content');
  });

  await check('nonstream-scripted-reply-usage', async () => {
    await script(srv, [{ reply: 'Scripted answer.', usage: { prompt_tokens: 82, completion_tokens: 17 } }]);
    const j = await (await chat(srv, chatBody())).json();
    eq(j.choices[0].message.content, 'Scripted answer.', 'content');
    eq([j.usage.prompt_tokens, j.usage.completion_tokens, j.usage.total_tokens], [82, 17, 99], 'usage');
  });

  await check('script-fifo-order', async () => {
    await script(srv, [{ reply: 'one' }, { reply: 'two' }]);
    await script(srv, [{ reply: 'three' }]);
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await (await chat(srv, chatBody())).json()).choices[0].message.content);
    eq(got, ['one', 'two', 'three', `Echo: ${USER_MSG}`], 'replies');
  });

  await check('script-when-tool-and-times', async () => {
    const offer = (name) => chatBody({
      tools: [{ type: 'function', function: { name, parameters: { type: 'object', properties: {} } } }],
      tool_choice: { type: 'function', function: { name } },
    });
    // Steps for two kinds of call, queued side by side; an untagged step fits any request.
    await script(srv, [
      { when_tool: 'evaluate', tool_calls: [{ name: 'evaluate', arguments: { q: 'good' } }], times: 2 },
      { when_tool: 'ask', tool_calls: [{ name: 'ask', arguments: { question: 'Why?' } }] },
      { reply: 'plain' },
    ]);
    const name = async (body) => {
      const m = (await (await chat(srv, body)).json()).choices[0].message;
      return m.tool_calls ? m.tool_calls[0].function.name : m.content;
    };
    eq(await name(offer('ask')), 'ask', 'the ask step, though evaluate is first');
    eq(await name(offer('evaluate')), 'evaluate', 'evaluate, first time');
    eq(await name(chatBody()), 'plain', 'no tools: the untagged step');
    eq(await name(offer('evaluate')), 'evaluate', 'evaluate, second time');
    eq(await name(offer('evaluate')), `Echo: ${USER_MSG}`, 'times used up: default');
    const q = await (await fetch(`${srv.base}/_fake/script`)).json();
    eq(q.chat.length, 0, 'queue empty');
  });

  await check('script-rejects-bad-step', async () => {
    for (const bad of [[{ fault: 'explode' }], [{ replly: 'typo' }], { reply: 'not an array' },
      [{ when_tool: 'bad name!' }], [{ times: 0 }], [{ times: 1.5 }]]) {
      const r = await fetch(`${srv.base}/_fake/script`, { method: 'POST', body: JSON.stringify(bad) });
      eq(r.status, 400, `status for ${JSON.stringify(bad)}`);
    }
    const q = await (await fetch(`${srv.base}/_fake/script`)).json();
    eq(q.chat.length, 0, 'queue untouched');
  });

  await check('stream-with-usage', async () => {
    await script(srv, [{ reply: 'Hello there, candidate.' }]);
    const body = chatBody({ stream: true, stream_options: { include_usage: true } });
    const r = await chat(srv, body);
    eq(r.status, 200, 'status');
    assert(r.headers.get('content-type').startsWith('text/event-stream'), 'content-type');
    const { text, error } = await readAll(r);
    assert(!error, `read error ${error}`);
    assert(text.endsWith('data: [DONE]\n\n'), 'ends with [DONE]');
    const data = sseData(text);
    eq(data.at(-1), '[DONE]', 'last');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    assert(chunks.length >= 4, 'chunk count');
    const ids = new Set(chunks.map((c) => c.id));
    const created = new Set(chunks.map((c) => c.created));
    eq([ids.size, created.size], [1, 1], 'same id/created');
    assert(chunks.every((c) => c.object === 'chat.completion.chunk'), 'object');
    eq(chunks[0].choices[0].delta, { role: 'assistant', content: '' }, 'first delta');
    const usageChunk = chunks.at(-1);
    eq(usageChunk.choices, [], 'usage chunk choices');
    eq([usageChunk.usage.prompt_tokens, usageChunk.usage.completion_tokens, usageChunk.usage.total_tokens],
      [expectedPromptTokens(body.messages), Math.ceil('Hello there, candidate.'.length / 4),
        expectedPromptTokens(body.messages) + Math.ceil('Hello there, candidate.'.length / 4)], 'usage');
    const rest = chunks.slice(0, -1);
    assert(rest.every((c) => 'usage' in c && c.usage === null), 'other chunks carry usage:null');
    const finish = rest.at(-1);
    eq(finish.choices[0].delta, {}, 'finish delta');
    eq(finish.choices[0].finish_reason, 'stop', 'finish_reason');
    assert(rest.slice(0, -1).every((c) => c.choices[0].finish_reason === null), 'finish_reason null before end');
    const content = rest.map((c) => c.choices[0].delta.content ?? '').join('');
    eq(content, 'Hello there, candidate.', 'content');
    assert(rest.length - 2 >= 3, 'content split over several chunks');
    assert(chunks.every((c) => typeof c.obfuscation === 'string'), 'obfuscation by default');
  });

  await check('stream-without-usage', async () => {
    const r = await chat(srv, chatBody({ stream: true, stream_options: { include_obfuscation: false } }));
    const { text } = await readAll(r);
    const data = sseData(text);
    eq(data.at(-1), '[DONE]', 'last');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    assert(chunks.every((c) => !('usage' in c)), 'no usage key');
    assert(chunks.every((c) => c.choices.length === 1), 'no usage chunk');
    assert(chunks.every((c) => !('obfuscation' in c)), 'include_obfuscation:false honoured');
    eq(chunks.map((c) => c.choices[0].delta.content ?? '').join(''), `Echo: ${USER_MSG}`, 'content');
  });

  const TOOLS = [
    { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
    { name: 'score_answer', arguments: { score: 4, reason: 'clear and structured' }, id: 'call_fixed' },
  ];

  await check('tool-calls-nonstream', async () => {
    await script(srv, [{ tool_calls: TOOLS }]);
    const j = await (await chat(srv, chatBody())).json();
    const c = j.choices[0];
    eq(c.finish_reason, 'tool_calls', 'finish_reason');
    eq(c.message.content, null, 'content');
    eq(c.message.tool_calls.length, 2, 'count');
    c.message.tool_calls.forEach((t, i) => {
      assert(typeof t.id === 'string' && t.id, 'id');
      eq(t.type, 'function', 'type');
      eq(t.function.name, TOOLS[i].name, 'name');
      eq(typeof t.function.arguments, 'string', 'arguments is a string');
      eq(JSON.parse(t.function.arguments), TOOLS[i].arguments, 'arguments');
    });
    eq(c.message.tool_calls[1].id, 'call_fixed', 'scripted id');
  });

  await check('tool-calls-stream', async () => {
    await script(srv, [{ tool_calls: TOOLS }]);
    const r = await chat(srv, chatBody({ stream: true, stream_options: { include_usage: true } }));
    const data = sseData((await readAll(r)).text);
    eq(data.at(-1), '[DONE]', 'last');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    const first = chunks[0].choices[0].delta;
    eq(first.role, 'assistant', 'first role');
    eq(first.content, null, 'first content');
    const acc = [];
    const fragments = [0, 0];
    for (const c of chunks) {
      for (const tc of c.choices[0]?.delta?.tool_calls ?? []) {
        assert(Number.isInteger(tc.index), 'index');
        const a = (acc[tc.index] ??= { id: '', type: '', name: '', arguments: '' });
        if (tc.id) { assert(!a.id, 'id sent once'); a.id = tc.id; }
        if (tc.type) a.type = tc.type;
        if (tc.function?.name) a.name += tc.function.name;
        if (tc.function?.arguments) { a.arguments += tc.function.arguments; fragments[tc.index]++; }
      }
    }
    eq(acc.length, 2, 'tool count');
    acc.forEach((a, i) => {
      assert(a.id, 'id');
      eq(a.type, 'function', 'type');
      eq(a.name, TOOLS[i].name, 'name');
      eq(JSON.parse(a.arguments), TOOLS[i].arguments, 'arguments');
    });
    assert(fragments[0] >= 2 && fragments[1] >= 2, `arguments split across chunks (${fragments})`);
    const finish = chunks.at(-2);
    eq(finish.choices[0].finish_reason, 'tool_calls', 'finish_reason');
    eq(chunks.at(-1).choices, [], 'usage chunk');
    assert(chunks.at(-1).usage.completion_tokens > 0, 'completion tokens');
  });

  for (const [fault, status, type] of [['429', 429, 'rate_limit_error'], ['500', 500, 'server_error'],
    ['503', 503, 'server_error']]) {
    await check(`fault-${fault}`, async () => {
      const step = { fault };
      if (fault === '429') step.retry_after = 7;
      await script(srv, [step]);
      const r = await chat(srv, chatBody());
      eq(r.status, status, 'status');
      if (fault === '429') eq(r.headers.get('retry-after'), '7', 'Retry-After');
      else eq(r.headers.get('retry-after'), null, 'no Retry-After');
      assertErrorShape(await r.json(), type);
    });
  }

  await check('fault-429-stream-request', async () => {
    await script(srv, [{ fault: 429, retry_after: 1, error: { code: 'insufficient_quota', type: 'insufficient_quota' } }]);
    const r = await chat(srv, chatBody({ stream: true }));
    eq(r.status, 429, 'status');
    eq(r.headers.get('retry-after'), '1', 'Retry-After');
    const j = await r.json();
    assertErrorShape(j, 'insufficient_quota');
    eq(j.error.code, 'insufficient_quota', 'code override');
  });

  await check('fault-timeout', async () => {
    await script(srv, [{ fault: 'timeout' }]);
    const ac = new AbortController();
    const t0 = Date.now();
    const timer = setTimeout(() => ac.abort(), 500);
    let aborted = false;
    try {
      await chat(srv, chatBody(), { signal: ac.signal });
    } catch (e) {
      aborted = e.name === 'AbortError';
    }
    clearTimeout(timer);
    const dt = Date.now() - t0;
    assert(aborted, 'request should be aborted by the client');
    assert(dt >= 450, `gave up too early (${dt} ms)`);
    // the server is still healthy afterwards
    eq((await fetch(`${srv.base}/_fake/health`)).status, 200, 'health after timeout');
  });

  await check('fault-malformed-nonstream', async () => {
    await script(srv, [{ fault: 'malformed' }]);
    const r = await chat(srv, chatBody());
    eq(r.status, 200, 'status');
    const text = await r.text();
    assert(text.length > 0, 'non-empty body');
    let threw = false;
    try { JSON.parse(text); } catch { threw = true; }
    assert(threw, 'body must not be valid JSON');
  });

  await check('fault-malformed-stream', async () => {
    await script(srv, [{ fault: 'malformed' }]);
    const r = await chat(srv, chatBody({ stream: true }));
    eq(r.status, 200, 'status');
    const data = sseData((await readAll(r)).text);
    const broken = data.filter((d) => { if (d === '[DONE]') return false; try { JSON.parse(d); return false; } catch { return true; } });
    assert(broken.length === 1, `expected one broken chunk, got ${broken.length}`);
    assert(data.some((d) => d !== '[DONE]' && !broken.includes(d)), 'some valid chunks before it');
  });

  await check('fault-cut-stream', async () => {
    await script(srv, [{ fault: 'cut', reply: 'one two three four five six seven eight' }]);
    const r = await chat(srv, chatBody({ stream: true, stream_options: { include_usage: true } }));
    eq(r.status, 200, 'status');
    const { text, error } = await readAll(r);
    assert(error, 'connection should break');
    const data = sseData(text);
    assert(!data.includes('[DONE]'), 'no [DONE]');
    const chunks = data.map((d) => JSON.parse(d));
    assert(chunks.length >= 2, 'part of the reply arrived');
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    assert(content.length > 0 && 'one two three four five six seven eight'.startsWith(content) &&
      content.length < 'one two three four five six seven eight'.length, `partial content "${content}"`);
    assert(chunks.every((c) => c.choices.length), 'no usage chunk');
  });

  await check('fault-cut-nonstream', async () => {
    await script(srv, [{ fault: 'cut' }]);
    let broke = false;
    try {
      const r = await chat(srv, chatBody());
      const { error } = await readAll(r);
      broke = !!error;
    } catch {
      broke = true;
    }
    assert(broke, 'body should be truncated');
  });

  await check('fault-stall-stream', async () => {
    await script(srv, [{ fault: 'stall' }]);
    const ac = new AbortController();
    const r = await chat(srv, chatBody({ stream: true }), { signal: ac.signal });
    const timer = setTimeout(() => ac.abort(), 300);
    const { text, error } = await readAll(r);
    clearTimeout(timer);
    assert(error, 'read should be aborted');
    assert(sseData(text).length >= 1 && !text.includes('[DONE]'), 'partial stream then silence');
  });

  await check('fault-stream-error', async () => {
    await script(srv, [{ fault: 'stream_error' }]);
    const r = await chat(srv, chatBody({ stream: true }));
    eq(r.status, 200, 'status');
    const { text, error } = await readAll(r);
    assert(!error, 'clean end');
    const data = sseData(text);
    assert(!data.includes('[DONE]'), 'no [DONE]');
    assertErrorShape(JSON.parse(data.at(-1)), 'server_error');
  });

  await check('fault-empty', async () => {
    await script(srv, [{ fault: 'empty' }, { fault: 'empty' }]);
    const r = await chat(srv, chatBody());
    eq(r.status, 200, 'status');
    const j = await r.json();
    eq(j.object, 'chat.completion', 'object');
    eq(j.choices, [], 'choices');
    const s = await chat(srv, chatBody({ stream: true }));
    eq(s.status, 200, 'stream status');
    eq(sseData((await readAll(s)).text), ['[DONE]'], 'stream: only [DONE]');
  });

  await check('delay-and-chunk-delay', async () => {
    await script(srv, [{ delay_ms: 150 }, { reply: 'a b c d', chunk_delay_ms: 40 }]);
    let t0 = Date.now();
    await (await chat(srv, chatBody())).json();
    assert(Date.now() - t0 >= 140, `delay_ms not honoured (${Date.now() - t0} ms)`);
    t0 = Date.now();
    const r = await chat(srv, chatBody({ stream: true }));
    await readAll(r);
    // role + 4 words + finish + [DONE] = 7 frames -> 6 gaps of 40 ms
    assert(Date.now() - t0 >= 220, `chunk_delay_ms not honoured (${Date.now() - t0} ms)`);
  });

  await check('finish-reason-override', async () => {
    await script(srv, [{ reply: 'truncated', finish_reason: 'length' }]);
    const j = await (await chat(srv, chatBody())).json();
    eq(j.choices[0].finish_reason, 'length', 'finish_reason');
  });

  await check('validation-400', async () => {
    const cases = [
      [{ messages: [{ role: 'user', content: 'x' }] }, null],
      [{ model: 'gpt-4o-mini', messages: [] }, 'messages'],
      [{ model: 'gpt-4o-mini' }, 'messages'],
      [{ model: 'gpt-4o-mini', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
      [{ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream_options: { include_usage: true } }, 'stream_options'],
      [{ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'c1', content: 'r' }] }, 'messages[1].role'],
      [{ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'user', content: 'y' }] }, 'messages.[2].role'],
    ];
    await script(srv, [{ reply: 'kept' }]);
    for (const [body, param] of cases) {
      const r = await chat(srv, body);
      eq(r.status, 400, `status for ${JSON.stringify(body)}`);
      const j = await r.json();
      assertErrorShape(j, 'invalid_request_error');
      eq(j.error.param, param, 'param');
    }
    const bad = await chat(srv, null, { rawBody: '{"model":' });
    eq(bad.status, 400, 'invalid JSON status');
    assertErrorShape(await bad.json(), 'invalid_request_error');
    // a complete tool round-trip is accepted, and rejected requests consumed no step
    const good = await chat(srv, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' }],
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] });
    eq(good.status, 200, 'tool round-trip status');
    eq((await good.json()).choices[0].message.content, 'kept', 'step kept for the valid request');
  });

  await check('auth-missing-401', async () => {
    const r = await chat(srv, chatBody(), { key: null });
    eq(r.status, 401, 'status');
    assertErrorShape(await r.json(), 'invalid_request_error');
  });

  await check('request-log', async () => {
    await reset(srv);
    await chat(srv, chatBody({ temperature: 0.2 }));
    await chat(srv, chatBody({ stream: true }), { key: 'sk-other' }).then(readAll);
    const log = await (await fetch(`${srv.base}/_fake/requests`)).json();
    eq(log.length, 2, 'entries');
    eq(log[0].headers.authorization, `Bearer ${KEY}`, 'authorization 0');
    eq(log[1].headers.authorization, 'Bearer sk-other', 'authorization 1');
    eq(log[0].body, chatBody({ temperature: 0.2 }), 'body 0');
    eq(log[1].body.stream, true, 'body 1 stream');
    eq(log.map((e) => e.status), [200, 200], 'statuses');
  });

  await check('reset', async () => {
    await script(srv, [{ reply: 'should vanish' }]);
    await chat(srv, chatBody());
    await script(srv, [{ reply: 'should vanish too' }]);
    await reset(srv);
    eq((await (await fetch(`${srv.base}/_fake/requests`)).json()).length, 0, 'log emptied');
    const j = await (await chat(srv, chatBody())).json();
    eq(j.choices[0].message.content, `Echo: ${USER_MSG}`, 'queue emptied');
  });

  await check('gate-holds-the-answer-until-opened', async () => {
    await reset(srv);
    await script(srv, [{ reply: 'after the gate', gate: true }, { reply: 'gate still open', gate: true }]);
    let answered = false;
    const first = chat(srv, chatBody()).then((r) => { answered = true; return r.json(); });
    let waiting = 0;
    for (let i = 0; i < 100 && waiting === 0; i++) {
      await sleep(20);
      waiting = (await (await fetch(`${srv.base}/_fake/gate`)).json()).waiting;
    }
    eq(waiting, 1, 'waiting at the gate');
    await sleep(200);
    eq(answered, false, 'not answered while the gate is shut');
    eq((await (await fetch(`${srv.base}/_fake/gate`, { method: 'POST' })).json()).released, 1, 'released');
    eq((await first).choices[0].message.content, 'after the gate', 'first');
    const second = await (await chat(srv, chatBody())).json();
    eq(second.choices[0].message.content, 'gate still open', 'open until reset');
    const bad = await fetch(`${srv.base}/_fake/script`, { method: 'POST', body: '[{"gate":1}]' });
    eq(bad.status, 400, 'gate must be a boolean');
  });

  await check('stderr-log-lines', async () => {
    const lines = srv.stderr.split('\n').filter((l) => l.includes('POST /v1/chat/completions'));
    assert(lines.length >= 30, `expected a log line per chat request, got ${lines.length}`);
  });

  // --- audio ----------------------------------------------------------------------------------
  const wav = toneWav(200);
  const transcribe = (file, name, model = 'gpt-4o-mini-transcribe') => {
    const fd = new FormData();
    fd.append('file', new Blob([file], { type: 'audio/wav' }), name);
    if (model) fd.append('model', model);
    return fetch(`${srv.base}/v1/audio/transcriptions`, {
      method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: fd,
    });
  };
  const speech = (body) => fetch(`${srv.base}/v1/audio/speech`, {
    method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await check('transcriptions-default-text', async () => {
    await reset(srv);
    const r = await transcribe(wav, 'a.wav');
    eq(r.status, 200, 'status');
    const j = await r.json();
    eq(j.text, `This is the fake transcript of ${wav.length} bytes of audio.`, 'text');
    const log = await (await fetch(`${srv.base}/_fake/requests`)).json();
    eq(log[0].body.file, { filename: 'a.wav', content_type: 'audio/wav', bytes: wav.length }, 'logged file');
  });
  await check('transcriptions-scripted-text-and-fault', async () => {
    await reset(srv);
    const q = await fetch(`${srv.base}/_fake/script?queue=transcriptions`, {
      method: 'POST', body: JSON.stringify([{ fault: 503 }, { text: 'scripted words' }]),
    });
    eq(q.status, 200, 'queued');
    eq((await transcribe(wav, 'a.wav')).status, 503, 'fault');
    eq((await (await transcribe(wav, 'a.wav')).json()).text, 'scripted words', 'text');
  });
  await check('transcriptions-refuses-unknown-format-and-missing-model', async () => {
    await reset(srv);
    const r = await transcribe(wav, 'a.xyz');
    eq(r.status, 400, 'format');
    eq((await r.json()).error.param, 'file', 'param');
    eq((await transcribe(wav, 'a.wav', null)).status, 400, 'model');
  });
  await check('speech-returns-audio-bytes', async () => {
    await reset(srv);
    const mp3 = await speech({ model: 'tts-1', input: 'Hello', voice: 'alloy' });
    eq(mp3.status, 200, 'status');
    eq(mp3.headers.get('content-type'), 'audio/mpeg', 'type');
    const b = Buffer.from(await mp3.arrayBuffer());
    eq([b[0], b[1]], [0xff, 0xfb], 'mp3 frame sync');
    const w = Buffer.from(await (await speech({ model: 'tts-1', input: 'Hi', voice: 'nova',
      response_format: 'wav' })).arrayBuffer());
    eq(w.subarray(0, 4).toString(), 'RIFF', 'wav header');
    eq((await speech({ model: 'tts-1', input: 'Hi', voice: 'nobody' })).status, 400, 'bad voice');
    const log = await (await fetch(`${srv.base}/_fake/requests`)).json();
    eq(log.filter((e) => e.path === '/v1/audio/speech').length, 3, 'speech calls counted');
  });

  await stopServer(srv);
  await check('pidfile-removed-on-exit', async () => {
    assert(srv.exited, 'server exited');
    assert(!fs.existsSync(srv.pidfile), 'pidfile removed');
  });

  // --- a second server with --key -------------------------------------------------------------
  const keyed = await startServer(['--key', 'sk-only-this']);
  await check('auth-key-wrong-401', async () => {
    const r = await chat(keyed, chatBody(), { key: KEY });
    eq(r.status, 401, 'status');
    const j = await r.json();
    assertErrorShape(j, 'invalid_request_error');
    eq(j.error.code, 'invalid_api_key', 'code');
  });
  await check('auth-key-right-200', async () => {
    const r = await chat(keyed, chatBody(), { key: 'sk-only-this' });
    eq(r.status, 200, 'status');
    eq((await r.json()).object, 'chat.completion', 'object');
  });
  await stopServer(keyed);
}

try {
  await run();
} catch (e) {
  notOk('harness', e?.stack ?? e);
} finally {
  for (const s of servers) await stopServer(s);
  if (failures) {
    for (const s of servers) process.stdout.write(`# server stderr:\n# ${s.stderr.trim().split('\n').join('\n# ')}\n`);
  }
  for (const s of servers) fs.rmSync(s.dir, { recursive: true, force: true });
}
process.stdout.write(failures ? `# ${failures} check(s) failed\n` : '# all checks passed\n');
process.exit(failures ? 1 : 0);

#!/usr/bin/env node
// tests/fakeai/server.mjs — scripted fake OpenAI-compatible provider for viva's tests.
//
// Listens on 127.0.0.1 only.  Node >= 20, node: built-ins only, no npm packages.
// Wire shapes follow /work/shared/PROTOCOLS.md section 1 (Chat Completions).
// See tests/fakeai/README.md for the scripting interface.
//
//   node tests/fakeai/server.mjs --port 0 --pidfile FILE --portfile FILE [--key K]
//                                [--script steps.json] [--quiet]
//
// Layout (so audio and realtime endpoints can be added later):
//   * ROUTES          — method + path -> one handler function per endpoint
//   * UPGRADE_ROUTES  — path -> handler(req, socket, head) for WebSocket upgrades (empty for now)
//   * state.queues    — one FIFO of scripted steps per endpoint family ("chat" today)
//   * helpers         — sendJson / sendError / errorBody / sse* / auth / delays

import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseMultipart, silentMp3, toneWav, TRANSCRIBE_EXTENSIONS, VOICES } from './audio.mjs';
import { rt, realtimeUpgrade, realtimeScript } from './realtime.mjs';

const HOST = '127.0.0.1';
let tlsServer = null;                      // the https server under --tls-cert, for /_fake/tls
const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'];
const MODELS_CREATED = 1715367049;
const FINGERPRINT = 'fp_fakeai0001';
const MAX_BODY = 32 * 1024 * 1024;          // audio uploads (later) may be up to 25 MB
const ECHO_CHARS = 200;
const ARG_PIECE = 10;                      // code points per streamed tool-argument fragment

// ---------------------------------------------------------------------------------------------
// command line

function usage(code) {
  process.stderr.write(
    'usage: node server.mjs [--port N] [--pidfile FILE] [--portfile FILE] [--key K]\n' +
    '                       [--script FILE] [--quiet] [--tls-cert PEM --tls-key PEM]\n');
  process.exit(code);
}

function die(msg) {
  process.stderr.write(`fakeai: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opt = { port: 0, pidfile: null, portfile: null, key: null, script: null, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline = null;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { inline = a.slice(eq + 1); a = a.slice(0, eq); }
    const val = () => {
      if (inline !== null) return inline;
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--port': {
        const v = val();
        if (!/^\d+$/.test(v) || Number(v) > 65535) die(`bad --port ${v}`);
        opt.port = Number(v);
        break;
      }
      case '--pidfile': opt.pidfile = val(); break;
      case '--portfile': opt.portfile = val(); break;
      case '--key': opt.key = val(); if (!opt.key) die('--key must not be empty'); break;
      case '--script': opt.script = val(); break;
      case '--quiet': opt.quiet = true; break;
      case '--socket': opt.socket = val(); break;
      case '--realtime-echo': opt.echo = true; break;
      case '--tls-cert': opt.tlsCert = val(); break;
      case '--tls-key': opt.tlsKey = val(); break;
      case '-h': case '--help': usage(0); break;
      default: die(`unknown argument ${a}`);
    }
  }
  return opt;
}

// ---------------------------------------------------------------------------------------------
// state

const state = {
  key: null,              // required API key, or null = any non-empty key
  queues: { chat: [], transcriptions: [], speech: [] },   // scripted steps, FIFO per endpoint family
  requests: [],           // log of received chat requests (GET /_fake/requests)
  seq: 0,                 // request counter (all requests), never reset
  connections: 0,         // connections accepted, never reset (a request log entry names its own)
  held: new Set(),        // responses deliberately left hanging (timeout / stall)
  gateOpen: false,        // a step with "gate" answers only once POST /_fake/gate opened it
  gated: new Set(),       // the resolvers of answers waiting at the gate
  quiet: false,
};

// ---------------------------------------------------------------------------------------------
// generic helpers

function errorBody(message, type = 'invalid_request_error', param = null, code = null) {
  return { error: { message, type, param, code } };
}

function sendJson(res, status, obj, headers = {}) {
  if (gone(res)) return;
  const body = JSON.stringify(obj);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function sendText(res, status, text, headers = {}) {
  if (gone(res)) return;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res, status, message, type = 'invalid_request_error', param = null, code = null,
                   headers = {}) {
  sendJson(res, status, errorBody(message, type, param, code), headers);
}

/** True once the client went away or the response is over. */
function gone(res) {
  return res.destroyed || res.writableEnded || !res.socket || res.socket.destroyed;
}

/** Sleep ms, returning early (false) if the client disconnects meanwhile. */
async function wait(ctx, ms) {
  if (!ms || ms <= 0) return !gone(ctx.res);
  try {
    await sleep(ms, undefined, { signal: ctx.abort.signal });
  } catch {
    return false;
  }
  return !gone(ctx.res);
}

/**
 * A step with "gate": true waits here (after its delay_ms) until the test opens the gate
 * (POST /_fake/gate), so that "while the model writes" lasts as long as the test needs,
 * however slow the machine, instead of a delay the test must outrun.  Opened, the gate stays
 * open until the next reset, so an open that comes before the request is not lost.
 */
async function passGate(ctx, step) {
  if (!step.gate || state.gateOpen) return !gone(ctx.res);
  ctx.notes.push('gated');
  await new Promise((resolve) => {
    const done = () => { state.gated.delete(done); ctx.abort.signal.removeEventListener('abort', done); resolve(); };
    state.gated.add(done);
    ctx.abort.signal.addEventListener('abort', done);
  });
  return !gone(ctx.res);
}

function openGate(open) {
  state.gateOpen = open;
  const waiting = [...state.gated];
  waiting.forEach((done) => done());
  return waiting.length;
}

/** Write and wait for the data to be handed to the kernel (or the connection to close). */
function writeAsync(res, data) {
  if (gone(res)) return Promise.resolve(false);
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok) => { if (!done) { done = true; res.off('close', onClose); resolve(ok); } };
    const onClose = () => finish(false);
    res.on('close', onClose);
    res.write(data, (err) => finish(!err));
  });
}

/** Leave the response hanging until the client gives up (or reset / shutdown). */
function hold(ctx, note) {
  ctx.notes.push(note);
  ctx.res.socket?.setTimeout(0);
  state.held.add(ctx.res);
  ctx.res.on('close', () => state.held.delete(ctx.res));
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const parts = [];
    let size = 0;
    let over = false;
    req.on('data', (c) => {
      if (over) return;
      size += c.length;
      if (size > limit) { over = true; parts.length = 0; return; }
      parts.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function parseJson(buf) {
  try {
    return { ok: true, value: JSON.parse(buf.toString('utf8')) };
  } catch (e) {
    return { ok: false, error: e.message };
  }
}

function codePoints(s) {
  return Array.from(s ?? '');
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// --- SSE --------------------------------------------------------------------------------------

function sseStart(res, headers = {}) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Connection': 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
}

/** One SSE event: `data: <payload>\n\n`; objects are JSON-encoded. */
function sseFrame(data) {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Send frames one write at a time, pausing chunkDelayMs between them. False if the client left. */
async function sseSend(ctx, frames, chunkDelayMs) {
  for (let i = 0; i < frames.length; i++) {
    if (i > 0 && chunkDelayMs > 0 && !(await wait(ctx, chunkDelayMs))) return false;
    if (!(await writeAsync(ctx.res, frames[i]))) return false;
  }
  return true;
}

// --- auth -------------------------------------------------------------------------------------

/** Check `Authorization: Bearer <key>`; answers 401 and returns false on failure. */
function checkAuth(ctx) {
  const h = ctx.req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer[ ]+(\S.*)$/.exec(h) : null;
  if (!m) {
    ctx.notes.push('auth=missing');
    sendError(ctx.res, 401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header " +
      "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error', null, null);
    return false;
  }
  const key = m[1].trim();
  if (!key || (state.key !== null && key !== state.key)) {
    ctx.notes.push('auth=bad');
    const shown = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****';
    sendError(ctx.res, 401, `Incorrect API key provided: ${shown}.`,
      'invalid_request_error', null, 'invalid_api_key');
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// scripting

const STEP_KEYS = new Set([
  'reply', 'usage', 'tool_calls', 'delay_ms', 'chunk_delay_ms', 'fault', 'retry_after',
  'retry_after_ms', 'finish_reason', 'error', 'headers', 'comment', 'when_tool', 'times', 'text',
  'gate',
]);
const NAMED_FAULTS = new Set(['timeout', 'malformed', 'cut', 'empty', 'stall', 'stream_error']);

function isStatusFault(f) {
  return typeof f === 'string' && /^[45]\d\d$/.test(f);
}

/** Validate and normalise one scripted step; throws Error(message) on a bad step. */
function normaliseStep(s, i) {
  const where = `step ${i}`;
  if (!isObject(s)) throw new Error(`${where}: must be an object`);
  for (const k of Object.keys(s)) if (!STEP_KEYS.has(k)) throw new Error(`${where}: unknown key "${k}"`);
  const step = { ...s };
  if (step.fault === undefined) step.fault = null;
  if (typeof step.fault === 'number') step.fault = String(step.fault);
  if (step.fault !== null && !NAMED_FAULTS.has(step.fault) && !isStatusFault(step.fault)) {
    throw new Error(`${where}: unknown fault "${step.fault}"`);
  }
  if (step.text !== undefined && typeof step.text !== 'string') {
    throw new Error(`${where}: text must be a string`);
  }
  if (step.reply !== undefined && step.reply !== null && typeof step.reply !== 'string') {
    throw new Error(`${where}: reply must be a string or null`);
  }
  for (const k of ['delay_ms', 'chunk_delay_ms', 'retry_after', 'retry_after_ms']) {
    if (step[k] !== undefined && (typeof step[k] !== 'number' || !(step[k] >= 0))) {
      throw new Error(`${where}: ${k} must be a number >= 0`);
    }
  }
  if (step.usage !== undefined && !isObject(step.usage)) throw new Error(`${where}: usage must be an object`);
  if (step.error !== undefined && !isObject(step.error)) throw new Error(`${where}: error must be an object`);
  if (step.headers !== undefined && !isObject(step.headers)) throw new Error(`${where}: headers must be an object`);
  if (step.finish_reason !== undefined && typeof step.finish_reason !== 'string') {
    throw new Error(`${where}: finish_reason must be a string`);
  }
  if (step.when_tool !== undefined && (typeof step.when_tool !== 'string' || !TOOL_NAME.test(step.when_tool))) {
    throw new Error(`${where}: when_tool must be a tool name`);
  }
  if (step.gate !== undefined && typeof step.gate !== 'boolean') throw new Error(`${where}: gate must be true or false`);
  if (step.times !== undefined && !(Number.isInteger(step.times) && step.times >= 1)) {
    throw new Error(`${where}: times must be a whole number >= 1`);
  }
  if (step.tool_calls !== undefined) {
    if (!Array.isArray(step.tool_calls)) throw new Error(`${where}: tool_calls must be an array`);
    step.tool_calls.forEach((t, j) => {
      if (!isObject(t) || typeof t.name !== 'string' || !t.name) {
        throw new Error(`${where}: tool_calls[${j}] needs a non-empty "name"`);
      }
      if (t.id !== undefined && typeof t.id !== 'string') throw new Error(`${where}: tool_calls[${j}].id must be a string`);
    });
  }
  return step;
}

/** The names of the functions a chat request offers in `tools`. */
function offeredTools(body) {
  const tools = body && Array.isArray(body.tools) ? body.tools : [];
  return new Set(tools.map((t) => t && t.function && t.function.name).filter(Boolean));
}

/**
 * The first step of the queue that fits the request: a step without `when_tool` fits any
 * request, one with it only a request offering that tool (so calls of different kinds can be
 * scripted side by side).  A step with `times: N` answers N requests before it leaves.
 */
function takeStep(queue, body) {
  const q = state.queues[queue];
  if (!q) return null;
  const offered = offeredTools(body);
  const i = q.findIndex((st) => st.when_tool === undefined || offered.has(st.when_tool));
  if (i < 0) return null;
  const step = q[i];
  if (step.times !== undefined && step.times > 1) {
    q[i] = { ...step, times: step.times - 1 };
  } else {
    q.splice(i, 1);
  }
  return step;
}

// ---------------------------------------------------------------------------------------------
// chat completions: request validation

const ROLES = new Set(['developer', 'system', 'user', 'assistant', 'tool', 'function']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Returns null if the body is acceptable, else {message, param, code}. Mirrors the real API. */
function validateChat(b) {
  const bad = (message, param = null, code = null) => ({ message, param, code });
  if (!isObject(b)) return bad('The request body must be a JSON object.');
  if (b.model === undefined || b.model === null) return bad('you must provide a model parameter');
  if (typeof b.model !== 'string' || !b.model) {
    return bad("Invalid type for 'model': expected a non-empty string.", 'model', 'invalid_type');
  }
  if (b.messages === undefined) {
    return bad("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  if (!Array.isArray(b.messages)) {
    return bad("Invalid type for 'messages': expected an array of objects.", 'messages', 'invalid_type');
  }
  if (b.messages.length === 0) {
    return bad("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages', 'empty_array');
  }
  let pending = null;      // tool_call ids of the last assistant message still awaiting tool replies
  const unanswered = (i) => bad(
    "An assistant message with 'tool_calls' must be followed by tool messages responding to each " +
    `'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
    `messages.[${i}].role`, null);
  for (let i = 0; i < b.messages.length; i++) {
    const m = b.messages[i];
    const p = `messages[${i}]`;
    if (!isObject(m)) return bad(`Invalid type for '${p}': expected an object.`, p, 'invalid_type');
    if (typeof m.role !== 'string' || !ROLES.has(m.role)) {
      return bad(`Invalid value for '${p}.role': expected one of 'developer', 'system', 'user', 'assistant', 'tool'.`,
        `${p}.role`, 'invalid_value');
    }
    if (pending && pending.size && m.role !== 'tool') return unanswered(i);
    const textual = typeof m.content === 'string' || Array.isArray(m.content);
    switch (m.role) {
      case 'developer': case 'system': case 'user':
        if (!textual) return bad(`Missing required parameter: '${p}.content'.`, `${p}.content`, 'missing_required_parameter');
        pending = null;
        break;
      case 'tool':
        if (!textual) return bad(`Missing required parameter: '${p}.content'.`, `${p}.content`, 'missing_required_parameter');
        if (typeof m.tool_call_id !== 'string') {
          return bad(`Missing required parameter: '${p}.tool_call_id'.`, `${p}.tool_call_id`, 'missing_required_parameter');
        }
        if (!pending || !pending.has(m.tool_call_id)) {
          return bad("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
            `${p}.role`, null);
        }
        pending.delete(m.tool_call_id);
        break;
      case 'assistant': {
        const hasCalls = Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
        if (!hasCalls && !textual) {
          return bad(`Missing required parameter: '${p}.content'.`, `${p}.content`, 'missing_required_parameter');
        }
        if (m.tool_calls !== undefined && !Array.isArray(m.tool_calls)) {
          return bad(`Invalid type for '${p}.tool_calls': expected an array.`, `${p}.tool_calls`, 'invalid_type');
        }
        pending = null;
        if (hasCalls) {
          pending = new Set();
          for (let j = 0; j < m.tool_calls.length; j++) {
            const t = m.tool_calls[j];
            const q = `${p}.tool_calls[${j}]`;
            if (!isObject(t) || typeof t.id !== 'string' || !isObject(t.function) ||
                typeof t.function.name !== 'string' || typeof t.function.arguments !== 'string') {
              return bad(`Invalid '${q}': expected {id, type:"function", function:{name, arguments (string)}}.`, q, 'invalid_value');
            }
            pending.add(t.id);
          }
        }
        break;
      }
      default:  // deprecated 'function' role: accepted as is
        pending = null;
    }
  }
  if (pending && pending.size) return unanswered(b.messages.length - 1);
  if (b.tools !== undefined) {
    if (!Array.isArray(b.tools)) return bad("Invalid type for 'tools': expected an array.", 'tools', 'invalid_type');
    for (let i = 0; i < b.tools.length; i++) {
      const t = b.tools[i];
      if (!isObject(t) || t.type !== 'function' || !isObject(t.function)) {
        return bad(`Invalid 'tools[${i}]': expected {"type":"function","function":{...}}.`, `tools[${i}]`, 'invalid_value');
      }
      if (typeof t.function.name !== 'string' || !TOOL_NAME.test(t.function.name)) {
        return bad(`Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' (max 64).`,
          `tools[${i}].function.name`, 'invalid_value');
      }
    }
  }
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean') {
    return bad("Invalid type for 'stream': expected a boolean.", 'stream', 'invalid_type');
  }
  if (b.stream_options !== undefined && b.stream_options !== null) {
    if (b.stream !== true) {
      return bad("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', null);
    }
    if (!isObject(b.stream_options)) {
      return bad("Invalid type for 'stream_options': expected an object.", 'stream_options', 'invalid_type');
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// chat completions: building replies

/** Text of a message's content: a string, or the concatenated text parts of an array. */
function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : '')).join('');
  }
  return '';
}

function lastUserText(messages) {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') return contentText(messages[i].content);
  }
  return '';
}

/** prompt_tokens = ceil(chars / 4) + 3 per message + 3 (chars = code points of all contents and tool calls). */
function estimatePromptTokens(messages) {
  let chars = 0;
  for (const m of messages) {
    chars += codePoints(contentText(m.content)).length;
    if (Array.isArray(m.tool_calls)) {
      for (const t of m.tool_calls) {
        chars += codePoints(t?.function?.name).length + codePoints(t?.function?.arguments).length;
      }
    }
  }
  return Math.ceil(chars / 4) + 3 * messages.length + 3;
}

/** completion_tokens = ceil((chars of reply + tool names + tool arguments) / 4). */
function estimateCompletionTokens(content, toolCalls) {
  let chars = codePoints(content ?? '').length;
  for (const t of toolCalls) chars += codePoints(t.name).length + codePoints(t.arguments).length;
  return Math.ceil(chars / 4);
}

function makeUsage(prompt, completion, override) {
  const u = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: 0,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0,
    },
  };
  if (override) Object.assign(u, override);
  if (!override || override.total_tokens === undefined) u.total_tokens = u.prompt_tokens + u.completion_tokens;
  return u;
}

/** Decide what the assistant "says" for this request. */
function planReply(ctx, body, step) {
  const toolCalls = (step.tool_calls ?? []).map((t, i) => ({
    id: t.id ?? `call_fake${ctx.seq}_${i}`,
    name: t.name,
    arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments ?? {}),
  }));
  let content;
  if (step.reply !== undefined) content = step.reply;
  else if (toolCalls.length) content = null;
  else content = 'Echo: ' + codePoints(lastUserText(body.messages)).slice(0, ECHO_CHARS).join('');
  const finish = step.finish_reason ?? (toolCalls.length ? 'tool_calls' : 'stop');
  const usage = makeUsage(estimatePromptTokens(body.messages),
    estimateCompletionTokens(content, toolCalls), step.usage);
  return {
    id: `chatcmpl-fake${ctx.seq}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    content, toolCalls, finish, usage,
  };
}

function completionObject(plan) {
  const message = { role: 'assistant', content: plan.content, refusal: null, annotations: [] };
  if (plan.toolCalls.length) {
    message.tool_calls = plan.toolCalls.map((t) => ({
      id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments },
    }));
  }
  return {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finish }],
    usage: plan.usage,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  };
}

/** Split reply text into word-sized pieces ("Echo:", " hello", " world") that concatenate back. */
function splitContent(text) {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function splitArguments(args) {
  const cp = codePoints(args);
  const out = [];
  for (let i = 0; i < cp.length; i += ARG_PIECE) out.push(cp.slice(i, i + ARG_PIECE).join(''));
  return out;
}

/** Deterministic stand-in for the random `obfuscation` padding string of real stream chunks. */
function obfuscation(seq, n) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = (seq * 7919 + n * 104729) >>> 0;
  const len = 1 + (x % 12);
  let s = '';
  for (let i = 0; i < len; i++) { x = (x * 1103515245 + 12345) >>> 0; s += abc[x % abc.length]; }
  return s;
}

/**
 * Build the chunk objects of a streamed answer, in order:
 *   body   — role/content/tool-call delta chunks
 *   finish — the chunk with `delta: {}` and finish_reason
 *   usage  — the `choices: []` usage chunk, or null when include_usage is not true
 */
function streamChunks(ctx, plan, body) {
  const so = isObject(body.stream_options) ? body.stream_options : {};
  const withUsage = so.include_usage === true;
  const withObf = so.include_obfuscation !== false;
  let n = 0;
  const head = () => ({ id: plan.id, object: 'chat.completion.chunk', created: plan.created, model: plan.model });
  const choice = (delta, finish = null) => {
    const c = { ...head(), system_fingerprint: FINGERPRINT,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
    if (withUsage) c.usage = null;
    if (withObf) c.obfuscation = obfuscation(ctx.seq, n);
    n++;
    return c;
  };
  const chunks = [];
  const toolHeader = (t, i) => ({ index: i, id: t.id, type: 'function', function: { name: t.name, arguments: '' } });
  let first = true;
  if (plan.content !== null) {
    chunks.push(choice({ role: 'assistant', content: '' }));
    first = false;
    for (const piece of splitContent(plan.content)) chunks.push(choice({ content: piece }));
  }
  plan.toolCalls.forEach((t, i) => {
    if (first) {
      chunks.push(choice({ role: 'assistant', content: null, tool_calls: [toolHeader(t, i)] }));
      first = false;
    } else {
      chunks.push(choice({ tool_calls: [toolHeader(t, i)] }));
    }
    for (const piece of splitArguments(t.arguments)) {
      chunks.push(choice({ tool_calls: [{ index: i, function: { arguments: piece } }] }));
    }
  });
  if (first) chunks.push(choice({ role: 'assistant', content: null }));
  const finish = choice({}, plan.finish);
  let usage = null;
  if (withUsage) {
    usage = { ...head(), choices: [], usage: plan.usage };
    if (withObf) usage.obfuscation = obfuscation(ctx.seq, n);
  }
  return { body: chunks, finish, usage };
}

// ---------------------------------------------------------------------------------------------
// chat completions: faults

const DEFAULT_ERRORS = {
  429: ['Rate limit reached for requests. Please try again later.', 'rate_limit_error', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request. Sorry about that!', 'server_error', null],
  503: ['The server is overloaded or not ready yet.', 'server_error', null],
};

function statusFault(ctx, step, status) {
  const [message, type, code] = DEFAULT_ERRORS[status] ??
    (status >= 500 ? ['The server had an error processing your request.', 'server_error', null]
                   : [`Fake error ${status}.`, 'invalid_request_error', null]);
  const err = { message, type, param: null, code, ...(step.error ?? {}) };
  const headers = { ...(step.headers ?? {}) };
  if (step.retry_after !== undefined) headers['Retry-After'] = String(step.retry_after);
  if (step.retry_after_ms !== undefined) headers['retry-after-ms'] = String(step.retry_after_ms);
  sendJson(ctx.res, status, { error: err }, headers);
}

const MIDSTREAM_ERROR = errorBody('The server had an error while processing your request. Sorry about that!',
  'server_error', null, null);

/** Destroy the socket once everything written so far has been flushed. */
async function cutConnection(ctx) {
  ctx.notes.push('cut');
  if (!gone(ctx.res)) await writeAsync(ctx.res, '');
  ctx.res.socket?.destroy();
}

async function answerNonStream(ctx, body, step, plan) {
  const res = ctx.res;
  const headers = step.headers ?? {};
  switch (step.fault) {
    case 'empty': {
      const obj = completionObject(plan);
      obj.choices = [];
      obj.usage = makeUsage(plan.usage.prompt_tokens, 0, step.usage);
      return sendJson(res, 200, obj, headers);
    }
    case 'malformed': {
      const text = JSON.stringify(completionObject(plan));
      const broken = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(broken), ...headers });
      return res.end(broken);
    }
    case 'cut': case 'stall': {
      // Promise a full body (Content-Length) but send only half of it.
      const buf = Buffer.from(JSON.stringify(completionObject(plan)));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': buf.length, ...headers });
      await writeAsync(res, buf.subarray(0, Math.floor(buf.length / 2)));
      if (step.fault === 'cut') return cutConnection(ctx);
      return hold(ctx, 'stall');
    }
    case 'stream_error':   // no stream to break: behave like a plain 500
      return statusFault(ctx, step, 500);
    default:
      return sendJson(res, 200, completionObject(plan), headers);
  }
}

async function answerStream(ctx, body, step, plan) {
  const { body: chunks, finish, usage } = streamChunks(ctx, plan, body);
  const delay = step.chunk_delay_ms ?? 0;
  const fault = step.fault;
  sseStart(ctx.res, step.headers ?? {});
  ctx.notes.push('stream');
  if (fault === 'empty') {                       // 200, no chunks at all, just the terminator
    return (await sseSend(ctx, [sseFrame('[DONE]')], delay)) && ctx.res.end();
  }
  if (fault === 'cut' || fault === 'stall' || fault === 'stream_error' || fault === 'malformed') {
    const part = chunks.slice(0, Math.max(1, Math.ceil(chunks.length / 2)));
    const frames = part.map(sseFrame);
    if (fault === 'malformed') {
      const bad = JSON.stringify(chunks[part.length] ?? finish);
      frames.push(`data: ${bad.slice(0, Math.floor(bad.length / 2))}\n\n`, sseFrame('[DONE]'));
    } else if (fault === 'stream_error') {
      frames.push(sseFrame(MIDSTREAM_ERROR));
    }
    if (!(await sseSend(ctx, frames, delay))) return;
    if (fault === 'cut') return cutConnection(ctx);
    if (fault === 'stall') return hold(ctx, 'stall');
    return ctx.res.end();
  }
  const frames = chunks.map(sseFrame);
  frames.push(sseFrame(finish));
  if (usage) frames.push(sseFrame(usage));
  frames.push(sseFrame('[DONE]'));
  if (await sseSend(ctx, frames, delay)) ctx.res.end();
}

// ---------------------------------------------------------------------------------------------
// audio: transcriptions (multipart in, JSON out) and speech (JSON in, audio bytes out)

/** Which connection a request came on: 1 for the first the server accepted, and so on. */
const connectionIds = new WeakMap();
function connectionOf(req) {
  if (!connectionIds.has(req.socket)) connectionIds.set(req.socket, ++state.connections);
  return connectionIds.get(req.socket);
}

/** A log entry for an audio request, pushed now and completed when the response closes. */
function logAudio(ctx, body) {
  const entry = {
    seq: ctx.seq,
    connection: connectionOf(ctx.req),
    method: ctx.req.method,
    path: ctx.url.pathname,
    headers: pickHeaders(ctx.req.headers, ['authorization', 'content-type', 'accept']),
    body,
    status: null,
    fault: null,
  };
  state.requests.push(entry);
  ctx.res.on('close', () => { entry.status = ctx.res.headersSent ? ctx.res.statusCode : null; });
  return entry;
}

/** Runs a step's fault or delay; true when the caller should answer normally. */
async function audioStep(ctx, entry, queue) {
  const step = takeStep(queue) ?? { fault: null };
  entry.fault = step.fault;
  if (step.fault) ctx.notes.push(`fault=${step.fault}`);
  if (step.fault === 'timeout') { hold(ctx, 'holding'); return null; }
  if (!(await wait(ctx, step.delay_ms)) || !(await passGate(ctx, step))) return null;
  if (isStatusFault(step.fault)) { statusFault(ctx, step, Number(step.fault)); return null; }
  if (step.fault === 'cut') {
    ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
    ctx.res.write('{"text":"');
    await cutConnection(ctx);
    return null;
  }
  return step;
}

/** POST /v1/audio/transcriptions — multipart: file (required), model (required), language, ... */
async function handleTranscriptions(ctx) {
  const parts = parseMultipart(ctx.raw, ctx.req.headers['content-type']);
  const field = (n) => parts?.find((p) => p.name === n && p.filename === null)?.data.toString('utf8');
  const file = parts?.find((p) => p.name === 'file' && p.filename !== null);
  const entry = logAudio(ctx, parts === null ? null : {
    model: field('model') ?? null,
    language: field('language') ?? null,
    response_format: field('response_format') ?? null,
    file: file ? { filename: file.filename, content_type: file.contentType, bytes: file.data.length } : null,
  });
  if (!checkAuth(ctx)) return;
  if (parts === null) return sendError(ctx.res, 400, 'Could not parse multipart form', 'invalid_request_error');
  if (!field('model')) return sendError(ctx.res, 400, "you must provide a model parameter", 'invalid_request_error', 'model');
  if (!file) return sendError(ctx.res, 400, "'file' is a required property", 'invalid_request_error', 'file');
  const ext = (/\.([a-z0-9]+)$/i.exec(file.filename)?.[1] ?? '').toLowerCase();
  if (!TRANSCRIBE_EXTENSIONS.includes(ext)) {
    return sendError(ctx.res, 400, `Invalid file format. Supported formats: ${JSON.stringify(TRANSCRIBE_EXTENSIONS)}`,
      'invalid_request_error', 'file', 'invalid_value');
  }
  const step = await audioStep(ctx, entry, 'transcriptions');
  if (!step) return;
  const text = step.text ?? `This is the fake transcript of ${file.data.length} bytes of audio.`;
  const usage = step.usage ?? { type: 'duration', seconds: Math.max(1, Math.round(file.data.length / 16000)) };
  const body = { text, usage };
  if (step.fault === 'malformed') {
    const s = JSON.stringify(body);
    ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
    return ctx.res.end(s.slice(0, Math.floor(s.length / 2)));
  }
  if (step.fault === 'empty') return sendJson(ctx.res, 200, {});
  sendJson(ctx.res, 200, body, step.headers ?? {});
}

/** POST /v1/audio/speech — JSON: model, input, voice (all required), response_format. */
async function handleSpeech(ctx) {
  const parsed = parseJson(ctx.raw);
  const entry = logAudio(ctx, parsed.ok ? parsed.value : null);
  if (!checkAuth(ctx)) return;
  const b = parsed.ok && isObject(parsed.value) ? parsed.value : null;
  if (!b) return sendError(ctx.res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
  for (const k of ['model', 'input', 'voice']) {
    if (typeof b[k] !== 'string' || !b[k]) {
      return sendError(ctx.res, 400, `Missing required parameter: '${k}'.`, 'invalid_request_error', k, 'missing_required_parameter');
    }
  }
  if ([...b.input].length > 4096) {
    return sendError(ctx.res, 400, 'input is longer than 4096 characters', 'invalid_request_error', 'input', 'string_above_max_length');
  }
  if (!VOICES.includes(b.voice)) return sendError(ctx.res, 400, `Invalid voice '${b.voice}'.`, 'invalid_request_error', 'voice');
  const step = await audioStep(ctx, entry, 'speech');
  if (!step) return;
  const fmt = b.response_format ?? 'mp3';
  const audio = fmt === 'mp3' ? silentMp3(8) : toneWav(300);
  if (step.fault === 'empty') {
    ctx.res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': 0 });
    return ctx.res.end();
  }
  ctx.res.writeHead(200, { 'Content-Type': fmt === 'mp3' ? 'audio/mpeg' : 'audio/wav', ...(step.headers ?? {}) });
  ctx.res.end(audio);
}

// ---------------------------------------------------------------------------------------------
// endpoint handlers (one per route)

/** POST /v1/chat/completions */
async function handleChatCompletions(ctx) {
  const { req, res } = ctx;
  const parsed = parseJson(ctx.raw);
  const entry = {
    seq: ctx.seq,
    connection: connectionOf(req),
    method: req.method,
    path: ctx.url.pathname,
    headers: pickHeaders(req.headers, ['authorization', 'content-type', 'accept']),
    body: parsed.ok ? parsed.value : null,
    status: null,
    fault: null,
  };
  if (!parsed.ok) entry.raw = ctx.raw.toString('utf8').slice(0, 65536);
  state.requests.push(entry);
  res.on('close', () => { entry.status = res.headersSent ? res.statusCode : null; });

  if (!checkAuth(ctx)) return;
  if (!parsed.ok) {
    return sendError(res, 400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your " +
      'HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)',
      'invalid_request_error', null, null);
  }
  const invalid = validateChat(parsed.value);
  if (invalid) {
    ctx.notes.push('invalid');
    return sendError(res, 400, invalid.message, 'invalid_request_error', invalid.param, invalid.code);
  }
  const body = parsed.value;
  const step = takeStep('chat', body) ?? { fault: null };
  entry.fault = step.fault;
  if (step.fault) ctx.notes.push(`fault=${step.fault}`);
  if (step.fault === 'timeout') return hold(ctx, 'holding');
  if (!(await wait(ctx, step.delay_ms)) || !(await passGate(ctx, step))) return;
  if (isStatusFault(step.fault)) return statusFault(ctx, step, Number(step.fault));
  const plan = planReply(ctx, body, step);
  if (body.stream === true) return answerStream(ctx, body, step, plan);
  return answerNonStream(ctx, body, step, plan);
}

/** GET /v1/models */
function handleModels(ctx) {
  if (!checkAuth(ctx)) return;
  sendJson(ctx.res, 200, {
    object: 'list',
    data: MODELS.map((id) => ({ id, object: 'model', created: MODELS_CREATED, owned_by: 'system' })),
  });
}

/** POST /_fake/script[?queue=chat] — body: JSON array of steps, appended to the queue. */
function handleScript(ctx) {
  const queue = ctx.url.searchParams.get('queue') ?? 'chat';
  if (!state.queues[queue]) return sendError(ctx.res, 400, `unknown queue "${queue}"`);
  const parsed = parseJson(ctx.raw);
  if (!parsed.ok) return sendError(ctx.res, 400, `script is not valid JSON: ${parsed.error}`);
  const steps = Array.isArray(parsed.value) ? parsed.value : null;
  if (!steps) return sendError(ctx.res, 400, 'script must be a JSON array of steps');
  let normalised;
  try {
    normalised = steps.map(normaliseStep);
  } catch (e) {
    return sendError(ctx.res, 400, e.message);
  }
  state.queues[queue].push(...normalised);
  sendJson(ctx.res, 200, { queued: state.queues[queue].length });
}

/** GET /_fake/script — remaining (unconsumed) steps per queue. */
function handleScriptGet(ctx) {
  sendJson(ctx.res, 200, state.queues);
}

/** POST /_fake/reset — empty every queue and the request log; drop hanging responses. */
function handleReset(ctx) {
  for (const q of Object.keys(state.queues)) state.queues[q] = [];
  state.requests = [];
  for (const r of state.held) r.socket?.destroy();
  state.held.clear();
  openGate(false);	// what waited at it answers; the next gated step waits again
  sendJson(ctx.res, 200, { reset: true });
}

/** POST /_fake/gate — open the gate: answer what waits at it, and every gated step until a reset. */
function handleGate(ctx) {
  sendJson(ctx.res, 200, { released: openGate(true) });
}

/** GET /_fake/gate — how many answers wait at the gate now. */
function handleGateGet(ctx) {
  sendJson(ctx.res, 200, { waiting: state.gated.size, open: state.gateOpen });
}

/** GET /_fake/requests — every chat request received, in order. */
function handleRequests(ctx) {
  sendJson(ctx.res, 200, state.requests);
}

/** POST /_fake/realtime — run realtime actions on every open session (see realtime.mjs). */
function handleRealtimeScript(ctx) {
  let out;
  try {
    out = realtimeScript(JSON.parse(ctx.raw.toString('utf8')));
  } catch (e) {
    return sendError(ctx.res, 400, `bad realtime script: ${e.message}`);
  }
  sendJson(ctx.res, 200, out);
}

/** GET /_fake/realtime — open sessions, client events received, audio appends counted. */
function handleRealtimeGet(ctx) {
  sendJson(ctx.res, 200, { sessions: rt.sessions.size, appends: rt.appends, audio_bytes: rt.audioBytes,
    audio_peak: rt.audioPeak, events: rt.events });
}

function handleRealtimeReset(ctx) {
  rt.events = [];
  rt.appends = 0;
  rt.audioBytes = 0;
  rt.audioPeak = 0;
  sendJson(ctx.res, 200, { reset: true });
}

/**
 * POST /_fake/realtime/refuse {"n":N}: the next N realtime handshakes are refused (401);
 * {"hold_ms":N}: the next one is answered N ms late (a slow provider).
 */
function handleRealtimeRefuse(ctx) {
  let n;
  try {
    n = JSON.parse(ctx.raw.toString('utf8')).n;
  } catch (e) {
    return sendError(ctx.res, 400, `bad refuse body: ${e.message}`);
  }
  rt.refuse = Number.isInteger(n) && n > 0 ? n : 0;
  const hold = JSON.parse(ctx.raw.toString('utf8')).hold_ms;
  rt.holdMs = Number.isInteger(hold) && hold > 0 ? hold : 0;
  sendJson(ctx.res, 200, { refuse: rt.refuse, hold_ms: rt.holdMs });
}

/** GET /_fake/health */
function handleHealth(ctx) {
  sendText(ctx.res, 200, 'ok');
}

/**
 * POST /_fake/tls {"cert": PEM file, "key": PEM file} — under --tls-cert, present another
 * certificate from the next connection on (idle keep-alive connections are closed, so a
 * client's next request makes a new handshake).  Answered before the switch.
 */
function handleTls(ctx) {
  const parsed = parseJson(ctx.raw);
  if (!tlsServer) return sendError(ctx.res, 400, 'not started with --tls-cert');
  if (!parsed.ok || typeof parsed.value?.cert !== 'string' || typeof parsed.value?.key !== 'string')
    return sendError(ctx.res, 400, 'body must be {"cert": file, "key": file}');
  let secure;
  try {
    secure = { cert: fs.readFileSync(parsed.value.cert), key: fs.readFileSync(parsed.value.key) };
  } catch (e) {
    return sendError(ctx.res, 400, e.message);
  }
  ctx.res.on('finish', () => {
    tlsServer.setSecureContext(secure);
    tlsServer.closeIdleConnections();
  });
  ctx.res.setHeader('Connection', 'close');
  sendJson(ctx.res, 200, { ok: true });
}

function pickHeaders(headers, names) {
  const out = {};
  for (const n of names) if (headers[n] !== undefined) out[n] = headers[n];
  return out;
}

// ---------------------------------------------------------------------------------------------
// route tables

const ROUTES = [
  { method: 'POST', path: '/v1/chat/completions', handler: handleChatCompletions },
  { method: 'GET', path: '/v1/models', handler: handleModels },
  { method: 'POST', path: '/v1/audio/transcriptions', handler: handleTranscriptions },
  { method: 'POST', path: '/v1/audio/speech', handler: handleSpeech },
  { method: 'POST', path: '/_fake/script', handler: handleScript },
  { method: 'GET', path: '/_fake/script', handler: handleScriptGet },
  { method: 'POST', path: '/_fake/reset', handler: handleReset },
  { method: 'POST', path: '/_fake/gate', handler: handleGate },
  { method: 'GET', path: '/_fake/gate', handler: handleGateGet },
  { method: 'GET', path: '/_fake/requests', handler: handleRequests },
  { method: 'GET', path: '/_fake/health', handler: handleHealth },
  { method: 'POST', path: '/_fake/tls', handler: handleTls },
  { method: 'POST', path: '/_fake/realtime', handler: handleRealtimeScript },
  { method: 'GET', path: '/_fake/realtime', handler: handleRealtimeGet },
  { method: 'POST', path: '/_fake/realtime/reset', handler: handleRealtimeReset },
  { method: 'POST', path: '/_fake/realtime/refuse', handler: handleRealtimeRefuse },
];

// WebSocket upgrades: { path, handler(req, socket, head, ctx) }.  Realtime goes here later
// ('/v1/realtime').  Unmatched upgrades are refused with 404.
const UPGRADE_ROUTES = [{ path: '/v1/realtime', handler: realtimeUpgrade }];

function findRoute(method, pathname) {
  return ROUTES.find((r) => r.method === method && r.path === pathname) ?? null;
}

// ---------------------------------------------------------------------------------------------
// server plumbing

function logLine(ctx, t0) {
  if (state.quiet) return;
  const { req, res } = ctx;
  const status = res.headersSent ? res.statusCode : '---';
  const notes = [...ctx.notes];
  if (!res.writableFinished && !notes.includes('cut')) notes.push('closed-early');
  process.stderr.write(`fakeai #${ctx.seq} ${req.method} ${ctx.url.pathname} -> ${status}` +
    `${notes.length ? ' ' + notes.join(' ') : ''} ${Date.now() - t0}ms\n`);
}

async function onRequest(req, res) {
  const t0 = Date.now();
  const ctx = {
    req, res, seq: ++state.seq, notes: [], raw: null, abort: new AbortController(),
    url: new URL(req.url ?? '/', `http://${HOST}`),
  };
  res.setHeader('x-request-id', `req_fake${ctx.seq}`);
  res.on('close', () => { ctx.abort.abort(); logLine(ctx, t0); });
  try {
    ctx.raw = await readBody(req, MAX_BODY);
    if (ctx.raw === null) {
      return sendError(res, 413, `Request body larger than ${MAX_BODY} bytes.`, 'invalid_request_error');
    }
    const route = findRoute(req.method, ctx.url.pathname);
    if (!route) {
      return sendError(res, 404, `Invalid URL (${req.method} ${ctx.url.pathname})`, 'invalid_request_error');
    }
    await route.handler(ctx);
  } catch (e) {
    ctx.notes.push(`exception=${JSON.stringify(String(e?.message ?? e))}`);
    if (!res.headersSent) sendError(res, 500, `fakeai internal error: ${e?.message ?? e}`, 'server_error');
    else res.destroy();
  }
}

function onUpgrade(req, socket, head) {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const route = UPGRADE_ROUTES.find((r) => r.path === url.pathname);
  if (route) return route.handler(req, socket, head, { url, seq: ++state.seq });
  if (!state.quiet) process.stderr.write(`fakeai #${++state.seq} UPGRADE ${url.pathname} -> 404\n`);
  socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}

function writeFileAtomic(file, text) {
  const tmp = `${file}.tmp${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function main() {
  const opt = parseArgs(process.argv.slice(2));
  state.key = opt.key;
  state.quiet = opt.quiet;
  rt.key = opt.key;
  rt.quiet = opt.quiet;
  rt.echoAll = opt.echo === true;
  if (opt.script) {
    let steps;
    try {
      steps = JSON.parse(fs.readFileSync(opt.script, 'utf8'));
      if (!Array.isArray(steps)) throw new Error('script must be a JSON array of steps');
      state.queues.chat.push(...steps.map(normaliseStep));
    } catch (e) {
      die(`--script ${opt.script}: ${e.message}`);
    }
  }

  // --tls-cert/--tls-key: HTTPS and WSS on the one port, as a real provider is reached.
  if (Boolean(opt.tlsCert) !== Boolean(opt.tlsKey)) die('--tls-cert and --tls-key go together');
  const server = opt.tlsCert
    ? (tlsServer = https.createServer({ cert: fs.readFileSync(opt.tlsCert),
      key: fs.readFileSync(opt.tlsKey) }, onRequest))
    : http.createServer(onRequest);
  server.requestTimeout = 0;          // a slow client is the client's business
  server.keepAliveTimeout = 30000;
  server.on('upgrade', onUpgrade);
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  server.on('error', (e) => die(`listen on ${HOST}:${opt.port}: ${e.message}`));

  // --socket PATH: also listen on a unix socket (nginx reaches the echo server there in the benchmark).
  if (opt.socket) {
    try { fs.unlinkSync(opt.socket); } catch { /* absent */ }
    server.listen(opt.socket);
    const tcp = http.createServer(onRequest);
    tcp.on('upgrade', onUpgrade);
    tcp.listen(opt.port, HOST, () => {
      if (opt.pidfile) writeFileAtomic(opt.pidfile, `${process.pid}\n`);
      if (opt.portfile) writeFileAtomic(opt.portfile, `${tcp.address().port}\n`);
    });
    return installShutdown(opt);
  }
  server.listen(opt.port, HOST, () => {
    const { port } = server.address();
    if (opt.pidfile) writeFileAtomic(opt.pidfile, `${process.pid}\n`);
    if (opt.portfile) writeFileAtomic(opt.portfile, `${port}\n`);   // written last: readiness signal
    if (!state.quiet) {
      process.stderr.write(`fakeai listening on ${tlsServer ? 'https' : 'http'}://${HOST}:${port}` +
        ` pid ${process.pid}\n`);
    }
  });

  installShutdown(opt);
}

function installShutdown(opt) {
  const shutdown = (sig) => {
    if (opt.pidfile) {
      try {
        if (fs.readFileSync(opt.pidfile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(opt.pidfile);
      } catch { /* already gone */ }
    }
    if (!state.quiet) process.stderr.write(`fakeai: ${sig}, exiting\n`);
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();

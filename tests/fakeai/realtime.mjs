// tests/fakeai/realtime.mjs — the fake realtime API (PROTOCOLS.md section 3) over a minimal
// RFC 6455 server written with node: built-ins only (like the rest of the fake).
//
//   GET /v1/realtime?model=M  (WebSocket)   one scripted session per connection
//   POST /_fake/realtime      body: JSON array of actions, run at once on every open session
//   GET  /_fake/realtime      {"sessions":N,"appends":N,"audio_bytes":N,"audio_peak":N,
//                             "events":[client events, audio appends counted]}
//   POST /_fake/realtime/reset
//   POST /_fake/realtime/refuse  body: {"n":N}  the next N handshakes get 401 (a key refused)
//                                body: {"hold_ms":N}  the next handshake is answered N ms late
//
// Actions: {"do":"speak","ms":N,"text":T}  audio deltas (N ms, sent at once: faster than real
//            time, like the real API), transcript delta/done, response.done with usage;
//            "item":ID reuses an item id (more of a reply already begun)
//          {"do":"call","name":F,"arguments":{...}}  response.function_call_arguments.done
//          {"do":"transcribe","text":T}  conversation.item.input_audio_transcription.completed
//          {"do":"committed"}  input_audio_buffer.committed (its transcription comes later, if at all)
//          {"do":"speech_started"}  {"do":"drop"}  {"do":"garbage"}  {"do":"unknown"}
//          {"do":"error","code":C,"message":M}  an error event (type "error_type", else invalid_request_error)
//          {"do":"echo","on":bool}  echo mode: every append comes back as an audio delta
// Echo mode is also on for connections with ?echo=1 (the relay benchmark).

import crypto from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_FRAME = 16 * 1024 * 1024;

export const rt = { sessions: new Set(), events: [], appends: 0, audioBytes: 0, audioPeak: 0, quiet: true, key: null, seq: 0,
  refuse: 0, holdMs: 0 };

// Bytes of PCM16 in an append, and (outside echo mode, which the benchmark loads) the
// loudest sample: a test can tell a real microphone from silence and check the rate.
function heard(c, b64) {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  rt.audioBytes += Math.floor(b64.length / 4) * 3 - pad;
  if (c.echo) return;
  const pcm = Buffer.from(b64, 'base64');
  for (let i = 0; i + 1 < pcm.length; i += 2) rt.audioPeak = Math.max(rt.audioPeak, Math.abs(pcm.readInt16LE(i)));
}

function frame(opcode, payload) {
  const len = payload.length;
  let head;
  if (len < 126) head = Buffer.from([0x80 | opcode, len]);
  else if (len < 65536) { head = Buffer.alloc(4); head[0] = 0x80 | opcode; head[1] = 126; head.writeUInt16BE(len, 2); }
  else { head = Buffer.alloc(10); head[0] = 0x80 | opcode; head[1] = 127; head.writeBigUInt64BE(BigInt(len), 2); }
  return Buffer.concat([head, payload]);
}

class Conn {
  constructor(socket, echo) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.frags = [];
    this.echo = echo;
    this.n = 0;
    socket.on('data', (d) => this.onData(d));
    socket.on('close', () => rt.sessions.delete(this));
    socket.on('error', () => socket.destroy());
  }

  send(obj) {
    if (!this.socket.writable) return;
    obj.event_id = obj.event_id ?? `event_${++this.n}`;
    this.socket.write(frame(1, Buffer.from(JSON.stringify(obj))));
  }

  raw(text) { if (this.socket.writable) this.socket.write(frame(1, Buffer.from(text))); }

  onData(d) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0], b1 = this.buf[1];
      let len = b1 & 0x7f, off = 2;
      if (len === 126) { if (this.buf.length < 4) return; len = this.buf.readUInt16BE(2); off = 4; }
      else if (len === 127) { if (this.buf.length < 10) return; len = Number(this.buf.readBigUInt64BE(2)); off = 10; }
      if (len > MAX_FRAME) { this.socket.destroy(); return; }
      const masked = b1 & 0x80;
      if (this.buf.length < off + (masked ? 4 : 0) + len) return;
      let payload = this.buf.subarray(off + (masked ? 4 : 0), off + (masked ? 4 : 0) + len);
      if (masked) {
        const mask = this.buf.subarray(off, off + 4);
        payload = Buffer.from(payload);
        for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      }
      this.buf = this.buf.subarray(off + (masked ? 4 : 0) + len);
      this.onFrame(b0 & 0x0f, (b0 & 0x80) !== 0, payload);
    }
  }

  onFrame(op, fin, payload) {
    if (op === 8) { this.socket.end(frame(8, Buffer.alloc(0))); return; }
    if (op === 9) { this.socket.write(frame(10, payload)); rt.events.push({ type: '_ping' }); return; }
    if (op === 10) return;
    this.frags.push(payload);
    if (!fin) return;
    const msg = Buffer.concat(this.frags).toString('utf8');
    this.frags = [];
    let ev;
    try { ev = JSON.parse(msg); } catch { this.send({ type: 'error', error: { type: 'invalid_request_error', message: 'invalid JSON' } }); return; }
    this.onEvent(ev);
  }

  onEvent(ev) {
    if (ev.type === 'input_audio_buffer.append') {
      rt.appends++;
      if (typeof ev.audio === 'string') heard(this, ev.audio);
      if (this.echo) this.send({ type: 'response.output_audio.delta', response_id: 'resp_echo', item_id: 'item_echo', output_index: 0, content_index: 0, delta: ev.audio });
      return;
    }
    rt.events.push(ev);
    if (ev.type === 'session.update') this.send({ type: 'session.updated', session: ev.session ?? {} });
  }

  run(a) {
    const id = a.item ?? `item_${crypto.randomBytes(4).toString('hex')}`;
    const resp = `resp_${crypto.randomBytes(4).toString('hex')}`;
    switch (a.do) {
      case 'speak': {
        const bytes = Math.floor((a.ms ?? 500) * 48) & ~1;
        for (let off = 0; off < bytes; off += 4800) {
          const pcm = Buffer.alloc(Math.min(4800, bytes - off), 1);
          this.send({ type: 'response.output_audio.delta', response_id: resp, item_id: id, output_index: 0, content_index: 0, delta: pcm.toString('base64') });
        }
        const text = a.text ?? 'Hello.';
        this.send({ type: 'response.output_audio_transcript.delta', response_id: resp, item_id: id, delta: text });
        this.send({ type: 'response.output_audio_transcript.done', response_id: resp, item_id: id, transcript: text });
        this.send({ type: 'response.done', response: { id: resp, status: 'completed', usage: { total_tokens: 150, input_tokens: 100, output_tokens: 50 } } });
        break;
      }
      case 'call':
        this.send({ type: 'response.function_call_arguments.done', response_id: resp, item_id: id, output_index: 0, call_id: `call_${id}`, name: a.name, arguments: typeof a.arguments === 'string' ? a.arguments : JSON.stringify(a.arguments ?? {}) });
        this.send({ type: 'response.done', response: { id: resp, status: 'completed', usage: { total_tokens: 30, input_tokens: 20, output_tokens: 10 } } });
        break;
      case 'transcribe':
        this.send({ type: 'conversation.item.input_audio_transcription.completed', item_id: id, content_index: 0, transcript: a.text ?? '' });
        break;
      case 'committed':
        this.send({ type: 'input_audio_buffer.committed', item_id: id, previous_item_id: null });
        break;
      case 'speech_started':
        this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: 0, item_id: id });
        break;
      case 'error':
        this.send({ type: 'error', error: { type: a.error_type ?? 'invalid_request_error', code: a.code ?? null, message: a.message ?? 'Something went wrong.', param: null, event_id: null } });
        break;
      case 'drop': this.socket.destroy(); break;
      case 'garbage': this.raw('{"type": not json'); break;
      case 'unknown': this.send({ type: 'x.never.heard.of', value: 1 }); break;
      case 'echo': this.echo = a.on !== false; break;
      default: throw new Error(`unknown action ${a.do}`);
    }
  }
}

/** The upgrade handler for /v1/realtime. */
export function realtimeUpgrade(req, socket, head, ctx) {
  const auth = req.headers.authorization ?? '';
  const key = req.headers['sec-websocket-key'];
  const refused = rt.refuse > 0;
  if (refused) rt.refuse--;
  if (refused || !auth.startsWith('Bearer ') || auth.length <= 7 || (rt.key && auth !== `Bearer ${rt.key}`) || !key) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  if (rt.holdMs > 0) {
    const ms = rt.holdMs;
    rt.holdMs = 0;
    setTimeout(() => { if (!socket.destroyed) realtimeUpgrade(req, socket, head, ctx); }, ms);
    return;
  }
  const accept = crypto.createHash('sha1').update(key + GUID).digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.setNoDelay(true);
  const c = new Conn(socket, ctx.url.searchParams.get('echo') === '1' || rt.echoAll === true);
  rt.sessions.add(c);
  if (head?.length) c.onData(head);
  if (!rt.quiet) process.stderr.write(`fakeai #${ctx.seq} UPGRADE ${ctx.url.pathname} -> 101\n`);
  c.send({ type: 'session.created', session: { type: 'realtime', model: ctx.url.searchParams.get('model') ?? '' } });
}

/** POST /_fake/realtime: run actions on every open session. */
export function realtimeScript(actions) {
  if (!Array.isArray(actions)) throw new Error('body must be a JSON array of actions');
  for (const c of rt.sessions) for (const a of actions) c.run(a);
  return { sessions: rt.sessions.size };
}

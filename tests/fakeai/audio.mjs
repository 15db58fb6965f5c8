// audio.mjs — pure helpers for fakeai's audio endpoints: a multipart/form-data reader and
// small valid audio files (a WAV tone, silent MP3 frames). No I/O here; server.mjs answers.

/** Parts of a multipart/form-data body: [{name, filename, contentType, data: Buffer}], or null. */
export function parseMultipart(raw, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!m || !Buffer.isBuffer(raw)) return null;
  const delim = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts = [];
  let pos = raw.indexOf(delim);
  if (pos < 0) return null;
  for (;;) {
    pos += delim.length;
    if (raw.subarray(pos, pos + 2).toString() === '--') return parts;
    if (raw.subarray(pos, pos + 2).toString() !== '\r\n') return null;
    pos += 2;
    const headEnd = raw.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) return null;
    const head = raw.subarray(pos, headEnd).toString('latin1');
    const next = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
    if (next < 0) return null;
    const disp = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    const name = /[; ]name="([^"]*)"/i.exec(disp)?.[1];
    const filename = /filename="([^"]*)"/i.exec(disp)?.[1] ?? null;
    const contentTypeOf = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1] ?? null;
    if (name === undefined) return null;
    parts.push({ name, filename, contentType: contentTypeOf, data: raw.subarray(headEnd + 4, next) });
    pos = next + 2;
  }
}

/** A mono 16-bit PCM WAV: a 440 Hz tone of ms milliseconds at rate Hz. */
export function toneWav(ms = 300, rate = 24000) {
  const n = Math.floor((rate * ms) / 1000);
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVEfmt ', 8, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);          // PCM
  buf.writeUInt16LE(1, 22);          // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) {
    buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  }
  return buf;
}

/**
 * frames MPEG-1 Layer III frames of silence (128 kbit/s, 44.1 kHz, mono): a 4-byte header
 * and all-zero side information and data, which decoders play as 26 ms of silence each.
 */
export function silentMp3(frames = 8) {
  const size = 417;                  // 144 * 128000 / 44100, no padding
  const one = Buffer.alloc(size);
  Buffer.from([0xff, 0xfb, 0x90, 0xc4]).copy(one, 0);
  return Buffer.concat(Array.from({ length: frames }, () => one));
}

/** The formats /v1/audio/transcriptions accepts, by file extension (PROTOCOLS.md 2.1). */
export const TRANSCRIBE_EXTENSIONS = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm'];

/** The voices /v1/audio/speech knows (PROTOCOLS.md 2.2). */
export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage',
  'shimmer', 'verse', 'marin', 'cedar'];

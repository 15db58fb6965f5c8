// gen-mp4-fixtures.mjs: records tests/fixtures/mp4/{audio,video}.mp4 with
// Debian's chromium (fake microphone and camera) through MediaRecorder, as a
// candidate's browser makes them: fragmented MP4 (moov with mvex, then
// moof/mdat pairs, durations 0 in mvhd and mdhd).  Debian's chromium has no
// AAC encoder (isTypeSupported('audio/mp4;codecs=mp4a.40.2') is false), so
// the sound is Opus; Safari's AAC files are built box by box in
// tests/unit/lib_mp4_test.c.  Run from the top: node scripts/gen-mp4-fixtures.mjs
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import fs from 'node:fs';
import http from 'node:http';

const out = new URL('../tests/fixtures/mp4/', import.meta.url);
// getUserMedia wants a secure context: http://localhost is one.
const srv = http.createServer((q, s) => s.end('<!doctype html><title>rec</title>'));
await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
});
const page = await browser.newPage();
await page.goto(`http://localhost:${srv.address().port}/`);
const takes = [
  ['audio.mp4', 'audio/mp4;codecs=opus', false, 1500],
  ['video.mp4', 'video/mp4;codecs=avc1,opus', true, 1200],
];
for (const [name, type, video, ms] of takes) {
  const b64 = await page.evaluate(async ([mime, withVideo, length]) => {
    if (!MediaRecorder.isTypeSupported(mime))
      throw new Error(`${mime}: not supported by this chromium`);
    const st = await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: withVideo ? { width: 160, height: 120 } : false,
    });
    const rec = new MediaRecorder(st, { mimeType: mime });
    const parts = [];
    rec.ondataavailable = (e) => parts.push(e.data);
    const stopped = new Promise((ok) => { rec.onstop = ok; });
    rec.start(250);
    await new Promise((ok) => setTimeout(ok, length));
    rec.stop();
    await stopped;
    st.getTracks().forEach((t) => t.stop());
    const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
    let s = '';
    for (const c of bytes) s += String.fromCharCode(c);
    return btoa(s);
  }, [type, video, ms]);
  fs.writeFileSync(new URL(name, out), Buffer.from(b64, 'base64'));
}
await browser.close();
srv.close();

// gen-webm-fixtures.mjs: records tests/fixtures/webm/{audio,video,silent}.webm
// (silent: a camera with no microphone) with
// Debian's chromium (fake microphone and camera) through MediaRecorder, as a
// candidate's browser makes them: live-stream WebM, Segment and Clusters of
// unknown size, no Duration.  Run from the top: node scripts/gen-webm-fixtures.mjs
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import fs from 'node:fs';
import http from 'node:http';

const out = new URL('../tests/fixtures/webm/', import.meta.url);
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
  ['audio.webm', 'audio/webm;codecs=opus', true, false, 1500],
  ['video.webm', 'video/webm;codecs=vp8,opus', true, true, 1200],
  ['silent.webm', 'video/webm;codecs=vp8', false, true, 1000],
];
for (const [name, type, audio, video, ms] of takes) {
  const b64 = await page.evaluate(async ([mime, withAudio, withVideo, length]) => {
    const st = await navigator.mediaDevices.getUserMedia({ audio: withAudio, video: withVideo });
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
  }, [type, audio, video, ms]);
  fs.writeFileSync(new URL(name, out), Buffer.from(b64, 'base64'));
}
await browser.close();
srv.close();

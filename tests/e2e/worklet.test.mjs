// worklet.test.mjs: static/live-worklet.js without a browser: one second of a 440 Hz tone
// at the rates sound cards use, in the 128-sample blocks an AudioWorklet gets, comes out
// as 24 kHz PCM16 in 20 ms frames (960 bytes), at the same pitch and about the same level;
// stereo is mixed to mono; a tone above 12 kHz, which 24 kHz cannot carry, is filtered out
// instead of folding back into the speech band, and one inside it keeps its level.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { check, expect, done } from './lib.mjs';

const code = readFileSync('static/live-worklet.js', 'utf8');

// Runs the processor on seconds of a tone at rate; returns the frames it posted.
function run(rate, channels = 1, seconds = 1, hz = 440) {
	const frames = [];
	let Proc;
	const sandbox = {
		sampleRate: rate,
		AudioWorkletProcessor: class { constructor() { this.port = { postMessage: b => frames.push(b) }; } },
		registerProcessor: (name, cls) => { expect(name === 'viva-capture', 'the processor name'); Proc = cls; },
	};
	vm.runInNewContext(code, sandbox);
	const p = new Proc();
	const total = rate * seconds;
	for (let off = 0; off < total; off += 128) {
		const block = [];
		for (let c = 0; c < channels; c++) {
			const ch = new Float32Array(Math.min(128, total - off));
			for (let i = 0; i < ch.length; i++)
				ch[i] = (c === 0 ? 0.5 : -0.1) * Math.sin(2 * Math.PI * hz * (off + i) / rate);
			block.push(ch);
		}
		expect(p.process([block]) === true, 'the processor keeps running');
	}
	return frames;
}

// skip: samples left out at the start, where the filter is still filling.
function measure(frames, skip = 1) {
	const s = new Int16Array(frames.length * 480);
	frames.forEach((f, i) => s.set(new Int16Array(f), i * 480));
	let crossings = 0, peak = 0, sq = 0;
	for (let i = skip; i < s.length; i++) {
		sq += s[i] * s[i];
		if ((s[i - 1] < 0) !== (s[i] < 0))
			crossings++;
		peak = Math.max(peak, Math.abs(s[i]));
	}
	return { samples: s.length, hz: crossings / 2 / ((s.length - skip) / 24000), peak,
		rms: Math.sqrt(sq / (s.length - skip)) };
}

for (const rate of [48000, 44100, 16000]) {
	await check(`e2e worklet: a ${rate} Hz microphone becomes 24 kHz PCM16 in 20 ms frames`, async () => {
		const frames = run(rate);
		expect(frames.every(f => f.byteLength === 960), 'every frame 480 samples');
		const m = measure(frames);
		expect(Math.abs(m.samples - 24000) <= 480, `one second of samples, got ${m.samples}`);
		expect(Math.abs(m.hz - 440) < 5, `the same pitch, got ${m.hz.toFixed(1)} Hz`);
		expect(m.peak > 16200 && m.peak <= 16500, `half of full scale, got ${m.peak}`);
	});
}

// 0.5 of full scale in; out, 15 kHz would fold to 9 kHz at 24 kHz (and 14 kHz at 44.1 kHz
// to 10 kHz).  Averaging neighbours, the resampler before, let 56% through at 48 kHz.
for (const [rate, hz] of [[48000, 15000], [44100, 14000], [96000, 13000]]) {
	await check(`e2e worklet: ${hz} Hz from a ${rate} Hz microphone is filtered out, not folded back`, async () => {
		const m = measure(run(rate, 1, 1, hz), 480);
		expect(m.peak < 160, `under 1% of the input (-40 dB), got ${m.peak} of 16383`);
	});
}

await check('e2e worklet: 4 kHz, inside the speech band, keeps its level', async () => {
	const m = measure(run(48000, 1, 1, 4000), 480);
	// By its RMS: at 6 samples a cycle the samples miss the crests.  0.5 / sqrt(2), ±0.2 dB.
	expect(Math.abs(m.rms / 11585 - 1) < 0.023, `the same level, RMS ${m.rms.toFixed(0)} of 11585`);
	expect(Math.abs(m.hz - 4000) < 20, `the same pitch, got ${m.hz.toFixed(1)} Hz`);
});

await check('e2e worklet: stereo is mixed to mono', async () => {
	const m = measure(run(48000, 2));
	// (0.5 - 0.1) / 2 = 0.2 of full scale.
	expect(m.peak > 6000 && m.peak < 6700, `the channels' mean, got ${m.peak}`);
});

done();

/*
 * live-worklet.js: the microphone side of live voice (static/live.js loads
 * it with audioWorklet.addModule).  Runs on the audio thread: mixes the
 * input to mono, resamples it to 24 kHz (the realtime API's only rate) and
 * posts 20 ms frames of PCM16 (480 samples, 960 bytes) to the page, which
 * decides whether to send them.  A worklet, not a ScriptProcessor, so that
 * capture keeps time while the page's thread is busy.
 *
 * The resampler is a windowed-sinc low-pass evaluated at each output
 * sample's place between input samples.  Sound cards run at 44.1 or 48 kHz,
 * and what they hear above 12 kHz (24 kHz's limit) would otherwise fold back
 * into the speech band as hiss the recogniser must ignore.
 */
var RATE = 24000;
var FRAME = 480;	/* 20 ms at 24 kHz */
var PASS = 0.45;	/* cutoff, as a share of the lower of the two rates */
var ZEROS = 16;		/* sinc zero crossings on each side: the filter's length */
var RES = 128;		/* kernel table points per input sample */

/* The kernel at distances 0 .. half-width input samples, every 1/RES. */
function kernel(fc, half) {
	var n = Math.ceil(half * RES) + 2, k = new Float32Array(n), i, d, x, w;

	for (i = 0; i < n; i++) {
		d = i / RES;
		if (d >= half)
			break;
		x = 2 * fc * d;
		/* Blackman window over [-half, half]. */
		w = 0.42 + 0.5 * Math.cos(Math.PI * d / half) +
		    0.08 * Math.cos(2 * Math.PI * d / half);
		k[i] = w * (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
	}
	return k;
}

class VivaCapture extends AudioWorkletProcessor {
	constructor() {
		super();
		var fc = PASS * Math.min(sampleRate, RATE) / sampleRate, size = 1;

		/* Input samples per output sample: 2 at 48 kHz, 1.8375 at 44.1 kHz. */
		this.step = sampleRate / RATE;
		this.half = ZEROS / (2 * fc);
		this.k = kernel(fc, this.half);
		/* Input history, a ring big enough for the filter and a block. */
		while (size < 2 * this.half + 256)
			size *= 2;
		this.ring = new Float32Array(size);
		this.mask = size - 1;
		this.have = 0;		/* input samples received */
		this.at = 0;		/* where the next output sample falls */
		this.frame = new Int16Array(FRAME);
		this.n = 0;
	}

	push(v) {
		var s = v > 1 ? 1 : v < -1 ? -1 : v;

		this.frame[this.n++] = s < 0 ? s * 0x8000 : s * 0x7fff;
		if (this.n === FRAME) {
			this.port.postMessage(this.frame.buffer, [this.frame.buffer]);
			this.frame = new Int16Array(FRAME);
			this.n = 0;
		}
	}

	/* The filtered input at place t; the sum of weights is divided out, so
	 * a constant comes out unchanged wherever t falls between samples. */
	sample(t) {
		var lo = Math.max(0, Math.ceil(t - this.half)), hi = Math.floor(t + this.half);
		var sum = 0, wsum = 0, j, p, i, w;

		for (j = lo; j <= hi; j++) {
			p = Math.abs(t - j) * RES;
			i = p | 0;
			w = this.k[i] + (this.k[i + 1] - this.k[i]) * (p - i);
			sum += w * this.ring[j & this.mask];
			wsum += w;
		}
		return wsum > 0 ? sum / wsum : 0;
	}

	process(inputs) {
		var input = inputs[0], chans = input ? input.length : 0, len, i, c, v;

		if (chans === 0)
			return true;
		len = input[0].length;
		for (i = 0; i < len; i++) {
			for (v = 0, c = 0; c < chans; c++)
				v += input[c][i];
			this.ring[this.have++ & this.mask] = v / chans;
		}
		/* An output sample waits until the input on both its sides is in. */
		while (this.at + this.half < this.have) {
			this.push(this.sample(this.at));
			this.at += this.step;
		}
		return true;
	}
}

registerProcessor('viva-capture', VivaCapture);

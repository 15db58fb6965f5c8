/*
 * live-worklet.js: the microphone side of live voice (static/live.js loads
 * it with audioWorklet.addModule).  Runs on the audio thread: mixes the
 * input to mono, resamples it to 24 kHz (the realtime API's only rate) and
 * posts 20 ms frames of PCM16 (480 samples, 960 bytes) to the page, which
 * decides whether to send them.  A worklet, not a ScriptProcessor, so that
 * capture keeps time while the page's thread is busy.
 */
var RATE = 24000;
var FRAME = 480;	/* 20 ms at 24 kHz */

class VivaCapture extends AudioWorkletProcessor {
	constructor() {
		super();
		/* Input samples per output sample: 2 at 48 kHz, 1.8375 at 44.1 kHz. */
		this.step = sampleRate / RATE;
		this.pos = 0;
		this.acc = 0;
		this.cnt = 0;
		this.last = 0;
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

	process(inputs) {
		var input = inputs[0], chans = input ? input.length : 0, len, i, c, v;

		if (chans === 0)
			return true;
		len = input[0].length;
		for (i = 0; i < len; i++) {
			for (v = 0, c = 0; c < chans; c++)
				v += input[c][i];
			/* Averaging the inputs of each output sample is a crude low-pass: enough for speech. */
			this.acc += v / chans;
			this.cnt++;
			this.pos += 1;
			while (this.pos >= this.step) {
				this.pos -= this.step;
				if (this.cnt > 0)
					this.last = this.acc / this.cnt;
				this.acc = 0;
				this.cnt = 0;
				this.push(this.last);
			}
		}
		return true;
	}
}

registerProcessor('viva-capture', VivaCapture);

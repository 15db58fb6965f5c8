/*
 * live-player.js: the playback queue of live voice (live.js).  The AI's
 * PCM16 replies arrive faster than real time; each chunk is scheduled to
 * start where the last one ends.  The worker needs to know how much of the
 * current reply the candidate has heard (to truncate it on barge-in), so
 * the position is reported every 250 ms while playing and when it drains.
 * A flush drops everything queued: the candidate spoke over the AI.
 *
 * VivaLivePlayer(rate, on) with on.position(ms), on.chunk(ms), on.drained();
 * returns { use(ctx), reply(), queue(buf), flush(), playing() }.
 */
window.VivaLivePlayer = function (rate, on) {
	'use strict';

	var ctx = null, end = 0, sources = [], current = null, ticker = null;

	/* How much of the current reply has been heard, in ms. */
	function playedMs() {
		if (!current || current.start === null)
			return 0;
		return Math.max(0, Math.min(current.ms,
		    (ctx.currentTime - current.start) * 1000));
	}

	function report() {
		if (current && current.start !== null)
			on.position(Math.floor(playedMs()));
	}

	function stopTicker() {
		if (ticker) {
			clearInterval(ticker);
			ticker = null;
		}
	}

	function ended(src) {
		var k = sources.indexOf(src);

		if (k >= 0)
			sources.splice(k, 1);
		if (sources.length === 0) {
			stopTicker();
			report();
			on.drained();
		}
	}

	function queue(buf) {
		var pcm = new Int16Array(buf), n = pcm.length, b, d, i, src, at;

		if (!ctx || n === 0)
			return;
		b = ctx.createBuffer(1, n, rate);
		d = b.getChannelData(0);
		for (i = 0; i < n; i++)
			d[i] = pcm[i] / 0x8000;
		src = ctx.createBufferSource();
		src.buffer = b;
		src.connect(ctx.destination);
		at = Math.max(ctx.currentTime + 0.05, end);
		src.start(at);
		end = at + n / rate;
		sources.push(src);
		src.onended = function () { ended(src); };
		if (!current)
			current = { start: null, ms: 0 };
		if (current.start === null)
			current.start = at;
		current.ms += n * 1000 / rate;
		if (!ticker)
			ticker = setInterval(report, 250);
		on.chunk(n * 1000 / rate);
	}

	function flush() {
		var s = sources, i;

		sources = [];
		for (i = 0; i < s.length; i++) {
			s[i].onended = null;
			try { s[i].stop(); } catch (e) { /* not started yet */ }
		}
		end = 0;
		current = null;
		stopTicker();
	}

	return {
		use: function (c) { ctx = c; },
		/* A new reply begins: the worker counts its positions from 0. */
		reply: function () { current = { start: null, ms: 0 }; },
		queue: queue,
		flush: flush,
		playing: function () { return sources.length > 0; }
	};
};

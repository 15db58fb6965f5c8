/*
 * voice.js: records a spoken answer in the browser for the adaptive
 * interview's voice form (candidate/adaptive.mustache, #voice-form).  The
 * form works without it: a file input with capture, posted as multipart.
 * With a microphone, this adds Record / Stop / Send: Opus through
 * MediaRecorder, in Ogg (Firefox) or WebM (Chrome) where the browser makes
 * either (the server reads both, not MP4), else 16 kHz 16-bit mono WAV
 * built from Web Audio samples.  The
 * recording goes to the same URL with the same fields; on success the page
 * reloads to show the transcript and the next question.
 * Plain ES5, no build step; loaded with defer, so the DOM is ready.
 */
(function () {
	'use strict';

	var box = document.getElementById('voice');
	var form = document.getElementById('voice-form');
	var md = navigator.mediaDevices;
	var AC = window.AudioContext || window.webkitAudioContext;
	/* Compressed Opus, as small as WAV is large: Ogg first, then WebM. */
	var OPUS = [
		{ mime: 'audio/ogg;codecs=opus', type: 'audio/ogg', name: 'answer.ogg' },
		{ mime: 'audio/webm;codecs=opus', type: 'audio/webm', name: 'answer.webm' }
	];
	var WAV_RATE = 16000;

	if (!box || !form || !window.FormData || !window.XMLHttpRequest ||
	    !window.Blob || !md || !md.getUserMedia)
		return;

	var opus = null, i;
	for (i = 0; i < OPUS.length && !opus; i++)
		if (window.MediaRecorder && MediaRecorder.isTypeSupported &&
		    MediaRecorder.isTypeSupported(OPUS[i].mime))
			opus = OPUS[i];
	if (!opus && !AC)
		return;

	var maxSeconds = parseInt(box.getAttribute('data-max-seconds'), 10) || 300;
	var maxBytes = parseInt(box.getAttribute('data-max-bytes'), 10) || 0;
	var rec = null;		/* the recording in progress */
	var take = null;	/* {blob, name} once stopped */
	var ui = {};

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text)
			e.appendChild(document.createTextNode(text));
		return e;
	}

	function say(text, bad) {
		ui.status.className = bad ? 'flash flash-error' : 'muted';
		ui.status.textContent = text;
	}

	function clock(s) {
		var m = Math.floor(s / 60), r = s % 60;
		return m + ':' + (r < 10 ? '0' : '') + r;
	}

	/* --- WAV through Web Audio, for browsers without Opus recording ---- */

	function wavBlob(chunks, rate) {
		var n = 0, i, j, k, step = rate / WAV_RATE, out, view, pos, s, acc, cnt;
		for (i = 0; i < chunks.length; i++)
			n += chunks[i].length;
		var all = new Float32Array(n);
		for (i = 0, pos = 0; i < chunks.length; pos += chunks[i].length, i++)
			all.set(chunks[i], pos);
		var len = Math.floor(n / step);
		out = new ArrayBuffer(44 + len * 2);
		view = new DataView(out);
		function str(at, t) {
			for (k = 0; k < t.length; k++)
				view.setUint8(at + k, t.charCodeAt(k));
		}
		str(0, 'RIFF');
		view.setUint32(4, 36 + len * 2, true);
		str(8, 'WAVEfmt ');
		view.setUint32(16, 16, true);
		view.setUint16(20, 1, true);
		view.setUint16(22, 1, true);
		view.setUint32(24, WAV_RATE, true);
		view.setUint32(28, WAV_RATE * 2, true);
		view.setUint16(32, 2, true);
		view.setUint16(34, 16, true);
		str(36, 'data');
		view.setUint32(40, len * 2, true);
		/* Averaging each step's samples is a crude low-pass: enough for speech. */
		for (i = 0; i < len; i++) {
			acc = 0;
			cnt = 0;
			for (j = Math.floor(i * step); j < Math.floor((i + 1) * step) && j < n; j++) {
				acc += all[j];
				cnt++;
			}
			s = Math.max(-1, Math.min(1, cnt ? acc / cnt : 0));
			view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
		}
		return new Blob([out], { type: 'audio/wav' });
	}

	function startWav(stream) {
		var ctx = new AC(), src = ctx.createMediaStreamSource(stream);
		var proc = ctx.createScriptProcessor(4096, 1, 1), chunks = [];
		proc.onaudioprocess = function (e) {
			chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
		};
		src.connect(proc);
		proc.connect(ctx.destination);
		return function stop(done) {
			src.disconnect();
			proc.disconnect();
			var rate = ctx.sampleRate;
			if (ctx.close)
				ctx.close();
			done(wavBlob(chunks, rate), 'answer.wav');
		};
	}

	function startOpus(stream) {
		var mr = new MediaRecorder(stream, { mimeType: opus.mime }), chunks = [];
		mr.ondataavailable = function (e) {
			if (e.data && e.data.size)
				chunks.push(e.data);
		};
		mr.start(1000);
		return function stop(done) {
			mr.onstop = function () {
				done(new Blob(chunks, { type: opus.type }), opus.name);
			};
			mr.stop();
		};
	}

	/* --- the controls -------------------------------------------------- */

	function stopTracks(stream) {
		var t = stream.getTracks(), i;
		for (i = 0; i < t.length; i++)
			t[i].stop();
	}

	function finish() {
		if (!rec)
			return;
		var r = rec;
		rec = null;
		clearInterval(r.timer);
		r.stop(function (blob, name) {
			stopTracks(r.stream);
			take = { blob: blob, name: name };
			ui.preview.src = URL.createObjectURL(blob);
			ui.preview.hidden = false;
			ui.record.disabled = false;
			ui.record.textContent = 'Record again';
			ui.stop.disabled = true;
			ui.send.disabled = false;
			if (maxBytes && blob.size > maxBytes)
				say('This recording is too large to send; record a shorter answer.', true);
			else
				say('Listen to it if you like, then send it.');
		});
	}

	function record() {
		take = null;
		ui.send.disabled = true;
		ui.preview.hidden = true;
		say('Asking for the microphone…');
		md.getUserMedia({ audio: true }).then(function (stream) {
			var started = Date.now();
			rec = { stream: stream, stop: opus ? startOpus(stream) : startWav(stream) };
			ui.record.disabled = true;
			ui.stop.disabled = false;
			say('Recording 0:00 — press Stop when you have finished.');
			rec.timer = setInterval(function () {
				var s = Math.floor((Date.now() - started) / 1000);
				say('Recording ' + clock(s) + ' — press Stop when you have finished.');
				if (s >= maxSeconds)
					finish();
			}, 500);
		}, function (err) {
			var denied = err && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
			say(denied ? 'The browser did not allow the microphone. Allow it, or choose a recording below, or type your answer.' :
			    'No microphone could be used. Choose a recording below, or type your answer.', true);
		});
	}

	function errorFrom(html) {
		var doc, e;
		try {
			doc = new DOMParser().parseFromString(html, 'text/html');
			e = doc.getElementById('answer-error') || doc.querySelector('.card p');
			return e ? e.textContent : '';
		} catch (x) {
			return '';
		}
	}

	function send() {
		var fd = new FormData(), xhr = new XMLHttpRequest();
		if (!take)
			return;
		fd.append('csrf', form.elements.csrf.value);
		/* The form's id: sent twice, it is transcribed once. */
		if (form.elements.form_id)
			fd.append('form_id', form.elements.form_id.value);
		fd.append('n', form.elements.n.value);
		fd.append('audio', take.blob, take.name);
		ui.send.disabled = true;
		ui.record.disabled = true;
		say('Sending and transcribing your answer…');
		xhr.open('POST', form.action);
		xhr.onload = function () {
			if (xhr.status >= 200 && xhr.status < 300) {
				window.location.href = '/c';
				return;
			}
			ui.record.disabled = false;
			ui.send.disabled = false;
			say(errorFrom(xhr.responseText) || 'The recording was not accepted (' + xhr.status + ').', true);
		};
		xhr.onerror = function () {
			ui.record.disabled = false;
			ui.send.disabled = false;
			say('The recording could not be sent. Check your connection and try again.', true);
		};
		xhr.send(fd);
	}

	ui.wrap = el('div', 'voice-recorder');
	ui.record = el('button', 'btn btn-secondary', 'Record an answer');
	ui.stop = el('button', 'btn btn-secondary', 'Stop');
	ui.send = el('button', 'btn btn-primary', 'Send the recording');
	ui.preview = el('audio');
	ui.status = el('p', 'muted');
	ui.status.setAttribute('role', 'status');
	ui.record.type = ui.stop.type = ui.send.type = 'button';
	ui.stop.disabled = ui.send.disabled = true;
	ui.preview.controls = true;
	ui.preview.hidden = true;
	ui.record.onclick = record;
	ui.stop.onclick = finish;
	ui.send.onclick = send;
	ui.wrap.appendChild(ui.record);
	ui.wrap.appendChild(document.createTextNode(' '));
	ui.wrap.appendChild(ui.stop);
	ui.wrap.appendChild(document.createTextNode(' '));
	ui.wrap.appendChild(ui.send);
	ui.wrap.appendChild(ui.preview);
	ui.wrap.appendChild(ui.status);
	form.parentNode.insertBefore(ui.wrap, form);
	/* Beside the recorder's own Send, the form below sends a chosen file. */
	form.querySelector('button[type=submit]').textContent = 'Send the chosen file';
	say('Press Record and speak your answer (at most ' + clock(maxSeconds) + '), or choose a recording below.');
})();

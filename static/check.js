/*
 * check.js: the candidate's microphone, speaker and camera check.  Each
 * check says in words what worked and, when something failed, what to do
 * about it; the outcome goes into a form, which the candidate saves (it
 * lands on the interview's timeline).  The buttons and the form are made
 * here: written in the page, hidden, text browsers (w3m, lynx: no
 * stylesheet, no hidden attribute) would show them, and they do nothing
 * there.  Live voice needs getUserMedia and AudioWorklet: where either is
 * missing the page says the interview will use recorded or typed answers
 * instead.  Plain ES5 (Promises only where
 * getUserMedia exists), no build step; loaded with defer.
 */
(function () {
	'use strict';
	var make = window.vivaMake;	/* dom.js */

	var result = document.getElementById('live-result');

	if (!result || !document.querySelector)
		return;
	var form = checkForm(result.parentNode.getAttribute('data-csrf'));

	var media = navigator.mediaDevices;
	var canCapture = !!(media && media.getUserMedia);
	var AudioCtx = window.AudioContext || window.webkitAudioContext;
	var canWorklet = !!(AudioCtx && window.AudioWorkletNode);
	var micStream = null;
	var camStream = null;

	function $(id) { return document.getElementById(id); }


	/* A button, id, saying text, that calls fn when pressed. */
	function button(id, text, fn) {
		var b = make('button', { 'class': 'btn', type: 'button', id: id }, text);

		b.addEventListener('click', fn);
		return b;
	}

	/* el, holding the nodes of kids, put in before next. */
	function put(el, kids, next) {
		var i;

		for (i = 0; i < kids.length; i++)
			el.appendChild(typeof kids[i] === 'string' ?
			    document.createTextNode(kids[i]) : kids[i]);
		next.parentNode.insertBefore(el, next);
	}

	function say(id, text, bad) {
		var el = $(id);

		el.textContent = text;
		el.className = 'check-result ' + (bad ? 'check-bad' : 'check-good');
	}

	function setField(name, value) {
		form.elements[name].value = value;
	}

	/* The form the outcome is saved with, put in after the live voice result. */
	function checkForm(csrf) {
		var f = make('form', { 'class': 'form', method: 'post',
		    action: '/c/check', id: 'check-form' });
		var fields = { csrf: csrf, microphone: 'unsupported',
		    speaker: 'untested', camera: 'skipped', live_voice: '' }, k;

		for (k in fields)
			if (fields.hasOwnProperty(k))
				f.appendChild(make('input', { type: 'hidden', name: k,
				    value: fields[k] }));
		f.appendChild(make('div', { 'class': 'form-actions' })).appendChild(
		    make('button', { 'class': 'btn btn-primary', type: 'submit' },
		    'Save the check and continue'));
		result.parentNode.insertBefore(f, result.nextSibling);
		return f;
	}

	/* A getUserMedia failure as a result word and a sentence saying what to do. */
	function failure(err, what) {
		var name = err && err.name ? err.name : '';

		/* Older browsers lack isSecureContext: only a false one says the page is insecure. */
		if (window.isSecureContext === false)
			return ['insecure', 'The browser only allows the ' + what +
			    ' on a secure (https) page. Ask the interviewer for an https link.'];
		if (name === 'NotAllowedError' || name === 'PermissionDeniedError' ||
		    name === 'SecurityError')
			return ['denied', 'The ' + what + ' is blocked for this site. Allow it in the' +
			    ' browser\'s site settings (the icon beside the address), then press the' +
			    ' button again.'];
		if (name === 'NotFoundError' || name === 'DevicesNotFoundError' ||
		    name === 'OverconstrainedError')
			return ['missing', 'No ' + what + ' was found. Connect one, then press the' +
			    ' button again.'];
		if (name === 'NotReadableError' || name === 'TrackStartError' ||
		    name === 'AbortError')
			return ['busy', 'The ' + what + ' is in use by another program or could' +
			    ' not be started. Close other programs that use it, then try again.'];
		return ['error', 'The ' + what + ' could not be started (' + (name || err) + ').'];
	}

	/* --- microphone ---------------------------------------------------- */

	function showLevel(stream) {
		var ctx, analyser, data, bar = $('mic-level'), heard = false;

		if (!AudioCtx) {
			say('mic-result', 'The microphone works, but this browser cannot show its level.');
			return;
		}
		ctx = new AudioCtx();
		analyser = ctx.createAnalyser();
		analyser.fftSize = 1024;
		ctx.createMediaStreamSource(stream).connect(analyser);
		data = new Uint8Array(analyser.fftSize);
		(function tick() {
			var i, v, peak = 0, pct;

			analyser.getByteTimeDomainData(data);
			for (i = 0; i < data.length; i++) {
				v = Math.abs(data[i] - 128);
				if (v > peak)
					peak = v;
			}
			pct = Math.min(100, Math.round(peak / 128 * 100 / 5) * 5 * 2);
			bar.className = 'meter-fill meter-green pct-' + Math.min(100, pct);
			bar.setAttribute('data-level', String(pct));
			if (pct >= 10 && !heard) {
				heard = true;
				say('mic-result', 'The microphone works: we can hear you.');
			}
			if (micStream)
				window.requestAnimationFrame(tick);
		})();
		say('mic-result', 'The microphone is on. Say a few words: the bar should move.');
	}

	function startMic() {
		if (!canCapture) {
			setField('microphone', 'unsupported');
			say('mic-result', 'This browser cannot use a microphone. In the interview you' +
			    ' can upload a recording or type your answers.', true);
			return;
		}
		media.getUserMedia({ audio: true }).then(function (stream) {
			micStream = stream;
			setField('microphone', 'ok');
			showLevel(stream);
			summary();
		}, function (err) {
			var f = failure(err, 'microphone');

			setField('microphone', f[0]);
			say('mic-result', f[1], true);
			summary();
		});
	}

	/* --- speaker ------------------------------------------------------- */

	function speakerAnswer(heard) {
		setField('speaker', heard ? 'heard' : 'not_heard');
		say('speaker-result', heard ? 'Your speakers work.' :
		    'Check the volume and which output the computer uses, then play the' +
		    ' sound again. Questions are always shown as text as well.', !heard);
	}

	/* --- camera -------------------------------------------------------- */

	function startCamera() {
		var video = $('cam-preview');

		if (!canCapture) {
			setField('camera', 'unsupported');
			say('cam-result', 'This browser cannot use a camera.', true);
			return;
		}
		media.getUserMedia({ video: true }).then(function (stream) {
			var playing;

			camStream = stream;
			video.srcObject = stream;
			video.hidden = false;
			/* Played here, not by autoplay: media starts only when asked. */
			playing = video.play();
			if (playing && playing['catch'])
				playing['catch'](function () {});
			setField('camera', 'ok');
			say('cam-result', 'The camera works: you should see yourself above.');
		}, function (err) {
			var f = failure(err, 'camera');

			setField('camera', f[0]);
			say('cam-result', f[1], true);
		});
	}

	/* --- what the interview can use ------------------------------------ */

	function summary() {
		var mic = form.elements.microphone.value;
		var live = canWorklet && typeof window.WebSocket === 'function' && mic === 'ok';
		/* A one-way interview takes no typed answers. */
		var typed = result.getAttribute('data-typed') === '1';

		setField('live_voice', live ? '1' : '');
		say('live-result', live ? 'Live voice works in this browser.' :
		    !canWorklet || typeof window.WebSocket !== 'function' ?
		    'This browser cannot run live voice; you will answer each question by' +
		    (typed ? ' recording, uploading or typing.' : ' recording or uploading.') :
		    'Live voice needs the microphone; until it works you can answer by' +
		    ' uploading a recording' + (typed ? ' or typing.' : '.'), !live);
	}

	put(make('p', { id: 'mic-howto' }), ['Press the button, allow the' +
	    ' microphone when the browser asks, and say a few words: the bar' +
	    ' should move while you speak.'], $('mic-level').parentNode);
	put(make('p', {}), [button('mic-start', 'Test the microphone', startMic)],
	    $('mic-level').parentNode);
	put(make('p', { id: 'speaker-ask' }), ['Did you hear the tone? ',
	    button('heard', 'Yes', function () { speakerAnswer(true); }), ' ',
	    button('not-heard', 'No', function () { speakerAnswer(false); })],
	    $('speaker-result'));
	put(make('p', {}), [button('cam-start', 'Preview the camera', startCamera)],
	    $('cam-preview'));
	form.addEventListener('submit', function () {
		/* Stop the devices: the browser's recording indicator goes off. */
		[micStream, camStream].forEach(function (s) {
			if (s)
				s.getTracks().forEach(function (t) { t.stop(); });
		});
		micStream = camStream = null;
	});
	/* The form says "unsupported" for a browser without script; this one can try. */
	if (canCapture)
		setField('microphone', 'untested');
	else
		startMic();
	summary();
})();

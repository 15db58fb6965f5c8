/*
 * oneway.js: the one-way interview's recorder (candidate/oneway.mustache).
 * The page works without it: limits in words, a file input with capture
 * posted as multipart.  With it: a preparation countdown, recording with
 * MediaRecorder (audio, or audio and video) stopped at the answer limit,
 * started by itself when the preparation time is over (the first take of
 * a question only: a question with a take shows no countdown), and a
 * resumable upload: the take is cut into chunks, each sent with its
 * SHA-256; after a dropped connection the server says which chunks it has
 * and only the missing ones are sent again; then finalize, and the page
 * reloads to play the take back.  Plain ES5 with Promises, no build step.
 */
(function () {
	'use strict';

	var q = document.getElementById('question');
	var up = document.getElementById('upload-form');
	var md = navigator.mediaDevices;

	if (!q)
		return;
	var prep = parseInt(q.getAttribute('data-prep'), 10) || 0;
	var limit = parseInt(q.getAttribute('data-answer'), 10) || 120;
	var video = q.getAttribute('data-video') === '1';
	var chunkSize = parseInt(q.getAttribute('data-chunk'), 10) || 1048576;
	var csrf = q.getAttribute('data-csrf');
	var n = q.getAttribute('data-n');
	var cd = document.getElementById('countdown');

	function clock(s) {
		var m = Math.floor(s / 60), r = s % 60;
		return m + ':' + (r < 10 ? '0' : '') + r;
	}

	var OVER = 'Preparation time is over: record or upload your answer' +
	    ' when you are ready.';
	var tick = null;

	/*
	 * Preparation: a ticking clock; the limits stay written above it.
	 * over, where this page can record, starts recording at 0 (what
	 * candidates of one-way interviews expect); else the clock says the
	 * time is over and nothing starts.
	 */
	function prepare(over) {
		var left = prep;

		if (!cd || prep <= 0)
			return;
		function show() {
			cd.textContent = 'Preparation: ' + clock(left) + (over ?
			    ' (then recording starts by itself)' : '');
		}
		cd.hidden = false;
		show();
		tick = setInterval(function () {
			if (--left > 0)
				return show();
			clearInterval(tick);
			tick = null;
			if (over)
				over();
			else
				cd.textContent = OVER;
		}, 1000);
	}

	/* Started by a click: the clock, or its notice, has nothing to add. */
	function unprepare() {
		if (tick !== null)
			clearInterval(tick);
		tick = null;
		if (cd)
			cd.hidden = true;
	}

	if (!up || q.getAttribute('data-can-record') !== '1' ||
	    !window.MediaRecorder || !md || !md.getUserMedia ||
	    !window.fetch || !window.crypto || !window.crypto.subtle) {
		prepare(null);
		return;
	}

	/* The recorder is made here, not written in the page (dom.js says why). */
	var make = window.vivaMake;

	var box = make('div', { id: 'recorder' });
	var start = make('button', { 'class': 'btn btn-primary', type: 'button',
	    id: 'rec-start' }, 'Start recording');
	var stop = make('button', { 'class': 'btn', type: 'button',
	    id: 'rec-stop', disabled: 'disabled' }, 'Stop');
	var resend = make('button', { 'class': 'btn', type: 'button',
	    id: 'rec-resend', hidden: 'hidden' }, 'Send it again');
	var status = make('p', { 'class': 'muted', id: 'rec-status',
	    role: 'status' });
	var preview = video ? make('video', { id: 'preview',
	    playsinline: 'playsinline' }) : null;
	/*
	 * The camera's picture shows only while recording: its box, hidden,
	 * takes no room (on a phone, after "Record again", an empty one
	 * filled the screen).
	 */
	var shot = preview ? make('p', { 'class': 'preview', hidden: 'hidden' }) :
	    null;
	var row = make('p', { 'class': 'actions' });
	var rec = null, parts = [], timer = null, unsent = null, auto = false;

	function say(text, bad) {
		status.className = bad ? 'flash flash-error' : 'muted';
		status.textContent = text;
	}

	function type() {
		var c = video ? ['video/webm;codecs=vp8,opus', 'video/webm',
		    'video/mp4'] : ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus',
		    'audio/webm', 'audio/mp4'];
		for (var i = 0; i < c.length; i++)
			if (MediaRecorder.isTypeSupported(c[i]))
				return c[i];
		return '';
	}

	function hex(buf) {
		var b = new Uint8Array(buf), s = '', i;
		for (i = 0; i < b.length; i++)
			s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
		return s;
	}

	function api(method, url, body, extra) {
		var h = { 'X-CSRF-Token': csrf };
		if (extra)
			h['Content-Type'] = extra;
		return fetch(url, { method: method, headers: h, body: body,
		    credentials: 'same-origin' }).then(function (r) {
			return r.json().then(function (j) {
				if (!r.ok && r.status !== 409)
					throw new Error(j.error ? j.error.message :
					    'The upload failed.');
				return { status: r.status, body: j };
			});
		});
	}

	function sendChunk(id, blob, i, total, tries) {
		var piece = blob.slice(i * chunkSize, (i + 1) * chunkSize);
		return piece.arrayBuffer().then(function (b) {
			return crypto.subtle.digest('SHA-256', b).then(function (d) {
				return api('POST', '/c/oneway/uploads/' + id + '/chunks/' +
				    i + '?total=' + total + '&sha256=' + hex(d), b,
				    'application/octet-stream');
			});
		}).catch(function (e) {
			if (tries <= 0)
				throw e;
			/* A dropped connection: wait, then send this chunk again. */
			return new Promise(function (ok) { setTimeout(ok, 2000); })
			    .then(function () {
				return sendChunk(id, blob, i, total, tries - 1);
			});
		});
	}

	/* Sends what the server lacks, in order, then finalizes. */
	function upload(blob) {
		var total = Math.max(1, Math.ceil(blob.size / chunkSize));
		var form = 'csrf=' + encodeURIComponent(csrf) + '&n=' + n +
		    '&chunks=' + total + '&bytes=' + blob.size + '&type=' +
		    encodeURIComponent(blob.type);
		return api('POST', '/c/oneway/uploads', form,
		    'application/x-www-form-urlencoded').then(function (r) {
			return finish(r.body.id, blob, total, r.body.missing, 3);
		});
	}

	function finish(id, blob, total, missing, rounds) {
		var p = Promise.resolve(), sent = 0;
		missing.forEach(function (i) {
			p = p.then(function () {
				say('Sending… ' + Math.round(100 * ++sent /
				    missing.length) + '%');
				return sendChunk(id, blob, i, total, 3);
			});
		});
		return p.then(function () {
			return api('POST', '/c/oneway/uploads/' + id + '/finalize');
		}).then(function (r) {
			if (r.status === 409 && rounds > 0)
				return finish(id, blob, total, r.body.missing,
				    rounds - 1);
			if (r.status === 409)
				throw new Error(r.body.error ? r.body.error.message :
				    'Some pieces did not arrive.');
			/* A new query, so the page loads again (a hash alone would not). */
			window.location.href = '/c?took=' + r.body.attempt + '#take';
		});
	}

	/*
	 * A failed upload (the server busy, its disk full, the connection
	 * gone) keeps the take in the page: "Send it again" sends the same
	 * recording, where only recording anew was offered.
	 */
	function send(blob) {
		unsent = null;
		resend.hidden = true;
		start.disabled = true;
		say('Sending your recording…');
		upload(blob).catch(function (e) {
			unsent = blob;
			say(e.message + ' Your recording is kept in this page: send' +
			    ' it again, record again, or choose a file below.', true);
			resend.hidden = false;
			start.disabled = false;
		});
	}

	function stopped() {
		var blob = new Blob(parts, { type: rec.mimeType || type() });
		clearInterval(timer);
		if (auto)
			cd.hidden = true;	/* the status line says what follows */
		rec.stream.getTracks().forEach(function (t) { t.stop(); });
		if (preview) {
			preview.srcObject = null;
			shot.hidden = true;
		}
		send(blob);
	}

	resend.addEventListener('click', function () {
		if (unsent)
			send(unsent);
	});
	/*
	 * Recording, on a click or, once, when the preparation time is over
	 * (by): the notice says so where the clock was, for all to see and a
	 * screen reader to say (role alert, set only now: the ticking clock
	 * is not read out every second).
	 */
	function begin(by) {
		auto = by;
		start.disabled = true;
		unsent = null;
		resend.hidden = true;
		start.textContent = 'Start recording';
		if (auto) {
			cd.className = 'flash flash-info';
			cd.setAttribute('role', 'alert');
			cd.textContent = 'Preparation time is over: recording starts…';
		}
		md.getUserMedia({ audio: true, video: video }).then(function (s) {
			var m = type(), secs = 0;
			rec = new MediaRecorder(s, m ? { mimeType: m } : undefined);
			parts = [];
			rec.ondataavailable = function (e) {
				if (e.data && e.data.size)
					parts.push(e.data);
			};
			rec.onstop = stopped;
			if (preview) {
				preview.srcObject = s;
				shot.hidden = false;
				preview.play();
			}
			rec.start(1000);
			if (auto)
				cd.textContent = 'Recording started: your preparation' +
				    ' time is over. Press Stop when you have answered.';
			stop.disabled = false;
			say('Recording… 0:00 of ' + clock(limit));
			timer = setInterval(function () {
				secs++;
				say('Recording… ' + clock(secs) + ' of ' + clock(limit));
				if (secs >= limit && rec.state === 'recording')
					rec.stop();
			}, 1000);
		}).catch(function () {
			say('No camera or microphone could be used. Choose a' +
			    ' recording below instead.', true);
			if (auto)
				cd.textContent = OVER;
			start.disabled = false;
		});
	}

	start.addEventListener('click', function () {
		unprepare();
		begin(false);
	});
	stop.addEventListener('click', function () {
		stop.disabled = true;
		if (rec && rec.state === 'recording')
			rec.stop();
	});
	if (preview) {
		preview.muted = true;	/* the attribute, set now, is only the default */
		box.appendChild(shot).appendChild(preview);
	}
	row.appendChild(start);
	row.appendChild(document.createTextNode(' '));
	row.appendChild(stop);
	row.appendChild(document.createTextNode(' '));
	row.appendChild(resend);
	box.appendChild(row);
	box.appendChild(status);
	up.parentNode.insertBefore(box, up);
	if (cd && prep > 0)
		start.textContent = 'Start recording now';
	/* Not over a take kept for "Send it again", nor while sending. */
	prepare(function () {
		if (!unsent && !start.disabled)
			begin(true);
		else
			cd.hidden = true;
	});
})();

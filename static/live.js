/*
 * live.js: live voice for the adaptive interview (candidate/adaptive.mustache,
 * #live): the candidate talks with the AI interviewer through viva-worker
 * (docs/API.md, "Realtime voice").  Without this script, or in a browser
 * without WebSocket or AudioWorklet, the page stays turn by turn: typed
 * answers and recorded ones.
 *
 * Start talking: a ticket from POST /c/ticket (the page's CSRF token in
 * X-CSRF-Token), a WebSocket to the URL it names, the microphone through
 * live-worklet.js (24 kHz PCM16, 20 ms binary frames), the AI's PCM16
 * replies queued for playback and flushed on barge-in (live-player.js),
 * captions of both sides, and the question on the page kept current.  A dropped connection
 * is retried with a new ticket and exponential backoff; after 3 failed
 * connections the turn-by-turn forms come back with the reason.  A session
 * that the interview's newer one in another tab ended is not retried.
 * The counters in data-* attributes of #live are for tests and for support.
 * Plain ES5 but for the worklet and getUserMedia's promises; loaded with
 * defer, so the DOM is ready.
 */
(function () {
	'use strict';

	var box = document.getElementById('live');

	/* live-player.js comes first (both deferred); without it, turn by turn. */
	if (!box || !document.querySelector || !window.VivaLivePlayer)
		return;

	var RATE = 24000;
	var MAX_FAILS = 3;
	var STEADY_MS = 5000;		/* a session up this long was not a failed connection */
	var ERROR_STEADY_MS = 60000;	/* the same, for one the AI service ended with an error */
	var MAX_BUFFERED = 64 * 1024;	/* frames beyond this wait in no queue: dropped */
	var AC = window.AudioContext || window.webkitAudioContext;
	var md = navigator.mediaDevices;
	var forms = document.getElementById('turn-forms');
	var note = document.getElementById('live-fallback');

	build();
	var ui = {
		status: $('live-status'), start: $('live-start'), stop: $('live-stop'),
		talk: $('live-talk'), ptt: $('live-ptt'), captions: $('live-captions'),
		level: $('live-level')
	};
	var ctx = null, stream = null, node = null, ws = null;
	var wanted = false;		/* the candidate is in a live session */
	var fails = 0, timer = null, complete = false;
	var conn = null;		/* {connected, since, error} of the open socket */
	var talking = false;		/* push to talk: held */
	var count = { frames: 0, chunks: 0, ms: 0, flushes: 0, attempts: 0 };

	function $(id) { return document.getElementById(id); }

	/* A new element (dom.js), appended to parent. */
	function make(parent, tag, attrs, text) {
		return parent.appendChild(window.vivaMake(tag, attrs, text));
	}

	/*
	 * The section's content, made here: written in the page, hidden, text
	 * browsers (w3m, lynx: no stylesheet, no hidden attribute) would show its
	 * buttons, which do nothing there.
	 */
	function build() {
		var p, row, b = 'btn btn-secondary';

		make(box, 'h3', {}, 'Talk with the interviewer');
		p = make(box, 'p', {}, 'Talk with the AI interviewer as in a call: it' +
		    ' asks the questions aloud and listens to your answers. Use' +
		    ' headphones if you can, and ');
		make(p, 'a', { href: '/c/check' }, 'check your microphone and speakers');
		p.appendChild(document.createTextNode(' first if you like.'));
		make(box, 'p', { 'class': 'live-status', id: 'live-status',
		    role: 'status' }, 'Not connected.');
		p = make(box, 'p', { 'class': 'live-meter', 'aria-hidden': 'true' },
		    'Microphone ');
		make(make(p, 'span', { 'class': 'live-level' }), 'span',
		    { id: 'live-level' });
		row = make(box, 'div', { 'class': 'form-actions live-controls' });
		make(row, 'button', { 'class': 'btn btn-primary', type: 'button',
		    id: 'live-start' }, 'Start talking');
		make(row, 'button', { 'class': b, type: 'button', id: 'live-stop',
		    hidden: 'hidden' }, 'Stop talking');
		make(row, 'button', { 'class': b, type: 'button', id: 'live-talk',
		    hidden: 'hidden' }, 'Hold to talk');
		p = make(row, 'label', { 'class': 'live-ptt' });
		make(p, 'input', { type: 'checkbox', id: 'live-ptt' });
		p.appendChild(document.createTextNode(' Push to talk (hold the button' +
		    ' or the space bar)'));
		make(box, 'div', { 'class': 'live-captions', id: 'live-captions',
		    'aria-live': 'polite' });
	}

	function missing() {
		var m = [];

		if (!window.WebSocket)
			m.push('WebSocket');
		if (!AC || !window.AudioWorkletNode || !AC.prototype ||
		    !('audioWorklet' in AC.prototype))
			m.push('AudioWorklet');
		if (!md || !md.getUserMedia)
			m.push('microphone access');
		if (!window.XMLHttpRequest || !window.DOMParser || !window.Int16Array)
			m.push('XMLHttpRequest');
		return m;
	}

	function answerBelow() {
		return 'Answer below by typing' + (document.getElementById('voice-form') ?
		    ' or by recording each answer.' : '.');
	}

	function counters() {
		box.setAttribute('data-frames-sent', count.frames);
		box.setAttribute('data-ai-chunks', count.chunks);
		box.setAttribute('data-ai-ms', Math.round(count.ms));
		box.setAttribute('data-flushes', count.flushes);
		box.setAttribute('data-attempts', count.attempts);
	}

	/* With push to talk nothing is heard until the button or the space bar is held: say so. */
	function yourTurn() {
		return ui.ptt.checked ? 'Your turn: hold the button (or the space bar) while you answer.' :
		    'Your turn: answer aloud.';
	}

	/* state: idle connecting connected ai you done fallback elsewhere; text for people. */
	function state(s, text) {
		box.setAttribute('data-state', s);
		ui.status.className = 'live-status live-' + s;
		ui.status.textContent = text;
	}

	/* --- captions ------------------------------------------------------ */

	function caption(who, text, open) {
		var last = ui.captions.lastChild, p, b;

		if (who === 'ai' && last && last.getAttribute('data-open') === '1') {
			p = last;
		} else {
			p = document.createElement('p');
			p.className = 'caption caption-' + who;
			b = document.createElement('strong');
			b.textContent = who === 'ai' ? 'Interviewer: ' : 'You: ';
			p.appendChild(b);
			p.appendChild(document.createTextNode(''));
			ui.captions.appendChild(p);
			while (ui.captions.childNodes.length > 8)
				ui.captions.removeChild(ui.captions.firstChild);
		}
		p.lastChild.nodeValue = open === 'delta' ? p.lastChild.nodeValue + text : text;
		p.setAttribute('data-open', open === 'delta' ? '1' : '0');
	}

	/* --- playback (live-player.js) -------------------------------------- */

	var player = window.VivaLivePlayer(RATE, {
		position: function (ms) {
			if (ws && ws.readyState === 1)
				ws.send(JSON.stringify({ type: 'playback.position', played_ms: ms }));
		},
		chunk: function (ms) {
			count.chunks++;
			count.ms += ms;
			counters();
			if (!complete)
				state('ai', 'The interviewer is speaking…');
		},
		drained: function () {
			if (wanted && !complete)
				state('you', yourTurn());
		}
	});

	/* --- microphone ---------------------------------------------------- */

	/* Why getUserMedia failed, and what the candidate can do about it (as check.js says). */
	function micError(err) {
		var name = err && err.name ? err.name : '';

		if (name === 'NotAllowedError' || name === 'PermissionDeniedError' ||
		    name === 'SecurityError')
			return 'The browser did not allow the microphone, so live voice cannot start.' +
			    ' To talk, allow the microphone in the browser\'s site settings (the icon' +
			    ' beside the address), then reload the page.';
		if (name === 'NotFoundError' || name === 'DevicesNotFoundError' ||
		    name === 'OverconstrainedError')
			return 'No microphone was found, so live voice cannot start. Connect one,' +
			    ' then reload the page.';
		if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError')
			return 'The microphone is in use by another program or could not be started,' +
			    ' so live voice cannot start. Close other programs that use it, then' +
			    ' reload the page.';
		return 'The microphone could not be started (' + (name || err) +
		    '), so live voice cannot start.';
	}

	/* The microphone worked but the browser's audio processing did not start. */
	function audioError(err) {
		return 'The browser could not start its audio processing (' +
		    ((err && err.name) || err) + '), so live voice cannot start.';
	}

	/* The microphone's level, so the candidate sees it hears them (a 20 ms peak). */
	function level(buf) {
		var pcm = new Int16Array(buf), peak = 0, i, v;

		for (i = 0; i < pcm.length; i += 4) {
			v = pcm[i] < 0 ? -pcm[i] : pcm[i];
			if (v > peak)
				peak = v;
		}
		ui.level.style.width = Math.min(100, Math.round(Math.sqrt(peak / 32768) * 100)) + '%';
	}

	/* A 20 ms frame from the worklet: sent hands-free, or while talk is held. */
	function frameOut(e) {
		level(e.data);
		if (!ws || ws.readyState !== 1 || (ui.ptt.checked && !talking))
			return;
		if (ws.bufferedAmount > MAX_BUFFERED)
			return;	/* a slow line: old speech is worth less than new */
		ws.send(e.data);
		count.frames++;
		box.setAttribute('data-frames-sent', count.frames);
	}

	function audioUp() {
		/* Made inside the click, so the browser lets it play. */
		ctx = new AC();
		if (ctx.resume)
			ctx.resume();
		player.use(ctx);
		return md.getUserMedia({ audio: { channelCount: 1, echoCancellation: true,
		    noiseSuppression: true, autoGainControl: true } }).then(null, function (err) {
			/* Marked, so that start() tells a microphone refused from a worklet that failed. */
			throw { mic: err || {} };
		}).then(function (s) {
			var t = s.getAudioTracks();

			stream = s;
			/* Unplugged, or the permission taken back: no use going on. */
			if (t.length > 0)
				t[0].onended = function () {
					if (wanted && !complete)
						fallback('The microphone stopped working.');
				};
			return ctx.audioWorklet.addModule(box.getAttribute('data-worklet'));
		}).then(function () {
			var sink = ctx.createGain();

			node = new AudioWorkletNode(ctx, 'viva-capture', { numberOfInputs: 1,
			    numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
			node.port.onmessage = frameOut;
			/* Silent, but connected: a node nobody pulls may not run. */
			sink.gain.value = 0;
			ctx.createMediaStreamSource(stream).connect(node);
			node.connect(sink);
			sink.connect(ctx.destination);
		});
	}

	function audioDown() {
		var t, i;

		player.flush();
		ui.level.style.width = '0';
		if (node) {
			node.port.onmessage = null;
			node.disconnect();
			node = null;
		}
		if (stream) {
			t = stream.getTracks();
			for (i = 0; i < t.length; i++) {
				t[i].onended = null;
				t[i].stop();
			}
			stream = null;
		}
		if (ctx && ctx.close)
			ctx.close();
		ctx = null;
		player.use(null);
	}

	/* Push to talk: the end of a turn needs silence for the server to hear it end. */
	function talk(on) {
		var i, z;

		if (!ui.ptt.checked || talking === on)
			return;
		talking = on;
		ui.talk.setAttribute('aria-pressed', on ? 'true' : 'false');
		ui.talk.textContent = on ? 'Talking… release to stop' : 'Hold to talk';
		if (!on && ws && ws.readyState === 1)
			for (i = 0; i < 30; i++) {	/* 600 ms, well inside the 2 s burst */
				z = new Int16Array(480);
				ws.send(z.buffer);
			}
	}

	/* --- the question on the page -------------------------------------- */

	/* In practice mode the page shows feedback on the last answer: it follows too. */
	function feedback(doc) {
		var f = doc.getElementById('feedback'), old = $('feedback'), q = $('question');

		if (!f)
			return;
		f = document.importNode(f, true);
		if (old)
			old.parentNode.replaceChild(f, old);
		else if (q)
			q.parentNode.insertBefore(f, q);
	}

	/* After an evaluated answer: the page's question, progress and forms' n follow. */
	function refreshQuestion() {
		var x = new XMLHttpRequest();

		x.open('GET', '/c');
		x.onload = function () {
			var doc, q, oldQ, ins, i, p;

			if (x.status !== 200)
				return;
			doc = new DOMParser().parseFromString(x.responseText, 'text/html');
			q = doc.querySelector('#question .question');
			oldQ = document.querySelector('#question .question');
			if (!q || !oldQ) {
				if (!complete)
					window.location.href = '/c';
				return;
			}
			oldQ.parentNode.replaceChild(document.importNode(q, true), oldQ);
			feedback(doc);
			if ((p = doc.getElementById('progress')) && $('progress'))
				$('progress').textContent = p.textContent;
			ins = doc.querySelector('#turn-forms input[name=n]');
			for (i = 0; ins && i < document.forms.length; i++)
				if (document.forms[i].elements.n)
					document.forms[i].elements.n.value = ins.value;
			if ((p = doc.getElementById('question-audio')) && $('question-audio'))
				$('question-audio').setAttribute('src', p.getAttribute('src'));
		};
		x.send();
	}

	/* --- the connection ------------------------------------------------ */

	function control(m) {
		if (m.type === 'status' && m.code === 'connecting')
			state('connecting', 'Connecting to the interviewer…');
		else if (m.type === 'status' && m.code === 'connected') {
			if (!conn.connected) {
				conn.connected = true;
				conn.since = Date.now();
				state('connected', 'Connected. The interviewer will start; then ' +
				    (ui.ptt.checked ? 'hold the button (or the space bar) while you answer.' :
				    'answer aloud.'));
			}
		} else if (m.type === 'status' && m.code === 'ai_speaking') {
			/* The worker counts positions per reply from here: start at 0. */
			player.reply();
			state('ai', 'The interviewer is speaking…');
		} else if (m.type === 'status' && m.code === 'listening')
			state('you', 'Listening…');
		else if (m.type === 'playback.flush') {
			/* The candidate spoke over the AI: the worker drops what it queued, we too. */
			player.flush();
			count.flushes++;
			counters();
			state('you', 'Listening…');
		} else if (m.type === 'transcript.ai.delta')
			caption('ai', m.text || '', 'delta');
		else if (m.type === 'transcript.ai')
			caption('ai', m.text || '', 'done');
		else if (m.type === 'transcript.you')
			caption('you', m.text || '', 'done');
		else if (m.type === 'question.next')
			refreshQuestion();
		else if (m.type === 'interview.complete')
			finish();
		else if (m.type === 'error' || m.type === 'worker.draining')
			conn.error = { code: m.code || '', message: m.message || '' };
	}

	function open(url) {
		var sock, c = { connected: false, since: 0, error: null };

		count.attempts++;
		counters();
		try {
			sock = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') +
			    location.host + url);
		} catch (e) {
			failed('The voice connection could not be opened.');
			return;
		}
		sock.binaryType = 'arraybuffer';
		ws = sock;
		conn = c;
		sock.onmessage = function (e) {
			var m;

			if (sock !== ws)
				return;
			if (typeof e.data !== 'string') {
				player.queue(e.data);
				return;
			}
			try { m = JSON.parse(e.data); } catch (x) { return; }
			if (m && m.type)
				control(m);
		};
		sock.onclose = function (e) {
			if (sock !== ws)
				return;
			ws = null;
			closed(e.code, c);
		};
	}

	function closed(code, c) {
		player.flush();
		if (!wanted || complete)
			return;
		if (c.error && c.error.code === 'interview_unavailable') {
			reloadOnce(c.error.message);
			return;
		}
		if (c.error && c.error.code === 'opened_elsewhere') {
			elsewhere(c.error.message);
			return;
		}
		/*
		 * A session that ran a while and dropped is no failed connection.
		 * One the AI service ended with an error (provider_error) must have
		 * run a minute: a service that refuses us (a quota used up, our
		 * settings refused) refuses every new session within seconds, or
		 * after the first reply, and must not be retried forever; it ends
		 * in the forms after three tries.  A one-off (a session that
		 * reached the service's time limit, a passing fault) is retried,
		 * as a drop is, which falling back at once would not do.
		 */
		if (c.connected && Date.now() - c.since >= (c.error &&
		    c.error.code === 'provider_error' ? ERROR_STEADY_MS : STEADY_MS))
			fails = 0;
		failed(reason(code, c.error), c.error && c.error.code === 'provider_error');
	}

	/*
	 * The interview went live in another tab or device, which ended this
	 * one.  Reconnecting would end that one in turn, and the two would take
	 * it from each other for ever: this page stops, says so, and offers
	 * Start talking, the candidate's own choice to move it back here.
	 */
	function elsewhere(why) {
		teardown();
		controls(false);
		state('elsewhere', (why || 'This interview was opened in another window.') +
		    ' Press Start talking to continue here instead.');
	}

	/*
	 * The worker's own words for these tell a client to reconnect (or to get
	 * a new ticket): true while the page retries, not once it has given up,
	 * which is when the reason is shown.  So the page says what happened.
	 */
	var CLOSED = {
		ticket_invalid: 'The voice server did not accept the connection.',
		ticket_expired: 'The voice server did not accept the connection.',
		restart: 'The voice server was restarting.',
		provider_unavailable: 'The AI voice service could not be reached.',
		provider_closed: 'The AI voice service disconnected.',
		database_unavailable: 'The server could not save the interview just then.',
		stalled: 'The connection stopped carrying sound.'
	};

	/* Why a connection closed, in words for the candidate. */
	function reason(code, err) {
		if (err && CLOSED.hasOwnProperty(err.code))
			return CLOSED[err.code];
		if (err && err.message)
			return err.message;
		/* 1006: no close frame at all, e.g. nginx found no worker to pass it to. */
		if (code === 1006)
			return 'The voice server could not be reached.';
		return 'The voice connection closed (' + code + ').';
	}

	/*
	 * One more failed connection: try again later, or give up after three.
	 * say: show why while waiting too (the AI service's own words).
	 */
	function failed(why, say) {
		var ms;

		if (!wanted)
			return;
		if (++fails >= MAX_FAILS) {
			fallback('Live voice could not connect after ' + fails + ' tries: ' + why +
			    ' Reload the page to try it again later.');
			return;
		}
		/* 1 s, 2 s, ... with jitter, so many candidates do not return at once. */
		ms = 1000 * Math.pow(2, fails - 1) + Math.floor(Math.random() * 250);
		state('connecting', (say ? why + ' Trying' : 'Connection lost; trying') +
		    ' again in ' + Math.ceil(ms / 1000) + ' s…');
		timer = setTimeout(connect, ms);
	}

	function reloadOnce(why) {
		var key = 'viva-live-reload', then = 0;

		try { then = Number(sessionStorage.getItem(key)) || 0; } catch (e) { /* private mode */ }
		if (Date.now() - then < 60000) {
			fallback(why || 'Live voice is not available for this interview now.');
			return;
		}
		try { sessionStorage.setItem(key, String(Date.now())); } catch (e) { /* ignored */ }
		window.location.reload();
	}

	/* POST /c/ticket; then the socket.  Refusals that retrying cannot fix end here. */
	function connect() {
		var x = new XMLHttpRequest();

		timer = null;
		if (!wanted)
			return;
		state('connecting', 'Connecting…');
		x.open('POST', box.getAttribute('data-ticket'));
		x.setRequestHeader('X-CSRF-Token', box.getAttribute('data-csrf'));
		x.onload = function () {
			var o = null, msg = '';

			try { o = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
			if (o && o.error && o.error.message)
				msg = o.error.message;
			if (!wanted)
				return;
			if (x.status === 200 && o && o.url)
				open(o.url);
			else if (x.status === 409 || x.status === 403 || x.status === 401)
				reloadOnce(msg);	/* paused, ended, or signed out meanwhile */
			else if (x.status === 404 || x.status === 503)
				fallback(msg || 'Live voice is not available here.');
			else
				failed(msg || 'The server did not give a voice ticket (' + x.status + ').');
		};
		x.onerror = function () {
			failed('The server could not be reached.');
		};
		x.send();
	}

	/* --- the candidate's controls -------------------------------------- */

	function teardown() {
		var s = ws;

		wanted = false;
		talking = false;
		if (timer) {
			clearTimeout(timer);
			timer = null;
		}
		ws = null;
		if (s && s.readyState === 1) {
			s.send(JSON.stringify({ type: 'session.end' }));
			s.close(1000);
		} else if (s)
			s.close();
		audioDown();
	}

	function controls(live) {
		ui.start.hidden = live;
		ui.stop.hidden = !live;
		ui.talk.hidden = !live || !ui.ptt.checked;
		if (forms)
			forms.hidden = live;
	}

	function fallback(why) {
		teardown();
		controls(false);
		box.hidden = true;
		state('fallback', why);
		note.textContent = why + ' ' + answerBelow();
		note.hidden = false;
	}

	function start() {
		if (wanted)
			return;
		wanted = true;
		fails = 0;
		note.hidden = true;
		controls(true);
		state('connecting', 'Asking for the microphone…');
		try {
			audioUp().then(connect, function (err) {
				fallback(err && err.mic ? micError(err.mic) : audioError(err));
			});
		} catch (err) {
			fallback(audioError(err));
		}
	}

	function stop() {
		teardown();
		controls(false);
		state('idle', 'Not connected. Press Start talking to continue by voice.');
	}

	/* The AI says goodbye first: the end page comes once its voice has played. */
	function finish() {
		var until = Date.now() + 15000;

		complete = true;
		state('done', 'The interview is complete.');
		(function wait() {
			if (player.playing() && Date.now() < until) {
				setTimeout(wait, 250);
				return;
			}
			teardown();
			window.location.href = '/c';
		})();
	}

	/* Space in a text box is a space; anywhere else it is the talk key. */
	function typing(e) {
		var t = e.target, tag = t && t.tagName;

		return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' &&
		    !/^(checkbox|radio|button|submit)$/.test(t.type)) ||
		    (t && t.isContentEditable);
	}

	function spaceKey(e) {
		return wanted && ui.ptt.checked && (e.key === ' ' || e.keyCode === 32) &&
		    !typing(e);
	}

	var why = missing();

	/* Browsers hide the microphone from plain-http pages (but localhost's). */
	if (window.isSecureContext === false) {
		state('fallback', 'Live voice needs a secure (https) page.');
		note.textContent = 'Live voice needs a secure (https) page, and this one is' +
		    ' not. ' + answerBelow();
		note.hidden = false;
		return;
	}
	if (why.length > 0) {
		state('fallback', 'Live voice needs ' + why.join(' and ') + ', which this browser lacks.');
		note.textContent = 'Live voice needs a browser with ' + why.join(' and ') +
		    ', which this one lacks. ' + answerBelow();
		note.hidden = false;
		return;
	}
	box.hidden = false;
	counters();
	ui.start.onclick = start;
	ui.stop.onclick = stop;
	ui.ptt.onchange = function () {
		talking = false;
		ui.talk.textContent = 'Hold to talk';
		ui.talk.hidden = !wanted || !ui.ptt.checked;
		if (box.getAttribute('data-state') === 'you')
			state('you', yourTurn());
	};
	ui.talk.onmousedown = ui.talk.ontouchstart = function (e) {
		e.preventDefault();
		talk(true);
	};
	ui.talk.onmouseup = ui.talk.onmouseleave = ui.talk.ontouchend = function () {
		talk(false);
	};
	/* Leaving the page ends the session at once, rather than at the worker's timeout. */
	window.addEventListener('pagehide', function () {
		if (ws && ws.readyState === 1)
			ws.send(JSON.stringify({ type: 'session.end' }));
	});
	/* Held space would also press a focused button (Stop talking): not here. */
	document.addEventListener('keydown', function (e) {
		if (spaceKey(e)) {
			e.preventDefault();
			talk(true);
		}
	});
	document.addEventListener('keyup', function (e) {
		if (spaceKey(e)) {
			e.preventDefault();
			talk(false);
		}
	});
})();

/*
 * candidate.js: enhances the candidate's interview page (and the clock of
 * a timed adaptive one); the page works without it.  It ticks the clock
 * (the server decides when time is up: at 0 an answer written but not sent
 * goes, else the page reloads, and the server says what happened), watches the
 * interview's state instead of the no-script page refresh, and sends
 * messages without a reload through the JSON API (the reply shown as it
 * streams where the browser can read a stream), falling back to the plain
 * form when that is missing.  Server text only ever goes in as text, but
 * for replies the server rendered from Markdown with raw HTML off.
 * Plain ES5, no build step; loaded with defer, so the DOM is ready.
 */
(function () {
	'use strict';

	/* The assisted interview's page, or a timed adaptive one's. */
	var root = document.getElementById('interview') ||
	    document.getElementById('adaptive');
	var clock = document.getElementById('res-time');

	if (!root || !clock || !document.querySelector || !window.JSON)
		return;

	var api = root.getAttribute('data-api') || '';
	var csrf = root.getAttribute('data-csrf') || '';
	var status = root.getAttribute('data-status') || '';
	var locked = root.getAttribute('data-locked') === '1';
	var spent = root.getAttribute('data-spent') === '1';
	var canFetch = typeof window.fetch === 'function';
	var apiMissing = !canFetch || api === '';
	var leaving = false;

	/* --- small helpers ------------------------------------------------- */

	function byId(id) {
		return document.getElementById(id);
	}

	function int(s, dflt) {
		var n = parseInt(s, 10);
		return isNaN(n) ? dflt : n;
	}

	function pad2(n) {
		return n < 10 ? '0' + n : String(n);
	}

	/* As candidate.c's duration(). */
	function duration(s) {
		if (s < 0)
			s = 0;
		if (s >= 3600)
			return Math.floor(s / 3600) + ' h ' +
			    pad2(Math.floor(s / 60) % 60) + ' min';
		return Math.floor(s / 60) + ' min ' + pad2(s % 60) + ' s';
	}

	/* "1 h 05 min" or "5 min 00 s" back into seconds. */
	function parseDuration(t) {
		var m = /(\d+) h (\d+) min/.exec(t || '');

		if (m)
			return int(m[1], 0) * 3600 + int(m[2], 0) * 60;
		m = /(\d+) min (\d+) s/.exec(t || '');
		if (m)
			return int(m[1], 0) * 60 + int(m[2], 0);
		return 0;
	}

	function setText(el, text) {
		if (el)
			el.textContent = text;
	}

	function hasClass(el, c) {
		return (' ' + el.className + ' ').indexOf(' ' + c + ' ') >= 0;
	}

	/* What only this script shows is made here (dom.js says why). */
	var make = window.vivaMake;

	/* --- drafts survive the reloads this script makes ------------------ */

	var drafts = ['message', 'answer'];

	function storage() {
		try {
			return window.sessionStorage || null;
		} catch (e) {
			return null;	/* storage disabled */
		}
	}

	function saveDrafts() {
		var st = storage(), i, el;

		for (i = 0; st && i < drafts.length; i++) {
			el = byId(drafts[i]);
			try {
				if (el && el.value)
					st.setItem('viva-draft-' + drafts[i], el.value);
			} catch (e) { /* full or disabled: nothing to keep */ }
		}
	}

	/* Ended before the final answer went: its box, to copy the draft from. */
	function keptDraft() {
		var sec = make('section', { 'class': 'card', id: 'draft-kept' });
		var ta = make('textarea', { id: 'answer', dir: 'auto', rows: '10',
		    readonly: 'readonly', 'aria-labelledby': 'draft-kept-title' });

		sec.appendChild(make('h2', { id: 'draft-kept-title' },
		    root.id === 'interview' ? 'Your unsent final answer' :
		    'Your unsent answer'));
		sec.appendChild(make('p', { 'class': 'flash flash-warn' },
		    'The interview ended before this was submitted, so it was not' +
		    ' recorded. Copy it if you want to keep it.'));
		sec.appendChild(ta);
		document.querySelector('main').appendChild(sec);
		return ta;
	}

	function restoreDrafts() {
		var st = storage(), i, el, v;

		for (i = 0; st && i < drafts.length; i++) {
			try {
				v = st.getItem('viva-draft-' + drafts[i]);
				st.removeItem('viva-draft-' + drafts[i]);
			} catch (e) {
				v = null;
			}
			el = byId(drafts[i]);
			if (!el && v && drafts[i] === 'answer' && status === 'ended')
				el = keptDraft();
			/* Into a disabled box too: locked now, it is kept for the unlock. */
			if (v && el && el.value === '')
				el.value = v;
		}
	}

	function reload() {
		if (leaving)
			return;
		leaving = true;
		saveDrafts();
		window.location.reload();
	}

	/* --- meters, as candidate.c's set_meter() -------------------------- */

	var levels = [[5, 'red', '5% or less of the'],
	    [10, 'orange', '10% or less of the'],
	    [25, 'yellow', 'A quarter or less of the']];

	function setMeter(stat, left, total, what) {
		var meter = stat.querySelector('.meter');
		var fill = stat.querySelector('.meter-fill');
		var warn = stat.querySelector('.flash-warn');
		var pct = total > 0 ? Math.floor(left * 100 / total) : 0;
		var colour = 'green', warning = '', step, i;

		if (!meter)
			return;	/* ended: what is left is no countdown */
		for (i = 0; i < levels.length; i++)
			if (left * 100 <= levels[i][0] * total) {
				colour = levels[i][1];
				warning = levels[i][2] + ' ' + what + ' is left.';
				break;
			}
		step = left > 0 && pct < 5 ? 5 : Math.floor((pct + 2) / 5) * 5;
		if (step > 100)
			step = 100;
		meter.setAttribute('aria-valuenow', String(pct));
		if (fill)
			fill.className = 'meter-fill meter-' + colour + ' pct-' + step;
		if (warning && !warn) {
			warn = document.createElement('p');
			warn.className = 'flash flash-warn';
			warn.setAttribute('role', 'status');
			stat.appendChild(warn);
		}
		if (warn) {
			if (warning)
				setText(warn, warning);
			else
				warn.parentNode.removeChild(warn);
		}
	}

	/* --- the clock ----------------------------------------------------- */

	var timeLeft = int(clock.getAttribute('data-time-left-s'), 0);
	var timeTotal = parseDuration(clock.getAttribute('data-time-total'));
	var deadline = 0;	/* Date.now() when the server's time_left_s is 0 */
	var timer = null;

	function now() {
		return new Date().getTime();
	}

	function showTime() {
		var label = clock.querySelector('.stat-label');

		setText(byId('time-left'), duration(timeLeft));
		/* An ended page says "Time unused of", and keeps it. */
		if (label && status !== 'ended')
			setText(label, 'Time left of ' + duration(timeTotal));
		setMeter(clock, timeLeft, timeTotal, 'time');
	}

	function tick() {
		var left = Math.ceil((deadline - now()) / 1000);

		if (left < 0)
			left = 0;
		if (left !== timeLeft) {
			timeLeft = left;
			showTime();
		}
		if (left <= 0) {
			window.clearInterval(timer);
			timer = null;
			/* A second late, so the server surely agrees. */
			window.setTimeout(timeUp, 1000);
		}
	}

	/*
	 * An answer written but not sent (the final answer here, the current
	 * question's on an adaptive page) goes now: the server keeps one that
	 * comes just after the time ran out, marked late, where a reload
	 * would only have offered it back to copy.
	 */
	function timeUp() {
		var box = byId('answer');

		if (leaving)
			return;
		if (box && box.form && !/^\s*$/.test(box.value) && !signedOut) {
			leaving = true;
			box.form.submit();
			return;
		}
		reload();
	}

	function startClock(left) {
		timeLeft = left;
		deadline = now() + left * 1000;
		if (timer === null && status === 'active') {
			if (left <= 0) {
				/* Time is up but the page said active: ask again, not in a loop. */
				window.setTimeout(reload, 5000);
				return;
			}
			timer = window.setInterval(tick, 250);
		}
	}

	/* --- tokens and messages left -------------------------------------- */

	var tokens = byId('res-tokens');

	function repliesShown() {
		var conv = byId('conversation');

		return conv ? conv.querySelectorAll('.from-assistant').length : 0;
	}

	/*
	 * The page may show only the latest messages: the server's count of
	 * replies, and those shown since the page loaded.
	 */
	var repliesAtLoad = repliesShown();
	var repliesCounted = (function () {
		var el = byId('res-messages');

		if (!el)
			return repliesAtLoad;
		return int(el.getAttribute('data-replies'), repliesAtLoad);
	}());

	function exchanges() {
		return repliesCounted + repliesShown() - repliesAtLoad;
	}

	/* As the server writes them: 60,000. */
	function grouped(n) {
		return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	}

	function showTokens(left, budget, used) {
		var n = exchanges(), per, label;

		if (!tokens)
			return;
		setText(byId('tokens-left'), grouped(left));
		if (status !== 'ended')
			setText(byId('tokens-label'), 'Tokens left of ' +
			    grouped(budget) + ' (' + grouped(used) + ' used)');
		setMeter(tokens, left, budget, 'token budget');
		if (n > 0) {
			per = Math.floor(used / n);
			if (per < 1)
				per = 1;
			/* As the server's: spent, no next message fits. */
			setText(byId('messages-left'), '\u2248 ' +
			    grouped(spent ? 0 : Math.floor(left / per)));
			label = byId('messages-label');
			setText(label, 'Messages left');
			setText(byId('messages-hint'),
			    'At the average cost of your messages so far.');
		}
	}

	/* {"status", "chat_locked", "tokens_spent", "time_left_s", ...}. */
	function applyResources(res) {
		if (!res)
			return;
		if ((res.status && res.status !== status) ||
		    (res.chat_locked ? true : false) !== locked ||
		    (res.tokens_spent ? true : false) !== spent) {
			/* paused, resumed, locked, spent, given tokens or ended */
			reload();
			return;
		}
		if (typeof res.time_total_s === 'number')
			timeTotal = res.time_total_s;
		if (typeof res.time_left_s === 'number') {
			timeLeft = res.time_left_s;
			if (status === 'active')
				deadline = now() + timeLeft * 1000;
			showTime();
		}
		if (typeof res.tokens_left === 'number')
			showTokens(res.tokens_left, res.token_budget, res.tokens_used);
	}

	/* --- watching the state (the no-script page refreshes instead) ----- */

	function boxesEmpty() {
		var i, el, ae = document.activeElement;

		for (i = 0; i < drafts.length; i++) {
			el = byId(drafts[i]);
			if (el && (el.value !== '' || el === ae))
				return false;
		}
		return true;
	}

	/*
	 * The session is gone (a new invite link signed this browser out):
	 * say so once, stop watching, and keep the boxes as they are, since
	 * a post now would land on an error page and lose what is typed.
	 */
	var signedOut = false;

	function showSignedOut() {
		var el;

		if (signedOut)
			return;
		signedOut = true;
		el = document.createElement('p');
		el.id = 'signed-out';
		el.className = 'flash flash-error';
		el.setAttribute('role', 'alert');
		setText(el, 'This browser is no longer signed in to the interview:' +
		    ' the interviewer has sent a new invitation link. Copy what' +
		    ' you have written, then open the new link to go on.');
		root.parentNode.insertBefore(el, root.nextSibling);
	}

	function poll() {
		if (leaving || sending || signedOut)
			return;
		if (apiMissing) {
			/* As the meta refresh did, but never over the candidate's typing. */
			if (boxesEmpty())
				reload();
			return;
		}
		window.fetch(api + '/state', {
			credentials: 'same-origin',
			headers: { 'Accept': 'application/json' },
			cache: 'no-store'
		}).then(function (resp) {
			if (resp.status === 404 || resp.status === 405) {
				apiMissing = true;
				return null;
			}
			if (resp.status === 401) {
				showSignedOut();
				return null;
			}
			return resp.ok ? resp.json() : null;
		}).then(function (body) {
			if (body && body.resources)
				applyResources(body.resources);
		})['catch'](function () { /* offline for a moment: try again later */ });
	}

	/* --- sending without a reload -------------------------------------- */

	var form = byId('send-form');
	var box = byId('message');
	var button = byId('send-button');
	var sending = false;

	function utcTime() {
		var d = new Date();

		return pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' +
		    pad2(d.getUTCSeconds());
	}

	/*
	 * Like conversation.mustache's card.  html, for the assistant, is the
	 * server's Markdown rendering (cmark with raw HTML off, as on the page);
	 * everything else goes in as text.
	 */
	function appendMessage(who, when, badge, content, html) {
		var conv = byId('conversation'), card, meta, strong, span, body, empty;

		if (!conv)
			return null;
		empty = conv.querySelector('.empty');
		if (empty)
			empty.parentNode.removeChild(empty);
		card = document.createElement('div');
		card.className = 'card message-card ' +
		    (who === 'Assistant' ? 'from-assistant' : 'from-user');
		meta = document.createElement('p');
		meta.className = 'muted';
		strong = document.createElement('strong');
		strong.textContent = who;
		meta.appendChild(strong);
		/* As the server writes it: "16:01:15 UTC". */
		meta.appendChild(document.createTextNode(' \u00b7 ' + when + ' UTC '));
		if (badge) {
			span = document.createElement('span');
			span.className = 'badge badge-muted';
			span.textContent = badge;
			meta.appendChild(span);
		}
		if (typeof html === 'string') {
			body = document.createElement('div');
			body.className = 'message markdown';
			body.innerHTML = html;
		} else {
			body = document.createElement('pre');
			body.className = 'message';
			body.textContent = content;
		}
		/* Its direction from its text, as the server's page has it. */
		body.setAttribute('dir', 'auto');
		card.appendChild(meta);
		card.appendChild(body);
		conv.appendChild(card);
		return card;
	}

	function removeCard(card) {
		if (card && card.parentNode)
			card.parentNode.removeChild(card);
	}

	function showError(text) {
		var el = byId('send-error'), section;

		if (!el) {
			el = document.createElement('p');
			el.id = 'send-error';
			el.className = 'flash flash-error';
			el.setAttribute('role', 'alert');
			section = form.parentNode;
			section.parentNode.insertBefore(el, section);
		}
		setText(el, text);
		if (box && box.parentNode)
			box.parentNode.className += hasClass(box.parentNode,
			    'has-error') ? '' : ' has-error';
		/* As the server's page marks it: heard, not only seen in red. */
		if (box) {
			box.setAttribute('aria-invalid', 'true');
			box.setAttribute('aria-describedby', 'send-error');
		}
	}

	function clearError() {
		var el = byId('send-error');

		if (el)
			el.parentNode.removeChild(el);
		if (box && box.parentNode)
			box.parentNode.className = box.parentNode.className
			    .replace(/\s*\bhas-error\b/g, '');
		if (box) {
			box.removeAttribute('aria-invalid');
			box.removeAttribute('aria-describedby');
		}
	}

	function setBusy(busy) {
		sending = busy;
		if (box) {
			box.disabled = busy;
			if (busy)
				box.setAttribute('aria-busy', 'true');
			else
				box.removeAttribute('aria-busy');
		}
		if (button) {
			button.disabled = busy;
			setText(button, busy ? 'Sending\u2026' : 'Send');
		}
	}

	/* pending: the cards a streamed reply filled so far, replaced now. */
	/* "1 token", "1,234 tokens": conversation.mustache's badge. */
	function tokensWord(n) {
		return grouped(n) + (n === 1 ? ' token' : ' tokens');
	}

	function onSent(text, body, pending) {
		var r = body.reply || {}, mine = body.message;

		clearError();
		if (pending) {
			removeCard(pending.mine);
			removeCard(pending.reply);
		}
		appendMessage('Candidate', (mine && mine.created_at) || utcTime(),
		    mine ? tokensWord(mine.tokens_out || 0) : '', text);
		appendMessage('Assistant', r.created_at || utcTime(),
		    tokensWord(r.tokens_out || 0) + ' \u00b7 ' +
		    grouped((r.tokens_in || 0) + (r.tokens_out || 0)) +
		    ' charged (prompt ' + grouped(r.tokens_in || 0) + ')',
		    r.content || '',
		    typeof r.content_html === 'string' ? r.content_html : undefined);
		box.value = '';
		setBusy(false);
		applyResources(body.resources);
		if (!leaving)
			box.focus();
	}

	/* --- a reply as it streams (server-sent events over fetch) --------- */

	var canStream = canFetch && typeof window.TextDecoder === 'function' &&
	    typeof window.ReadableStream === 'function';

	/* "event: x\ndata: {...}" blocks; returns [{type, data}]. */
	function parseEvents(block) {
		var lines = block.split('\n'), type = 'message', data = '', i, l;

		for (i = 0; i < lines.length; i++) {
			l = lines[i];
			if (l.indexOf('event:') === 0)
				type = l.slice(6).replace(/^ /, '');
			else if (l.indexOf('data:') === 0)
				data += (data ? '\n' : '') + l.slice(5).replace(/^ /, '');
		}
		try {
			return { type: type, data: JSON.parse(data) };
		} catch (e) {
			return { type: 'bad', data: null };
		}
	}

	/*
	 * Shows the reply growing as the text arrives; "done" puts the stored
	 * messages in its place, "error" takes it away and keeps the text in
	 * the box, as a failed plain send does.
	 */
	function readStream(resp, text) {
		var reader = resp.body.getReader(), decoder = new TextDecoder();
		var pending = { mine: null, reply: null }, buffered = '', finished = false;

		pending.mine = appendMessage('Candidate', utcTime(), '', text);
		pending.reply = appendMessage('Assistant', utcTime(), 'writing\u2026', '');
		if (pending.reply)
			pending.reply.setAttribute('aria-busy', 'true');

		function handle(ev) {
			var pre = pending.reply && pending.reply.querySelector('pre');

			if (ev.type === 'delta' && ev.data && pre)
				pre.textContent += ev.data.text || '';
			else if (ev.type === 'done' && ev.data && ev.data.reply) {
				finished = true;
				onSent(text, ev.data, pending);
			} else if (ev.type === 'error' || ev.type === 'bad') {
				finished = true;
				removeCard(pending.mine);
				removeCard(pending.reply);
				onFailed(resp, ev.data);
			}
		}

		/* The stream ended without its last event: saved or not, unknown. */
		function lost() {
			if (finished)
				return;
			finished = true;
			removeCard(pending.mine);
			removeCard(pending.reply);
			setBusy(false);
			showError('The connection was lost while the reply arrived;' +
			    ' your message is still in the box. Reload the page to' +
			    ' see whether it was saved before sending it again.');
		}

		function pump() {
			return reader.read().then(function (chunk) {
				var blocks, i;

				if (chunk.done) {
					lost();
					return;
				}
				buffered += decoder.decode(chunk.value, { stream: true })
				    .replace(/\r\n?/g, '\n');
				blocks = buffered.split('\n\n');
				buffered = blocks.pop();
				for (i = 0; i < blocks.length && !finished; i++)
					if (blocks[i] !== '')
						handle(parseEvents(blocks[i]));
				return finished ? reader.cancel() : pump();
			});
		}
		return pump()['catch'](lost);
	}

	function onFailed(resp, body) {
		var e = body && body.error, msg = e && e.message;

		/* A field's own message says more than "see fields". */
		if (e && e.fields && typeof e.fields.text === 'string')
			msg = e.fields.text;

		setBusy(false);
		showError(msg || 'The message could not be sent (' + resp.status +
		    '). It is still in the box; try again.');
		if (resp.status === 409)
			poll();	/* paused, locked or ended meanwhile: reload then */
	}

	function send(ev) {
		var text = box.value;

		if (apiMissing || sending)
			return;	/* the plain form post, or already under way */
		if (ev.preventDefault)
			ev.preventDefault();
		if (/^\s*$/.test(text)) {
			showError('Write a message first.');
			return;
		}
		setBusy(true);
		window.fetch(api + '/messages', {
			method: 'POST',
			credentials: 'same-origin',
			headers: {
				'Content-Type': 'application/json',
				'Accept': canStream ? 'text/event-stream, application/json' :
				    'application/json',
				'X-CSRF-Token': csrf
			},
			body: JSON.stringify({ text: text })
		}).then(function (resp) {
			if (resp.status === 404 || resp.status === 405) {
				/* No JSON API on this server: post the form as without JS. */
				apiMissing = true;
				setBusy(false);
				form.submit();
				return;
			}
			if (resp.ok && resp.body && (resp.headers.get('Content-Type') ||
			    '').indexOf('text/event-stream') === 0)
				return readStream(resp, text);
			return resp.json().then(function (body) {
				if (resp.ok && body && body.reply)
					onSent(text, body);
				else
					onFailed(resp, body);
			}, function () {
				onFailed(resp, null);
			});
		})['catch'](function () {
			setBusy(false);
			showError('The server could not be reached; your message is' +
			    ' still in the box. Check the connection and send again.');
		});
	}

	/* --- start --------------------------------------------------------- */

	restoreDrafts();
	/* Signed out: a final answer posted now would be lost on an error page. */
	if (byId('final-form') && byId('final-form').addEventListener)
		byId('final-form').addEventListener('submit', function (ev) {
			if (signedOut)
				ev.preventDefault();
		}, false);
	if (timeTotal <= 0)
		timeTotal = timeLeft;
	startClock(timeLeft);
	if (status === 'active' || status === 'paused')
		window.setInterval(poll, apiMissing ? 30000 : 10000);
	if (form && box && !apiMissing) {
		if (form.addEventListener)
			form.addEventListener('submit', send, false);
		/* Ctrl+Enter sends, as chat boxes do. */
		box.addEventListener('keydown', function (ev) {
			if ((ev.ctrlKey || ev.metaKey) && (ev.key === 'Enter' ||
			    ev.keyCode === 13)) {
				if (apiMissing)
					form.submit();
				else
					send(ev);
			}
		}, false);
	}
})();

/*
 * candidate.js: enhances the candidate's interview page and the adaptive
 * one; the page works without it.  It ticks the clock (the server decides
 * when time is up: at 0 it asks, then an answer written but not sent goes,
 * else the page reloads, and the server says what happened), watches the
 * interview's state instead of the no-script page refresh, keeps what is
 * typed as a draft in this browser until it is sent, and sends messages
 * without a reload through the JSON API (the reply shown as it streams
 * where the browser can read a stream), falling back to the plain form
 * when that is missing.  Server text only ever goes in as text, but for
 * replies the server rendered from Markdown with raw HTML off.
 * Plain ES5, no build step; loaded with defer, so the DOM is ready.
 */
(function () {
	'use strict';

	/* The assisted interview's page, or an adaptive one's. */
	var root = document.getElementById('interview') ||
	    document.getElementById('adaptive');
	/* Only while a timed interview runs. */
	var clock = document.getElementById('res-time');

	if (!root || !document.querySelector || !window.JSON)
		return;

	var adaptive = root.id === 'adaptive';
	var api = root.getAttribute('data-api') || '';
	var csrf = root.getAttribute('data-csrf') || '';
	var status = root.getAttribute('data-status') || '';
	var locked = root.getAttribute('data-locked') === '1';
	var spent = root.getAttribute('data-spent') === '1';
	var canFetch = typeof window.fetch === 'function';
	var apiMissing = !canFetch || api === '';
	var leaving = false;
	/* The clock reached zero: the end is being settled, not polled. */
	var ending = false;

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

	function now() {
		return new Date().getTime();
	}

	function blank(s) {
		return /^\s*$/.test(s || '');
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

	function on(el, type, fn) {
		if (el && el.addEventListener)
			el.addEventListener(type, fn, false);
	}

	function remove(el) {
		if (el && el.parentNode)
			el.parentNode.removeChild(el);
	}

	/* What only this script shows is made here (dom.js says why). */
	var make = window.vivaMake;

	/* --- drafts, kept in this browser until they are sent -------------- */

	/*
	 * What is typed is kept as it is typed, under the interview (and, on
	 * an adaptive page, the question): a reload, a closed tab or the
	 * invitation opened again finds it.  A draft comes back only into an
	 * empty box, never over what the server put there (a refused send).
	 * It is dropped once sent: at once for a message sent here, on the
	 * next page for a form posted, whose answer either recorded it or
	 * shows it back.  Records are {v: text, t: saved at, d: when the
	 * time runs out, s: posted}.
	 */
	var GRACE_MS = 120000;	/* interview.h INTERVIEW_FINAL_GRACE_S */
	var KEEP_MS = 2 * 24 * 3600 * 1000;	/* then a draft is forgotten */
	var draftPrefix = 'viva-draft:';
	var draftKey = draftPrefix + (root.getAttribute('data-interview') ||
	    's' + csrf) + ':';
	var deadline = 0;	/* now() when the server's time_left_s is 0 */

	function storage() {
		var names = ['localStorage', 'sessionStorage'], i, st;

		/* Private modes may refuse either, or throw on the very name. */
		for (i = 0; i < names.length; i++) {
			try {
				st = window[names[i]];
				if (st) {
					st.setItem(draftPrefix + 'test', '1');
					st.removeItem(draftPrefix + 'test');
					return st;
				}
			} catch (e) { /* try the next */ }
		}
		return null;
	}

	var store = storage();

	function readDraft(name) {
		var rec = null;

		try {
			rec = store ? JSON.parse(store.getItem(draftKey + name)) : null;
		} catch (e) {
			rec = null;
		}
		return rec && typeof rec.v === 'string' ? rec : null;
	}

	function writeDraft(name, text, posted) {
		try {
			if (!store)
				return;
			if (text === '')
				store.removeItem(draftKey + name);
			else
				store.setItem(draftKey + name, JSON.stringify({ v: text,
				    t: now(), d: status === 'active' ? deadline : 0,
				    s: posted ? 1 : 0 }));
		} catch (e) { /* full or disabled: nothing to keep */ }
	}

	function dropDraft(name) {
		writeDraft(name, '');
	}

	/* Every draft of this browser: [{key, name (this interview's), rec}]. */
	function allDrafts() {
		var out = [], i, k, rec;

		try {
			for (i = 0; store && i < store.length; i++) {
				k = store.key(i);
				if (k === null || k.indexOf(draftPrefix) !== 0)
					continue;
				try {
					rec = JSON.parse(store.getItem(k));
				} catch (e) {
					rec = null;
				}
				out.push({ key: k, rec: rec, name: k.indexOf(draftKey) === 0 ?
				    k.slice(draftKey.length) : null });
			}
		} catch (e) { /* storage gone: nothing kept */ }
		return out;
	}

	/* The adaptive page's open question's number, else 0. */
	function openQuestion() {
		var n = document.querySelector('form[action="/c/answer"] input[name=n]');

		return n ? int(n.value, 0) : 0;
	}

	/* The boxes a draft is kept for: [{el, name}]. */
	function draftBoxes() {
		var out = [], el;

		if (adaptive) {
			el = byId('answer');
			if (el && openQuestion() > 0)
				out.push({ el: el, name: 'answer-' + openQuestion() });
			return out;
		}
		if ((el = byId('message')))
			out.push({ el: el, name: 'message' });
		if ((el = byId('answer')))
			out.push({ el: el, name: 'final' });
		return out;
	}

	/*
	 * A final answer or an adaptive answer posted, and its box here again
	 * and empty: the post never arrived (a success ends the interview or
	 * moves on; a refusal puts the text back).  Not a chat message, which
	 * once sent leaves the same empty box.
	 */
	function postLost(name) {
		var boxes = draftBoxes(), i;

		for (i = 0; i < boxes.length; i++)
			if (boxes[i].name === name && name !== 'message')
				return boxes[i].el.value === '';
		return false;
	}

	/*
	 * Forgets the old, the posted (the page now shows what became of
	 * them) and, on an adaptive page, those of questions no longer open.
	 */
	function pruneDrafts() {
		var all = allDrafts(), n = openQuestion(), i, d, rec;

		for (i = 0; i < all.length; i++) {
			d = all[i];
			rec = d.rec;
			if (rec && rec.s && d.name !== null && postLost(d.name)) {
				writeDraft(d.name, rec.v);	/* to be restored */
				continue;
			}
			if (!rec || typeof rec.v !== 'string' || !(now() - rec.t < KEEP_MS) ||
			    (d.name !== null && (rec.s || (n > 0 &&
			    /^answer-/.test(d.name) && d.name !== 'answer-' + n)))) {
				try {
					store.removeItem(d.key);
				} catch (e) { /* nothing to do */ }
			}
		}
	}

	function restoredNotice(box) {
		var f = box.form || box.parentNode;

		if (byId('draft-restored') || !f)
			return;
		f.insertBefore(make('p', { 'class': 'flash flash-info', role: 'status',
		    id: 'draft-restored' }, 'Your unsent draft was restored.'),
		    f.firstChild);
	}

	function restoreDrafts() {
		var boxes = draftBoxes(), i, rec, b;

		for (i = 0; i < boxes.length; i++) {
			b = boxes[i];
			rec = readDraft(b.name);
			/* Into a disabled box too: locked now, it is kept for the unlock. */
			if (rec && !blank(rec.v) && b.el.value === '') {
				b.el.value = rec.v;
				restoredNotice(b.el);
			}
			on(b.el, 'input', keepDraft(b));
		}
	}

	function keepDraft(b) {
		return function () {
			writeDraft(b.name, b.el.value);
		};
	}

	/* A form posted: its draft goes once the next page has loaded. */
	function draftPosted(box) {
		var boxes = draftBoxes(), i;

		for (i = 0; i < boxes.length; i++)
			if (boxes[i].el === box)
				writeDraft(boxes[i].name, box.value, true);
	}

	function watchPosts() {
		var boxes = draftBoxes(), i;

		for (i = 0; i < boxes.length; i++)
			if (boxes[i].el.form)
				on(boxes[i].el.form, 'submit', postedBy(boxes[i]));
	}

	/*
	 * Only the box its button sends: the assisted page's one form has
	 * Send (the message), Submit (the final answer) and Save draft
	 * (neither: the server keeps both, and shows them again).
	 */
	function postedBy(b) {
		return function (ev) {
			var posts = postsOf(ev);

			if (!ev.defaultPrevented && (posts === null || posts === b.name))
				draftPosted(b.el);
		};
	}

	/*
	 * The button a form was posted with: the submit event says where the
	 * browser is new enough, else it was the last one clicked.
	 */
	var clicked = null;

	on(document, 'click', function (ev) {
		var t = ev.target;

		while (t && t.nodeName !== 'BUTTON')
			t = t.parentNode;
		if (t && t.type === 'submit')
			clicked = t;
	});

	/* What it posts ("message", "final", "" for none), null if unsaid. */
	function postsOf(ev) {
		var b = ev.submitter || clicked;

		return b && b.form === ev.target && b.hasAttribute('data-posts') ?
		    b.getAttribute('data-posts') : null;
	}

	/* A form.submit() that is the final answer's, on the one form too. */
	function postAnswer(box) {
		if (box.form.id === 'send-form')
			box.form.appendChild(make('input', { type: 'hidden',
			    name: 'final', value: '1' }));
		box.form.submit();
	}

	/* --- drafts the end left unsent, shown to copy --------------------- */

	var keptTexts = {
		message: ['Your unsent message', 'The interview ended before' +
		    ' this message was sent: the assistant did not see it.' +
		    ' Copy it if you want to keep it.'],
		final: ['Your unsent final answer', 'The interview ended before' +
		    ' this was submitted, so it was not recorded. Copy it if you' +
		    ' want to keep it.'],
		answer: ['Your unsent answer', 'The interview ended before this' +
		    ' answer was sent, so it was not recorded. Copy it if you' +
		    ' want to keep it.']
	};

	/*
	 * A final answer, or an adaptive question's, may still go within the
	 * grace after the time ran out: the server keeps it, marked late.
	 * Its button goes when the grace has (by this browser's clock; the
	 * server has the last word, and shows a refused one back to copy).
	 */
	function lateSubmit(name, ta, rec) {
		var left = rec.d + GRACE_MS - now() - 3000;
		var n = /^answer-(\d+)$/.exec(name), form, button, note;

		if (!rec.d || rec.d > now() || left <= 0 || signedOut)
			return;
		form = make('form', { 'class': 'form', method: 'post',
		    action: n ? '/c/answer' : '/c/final', id: 'late-form' });
		form.appendChild(make('input', { type: 'hidden', name: 'csrf',
		    value: csrf }));
		if (n)
			form.appendChild(make('input', { type: 'hidden', name: 'n',
			    value: n[1] }));
		ta.setAttribute('name', 'answer');
		ta.removeAttribute('readonly');
		ta.parentNode.insertBefore(form, ta);
		form.appendChild(ta);
		note = make('p', { 'class': 'hint' }, 'The time ran out a moment' +
		    ' ago: for two minutes after it, ' + (n ? 'an answer' :
		    'a final answer') + ' is still recorded, marked late for the' +
		    ' interviewer.');
		form.appendChild(note);
		button = make('button', { 'class': 'btn btn-primary', type: 'submit' },
		    n ? 'Send the answer (it will be marked late)' :
		    'Submit (it will be marked late)');
		form.appendChild(make('div', { 'class': 'form-actions' }));
		form.lastChild.appendChild(button);
		on(form, 'submit', function () {
			writeDraft(name, ta.value, true);
		});
		window.setTimeout(function () {
			remove(note);
			remove(button.parentNode);
			ta.setAttribute('readonly', 'readonly');
		}, left);
	}

	function keptDraft(name, rec) {
		var kind = /^answer-/.test(name) ? 'answer' : name;
		var id = 'draft-kept-' + name, sec, ta, forget;

		if (!keptTexts[kind] || byId(id))
			return;
		sec = make('section', { 'class': 'card draft-kept', id: id });
		ta = make('textarea', { id: id + '-text', dir: 'auto', rows: '8',
		    readonly: 'readonly', 'aria-labelledby': id + '-title' });
		sec.appendChild(make('h2', { id: id + '-title' }, keptTexts[kind][0] +
		    (kind === 'answer' ? ' to question ' + name.slice(7) : '')));
		sec.appendChild(make('p', { 'class': 'flash flash-warn' },
		    keptTexts[kind][1]));
		ta.value = rec.v;
		sec.appendChild(ta);
		forget = make('button', { 'class': 'btn btn-secondary', type: 'button' },
		    'Forget this draft');
		on(forget, 'click', function () {
			dropDraft(name);
			remove(sec);
		});
		sec.appendChild(make('div', { 'class': 'form-actions' }));
		sec.lastChild.appendChild(forget);
		document.querySelector('main').appendChild(sec);
		if (kind !== 'message')
			lateSubmit(name, ta, rec);
	}

	/* An ended page: what was written and never sent, to copy. */
	function showKeptDrafts() {
		var all = allDrafts(), i;

		for (i = 0; i < all.length; i++)
			if (all[i].name !== null && all[i].rec && !blank(all[i].rec.v) &&
			    !all[i].rec.s)
				keptDraft(all[i].name, all[i].rec);
	}

	function reload() {
		if (leaving)
			return;
		leaving = true;
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

	var timeLeft = clock ? int(clock.getAttribute('data-time-left-s'), 0) : 0;
	var timeTotal = clock ?
	    parseDuration(clock.getAttribute('data-time-total')) : 0;
	var timer = null;

	function showTime() {
		var label = clock && clock.querySelector('.stat-label');

		if (!clock)
			return;
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
			/*
			 * From now on the end is settled here, whatever a poll on
			 * its way says: a second late, so the server surely agrees.
			 */
			ending = true;
			window.setTimeout(timeUp, 1000);
		}
	}

	/*
	 * The interview has ended (the server says so): an answer written
	 * but not sent (the final answer here, the open question's on an
	 * adaptive page) goes now, as the server keeps one that comes within
	 * two minutes after the time ran out, marked late, and says so.
	 * Otherwise the page reloads and says why it ended; a message left
	 * unsent shows there, to copy.
	 */
	function finish() {
		var box = byId('answer');

		if (leaving)
			return;
		/* Offline, a post or a reload would only show the browser's error. */
		if (window.navigator && window.navigator.onLine === false) {
			waitOnline();
			return;
		}
		if (box && box.form && !box.readOnly && !box.disabled &&
		    !blank(box.value) && !signedOut) {
			leaving = true;
			draftPosted(box);
			postAnswer(box);
			return;
		}
		reload();
	}

	var waiting = false;

	function waitOnline() {
		var box = byId('answer');

		if (waiting)
			return;
		waiting = true;
		root.parentNode.insertBefore(make('p', { id: 'offline',
		    'class': 'flash flash-warn', role: 'alert' }, 'The time is up,' +
		    ' and this browser is offline. ' + (box && !blank(box.value) ?
		    'Your answer is sent as soon as the connection is back; within' +
		    ' two minutes of the end it is still recorded, marked late.' :
		    'The page updates once the connection is back.')),
		    root.nextSibling);
		on(window, 'online', function () {
			waiting = false;
			remove(byId('offline'));
			finish();
		});
	}

	/* GET the state: resolves to its resources, or null. */
	function fetchState() {
		return window.fetch(api + '/state', {
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
			return body && body.resources ? body.resources : null;
		});
	}

	/*
	 * The clock reached zero.  The server has the last word: still
	 * running (this clock ran fast), the clock goes on from its figure;
	 * else, or if it cannot be asked, the end.
	 */
	function timeUp() {
		if (leaving)
			return;
		ending = true;
		if (apiMissing || signedOut) {
			finish();
			return;
		}
		fetchState().then(function (res) {
			if (res && res.status === 'active' && status === 'active' &&
			    typeof res.time_left_s === 'number') {
				ending = false;
				applyResources(res);
				startClock(res.time_left_s);
				return;
			}
			finish();
		})['catch'](finish);
	}

	/*
	 * Given more time, or a pause's: the drafts learn the new end, which
	 * decides whether an unsent final answer may still go late.
	 */
	function moveDeadline(d) {
		var boxes = draftBoxes(), i;
		var moved = Math.abs(d - deadline) > 2000;

		deadline = d;
		for (i = 0; moved && i < boxes.length; i++)
			if (boxes[i].el.value !== '' && readDraft(boxes[i].name))
				writeDraft(boxes[i].name, boxes[i].el.value);
	}

	function startClock(left) {
		timeLeft = left;
		deadline = clock ? now() + left * 1000 : 0;
		if (!clock || timer !== null || status !== 'active')
			return;
		if (left <= 0) {
			/* Time is up but the page said active: ask, a moment later. */
			ending = true;
			window.setTimeout(timeUp, 1000);
			return;
		}
		timer = window.setInterval(tick, 250);
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

	/*
	 * Messages left: the server's figure when the state carries it
	 * (messages_left, from the interview's replies in every tab and
	 * device, as the pages show it); else estimated from the replies
	 * this page knows of.
	 */
	function showMessagesLeft(res) {
		var n = exchanges(), per, left;

		if (typeof res.messages_left === 'number' &&
		    typeof res.replies === 'number') {
			n = res.replies;
			left = res.messages_left;
		} else if (n > 0) {
			per = Math.floor(res.tokens_used / n);
			if (per < 1)
				per = 1;
			/* As the server's: spent, no next message fits. */
			left = spent ? 0 : Math.floor(res.tokens_left / per);
		}
		if (n <= 0)
			return;
		setText(byId('messages-left'), '\u2248 ' + grouped(left));
		setText(byId('messages-label'), 'Messages left');
		setText(byId('messages-hint'),
		    'At the average cost of your messages so far.');
	}

	function showTokens(res) {
		var left = res.tokens_left, budget = res.token_budget;

		if (!tokens)
			return;
		setText(byId('tokens-left'), grouped(left));
		if (status !== 'ended')
			setText(byId('tokens-label'), 'Tokens left of ' +
			    grouped(budget) + ' (' + grouped(res.tokens_used) +
			    ' used)');
		setMeter(tokens, left, budget, 'token budget');
		showMessagesLeft(res);
	}

	function isRunning(s) {
		return s === 'active' || s === 'paused';
	}

	/* {"status", "chat_locked", "tokens_spent", "time_left_s", ...}. */
	function applyResources(res) {
		if (!res || leaving)
			return;
		/*
		 * Ended while this page ran: the answer being written goes (the
		 * server keeps it within the grace, or shows it back to copy),
		 * never a reload that would drop it.
		 */
		if (res.status && status === 'active' && !isRunning(res.status)) {
			ending = true;
			finish();
			return;
		}
		/* An adaptive page has no chat to lock, nor a budget of its own. */
		if ((res.status && res.status !== status) || (!adaptive &&
		    ((res.chat_locked ? true : false) !== locked ||
		    (res.tokens_spent ? true : false) !== spent))) {
			/* paused, resumed, locked, spent, given tokens */
			reload();
			return;
		}
		if (typeof res.time_total_s === 'number')
			timeTotal = res.time_total_s;
		if (typeof res.time_left_s === 'number' && clock) {
			timeLeft = res.time_left_s;
			if (status === 'active' && !ending)
				moveDeadline(now() + timeLeft * 1000);
			showTime();
		}
		if (typeof res.tokens_left === 'number')
			showTokens(res);
	}

	/* --- watching the state (the no-script page refreshes instead) ----- */

	function boxesEmpty() {
		var boxes = draftBoxes(), i, ae = document.activeElement;

		for (i = 0; i < boxes.length; i++)
			if (boxes[i].el.value !== '' || boxes[i].el === ae)
				return false;
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

	/*
	 * A message of the candidate's being answered, sent from another tab
	 * or device (conversation.mustache's in-flight card): the page asks
	 * often, and reloads once its reply is stored (or its call failed).
	 * The boxes' drafts are kept in this browser and come back after.
	 */
	function answering() {
		var conv = byId('conversation');

		return conv ? conv.querySelector('.in-flight') !== null : false;
	}

	/* The state says no message is being answered now, or a new reply. */
	function answered(res) {
		return res.tokens_reserved === 0 || (typeof res.replies ===
		    'number' && res.replies !== exchanges());
	}

	/* Paused, the page asks often: the resume shows within seconds. */
	function pollDelay() {
		if (apiMissing)
			return answering() ? 5000 : 30000;
		return status === 'paused' || answering() ? 3000 : 10000;
	}

	function schedulePoll() {
		window.setTimeout(function () {
			poll();
			if (!leaving && !signedOut)
				schedulePoll();
		}, pollDelay());
	}

	function poll() {
		if (leaving || sending || signedOut || ending)
			return;
		if (apiMissing) {
			/* As the meta refresh did, but never over the candidate's typing. */
			if (boxesEmpty())
				reload();
			return;
		}
		fetchState().then(function (res) {
			/* The clock may have reached zero meanwhile: it decides. */
			if (ending)
				return;
			if (res && answering() && answered(res))
				reload();
			else
				applyResources(res);
		})['catch'](function () { /* offline for a moment: try again later */ });
	}

	/*
	 * The paused page's "checks again every 30 seconds" is the no-script
	 * refresh's; with this script the resume shows within seconds.
	 */
	var pausedWas = / ?([;.]) ?(this page checks again every 30 seconds|reload this page once the interview resumes)\./i;

	function pausedText() {
		var ps = document.querySelectorAll('p.flash-warn'), i, t;

		for (i = 0; !apiMissing && i < ps.length; i++) {
			t = ps[i].textContent;
			if (t.indexOf('has paused the interview') >= 0)
				setText(ps[i], t.replace(pausedWas, function (m, stop) {
					return stop + (stop === ';' ? ' this' : ' This') +
					    ' page updates by itself when the interview resumes.';
				}));
		}
	}

	/* --- sending without a reload -------------------------------------- */

	var form = byId('send-form');
	var box = byId('message');
	/* The final answer's box, whose text each send keeps on the server. */
	var answerBox = byId('answer');
	var button = byId('send-button');
	var sending = false;

	function utcTime() {
		var d = new Date();

		return pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' +
		    pad2(d.getUTCSeconds());
	}

	/*
	 * A reply is announced once it is whole, not token by token as it
	 * streams: this region, after the conversation, says it.
	 */
	function announce(text) {
		var conv = byId('conversation'), el = byId('reply-live');

		if (!conv)
			return;
		if (!el) {
			el = make('div', { id: 'reply-live', 'class': 'sr-only',
			    role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
			conv.parentNode.insertBefore(el, conv.nextSibling);
		}
		setText(el, text);
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
		remove(card);
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

	/*
	 * The box is read-only while a message goes, not disabled: a disabled
	 * box would drop the focus to the page, and the candidate, typing on,
	 * would lose their place.
	 */
	function setBusy(busy) {
		sending = busy;
		if (box) {
			box.readOnly = busy;
			if (busy)
				box.setAttribute('aria-busy', 'true');
			else
				box.removeAttribute('aria-busy');
		}
		if (button) {
			button.disabled = busy;
			setText(button, busy ? 'Sending\u2026' : 'Send');
		}
		if (box && !leaving && (busy || document.activeElement === button ||
		    !document.activeElement || document.activeElement === document.body))
			box.focus();
	}

	/* "1 token", "1,234 tokens": conversation.mustache's badge. */
	function tokensWord(n) {
		return grouped(n) + (n === 1 ? ' token' : ' tokens');
	}

	/* pending: the cards a streamed reply filled so far, replaced now. */
	function onSent(text, body, pending) {
		var r = body.reply || {}, mine = body.message, card;

		clearError();
		if (pending) {
			removeCard(pending.mine);
			removeCard(pending.reply);
		}
		appendMessage('Candidate', (mine && mine.created_at) || utcTime(),
		    mine ? tokensWord(mine.tokens_out || 0) : '', text);
		card = appendMessage('Assistant', r.created_at || utcTime(),
		    tokensWord(r.tokens_out || 0) + ' \u00b7 ' +
		    grouped((r.tokens_in || 0) + (r.tokens_out || 0)) +
		    ' charged (prompt ' + grouped(r.tokens_in || 0) + ')',
		    r.content || '',
		    typeof r.content_html === 'string' ? r.content_html : undefined);
		if (card)
			announce('The assistant replied: ' +
			    card.lastChild.textContent);
		/* Sent: its draft goes, unless more was typed meanwhile. */
		if (box.value === text) {
			box.value = '';
			dropDraft('message');
		}
		setBusy(false);
		applyResources(body.resources);
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
		else if (e && e.fields && typeof e.fields.answer === 'string')
			msg = 'Your final answer: ' + e.fields.answer +
			    ' Nothing was sent: shorten it first.';

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
		if (blank(text)) {
			showError('Write a message first.');
			return;
		}
		/* An old error is not about this send: it goes as this one starts. */
		clearError();
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
			/*
			 * The final answer being written goes along, for the server
			 * to keep as the form's send does: another device finds it.
			 */
			body: JSON.stringify(answerBox ? { text: text,
			    answer: answerBox.value } : { text: text })
		}).then(function (resp) {
			if (resp.status === 404 || resp.status === 405) {
				/* No JSON API on this server: post the form as without JS. */
				apiMissing = true;
				setBusy(false);
				draftPosted(box);
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

	pruneDrafts();
	if (status === 'ended')
		showKeptDrafts();
	else
		restoreDrafts();
	if (timeTotal <= 0)
		timeTotal = timeLeft;
	startClock(timeLeft);
	pausedText();
	if (isRunning(status))
		schedulePoll();
	if (form && box && !apiMissing) {
		on(form, 'submit', function (ev) {
			var posts = postsOf(ev);

			if (posts === null || posts === 'message')
				send(ev);
			/* Signed out: a post now would be lost on an error page. */
			else if (signedOut)
				ev.preventDefault();
		});
		/* Ctrl+Enter sends, as chat boxes do. */
		on(box, 'keydown', function (ev) {
			if ((ev.ctrlKey || ev.metaKey) && (ev.key === 'Enter' ||
			    ev.keyCode === 13)) {
				if (apiMissing)
					form.submit();
				else
					send(ev);
			}
		});
	}
	/* After the listeners that may keep a form from posting. */
	watchPosts();
})();

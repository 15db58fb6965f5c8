// live.test.mjs: live voice (static/live.js) in headless Chromium, through nginx and
// viva-worker to the fake realtime provider (tests/fakeai/realtime.mjs), with a fake
// microphone that says a sentence made by espeak-ng.  A spoken turn end to end: the page
// connects, the microphone's 20 ms frames reach the provider, the AI's reply is queued and
// played, the candidate's interruption flushes it and truncates the reply where it was
// heard, captions show both sides, the question advances when the provider calls
// evaluate_candidate_answer, and the end page comes when the interview ends.  Then the
// fallbacks to the turn-by-turn forms: after 3 refused connections (a provider's error
// event among them), in a browser without AudioWorklet, and with a microphone refused, in
// use or missing; and a second tab that takes the interview over from the first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { launch, check, expect, done, base, signIn, sql, eventually } from './lib.mjs';

const fakeai = process.env.VIVA_FAKEAI;
const wav = 'tests/e2e/out/live-answer.wav';
mkdirSync('tests/e2e/out', { recursive: true });
// espeak-ng is in the Makefile's Debian packages; it writes 16-bit mono WAV.
execFileSync('espeak-ng', ['-s', '150', '-w', wav,
	'A list can change after it is made, and a tuple cannot.']);
expect(existsSync(wav), 'the spoken answer');

const browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
	`--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required']);
const admin = await (await browser.newContext()).newPage();
const shot = (page, name) => page.screenshot({ path: `tests/e2e/out/${name}.png`, fullPage: true });

async function fake(method, path, body) {
	const r = await fetch(`${fakeai}${path}`, { method, body: body ? JSON.stringify(body) : undefined });
	return r.json();
}

async function attr(page, name) {
	return Number(await page.locator('#live').getAttribute(name));
}

// A voice interview with the provider's model; returns the invite link and the id.
async function create(name, emailUser, practice = false) {
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', name);
	await admin.fill('#candidate_email', `${emailUser}@example.com`);
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'gpt-4o-mini');
	await admin.fill('#min_questions', '3');
	await admin.fill('#max_questions', '4');
	await admin.check('input[name=voice]');
	if (practice)
		await admin.check('input[name=practice]');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	const link = (await admin.locator('.secret').innerText()).trim();
	const id = Number((await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href')).split('/').pop());
	return { link, id };
}

async function candidate(link, init) {
	const ctx = await browser.newContext({ permissions: ['microphone'] });
	if (init)
		await ctx.addInitScript(init);
	const page = await ctx.newPage();
	await page.goto(link);
	if (await page.locator('form[action="/c/start"]').count() > 0) {
		await page.click('form[action="/c/start"] button[type=submit]');
		await page.waitForURL(`${base}/c`);
	}
	return page;
}

const GOOD = { answer_quality: 'excellent', technical_accuracy: 0.9, explanation_clarity: 0.9,
	identified_skills: ['python'], skill_boundaries_detected: [],
	star: { situation: false, task: false, action: false, result: false }, reasons: 'clear' };
let live, cand;

await check('e2e live: the interviewer offers voice; the consent names live voice', async () => {
	await signIn(admin);
	live = await create('Liv Live', 'liv');
	const page = await (await browser.newContext()).newPage();
	await page.goto(live.link);
	expect((await page.content()).includes('talk with the AI interviewer in real time'), 'the live consent line');
	await page.close();
});

await check('e2e live: the page connects and the microphone\'s frames reach the provider', async () => {
	await fake('POST', '/_fake/realtime/reset');
	cand = await candidate(live.link);
	expect(await cand.locator('#live').isVisible(), 'the live section, shown by the script');
	expect(await cand.locator('#live-needs-provider').count() === 0, 'no "needs a provider" note');
	expect(await cand.locator('#turn-forms').isVisible(), 'the typed form before live voice starts');
	await cand.click('#live-start');
	await cand.waitForFunction(() => document.getElementById('live').dataset.state !== 'idle' &&
		!/^connecting$/.test(document.getElementById('live').dataset.state), null, { timeout: 15000 });
	expect(await cand.locator('#live').getAttribute('data-state') === 'connected',
		`connected, got ${await cand.locator('#live').getAttribute('data-state')}`);
	expect(!(await cand.locator('#turn-forms').isVisible()), 'the turn-by-turn forms put away');
	const rt = await eventually(async () => {
		const r = await fake('GET', '/_fake/realtime');
		return r.appends >= 25 ? r : null;
	}, 10000);
	expect(rt, 'at least half a second of audio appended at the provider');
	expect(rt.events.some(e => e.type === 'session.update'), 'the worker set the session up');
	// The espeak-ng sentence, not silence, at 24 kHz: 48,000 bytes a second.
	expect(rt.audio_peak > 1000, `the spoken answer reached the provider, peak ${rt.audio_peak}`);
	const t0 = Date.now(), b0 = (await fake('GET', '/_fake/realtime')).audio_bytes;
	await cand.waitForTimeout(2000);
	const rate = ((await fake('GET', '/_fake/realtime')).audio_bytes - b0) / ((Date.now() - t0) / 1000);
	expect(rate > 40000 && rate < 56000, `about 48000 bytes/s of PCM16 at 24 kHz, got ${Math.round(rate)}`);
	expect(await attr(cand, 'data-frames-sent') >= 25, 'frames counted by the page');
	await cand.waitForFunction(() => parseFloat(document.getElementById('live-level').style.width) > 10, null,
		{ timeout: 5000 });	// the level meter moves with the voice
	await shot(cand, 'live-connected');
});

await check('e2e live: the AI\'s reply is played and captioned', async () => {
	await fake('POST', '/_fake/realtime', [{ do: 'speak', ms: 1200, text: 'How does a list differ from a tuple?' }]);
	await cand.waitForFunction(() => Number(document.getElementById('live').dataset.aiMs) >= 1200, null,
		{ timeout: 10000 });
	expect(await attr(cand, 'data-ai-chunks') >= 12, 'twelve 100 ms chunks queued');
	await cand.waitForFunction(() => /How does a list differ from a tuple\?/.test(
		document.getElementById('live-captions').textContent), null, { timeout: 5000 });
	// Played out in real time, then it is the candidate's turn.
	await cand.waitForFunction(() => document.getElementById('live').dataset.state === 'you', null,
		{ timeout: 10000 });
});

await check('e2e live: speaking over the AI flushes its reply and truncates it where heard', async () => {
	await fake('POST', '/_fake/realtime/reset');
	await fake('POST', '/_fake/realtime', [{ do: 'speak', ms: 8000, text: 'A long question.' }]);
	await cand.waitForFunction(() => document.getElementById('live').dataset.state === 'ai', null,
		{ timeout: 5000 });
	await cand.waitForTimeout(1500);
	await fake('POST', '/_fake/realtime', [{ do: 'speech_started' }]);
	await cand.waitForFunction(() => Number(document.getElementById('live').dataset.flushes) >= 1, null,
		{ timeout: 5000 });
	const rt = await eventually(async () => {
		const r = await fake('GET', '/_fake/realtime');
		return r.events.find(e => e.type === 'conversation.item.truncate');
	}, 5000);
	expect(rt, 'a truncate sent to the provider');
	// The page reported what it had played: about 1.5 s, far from the 8 s sent.
	expect(rt.audio_end_ms > 500 && rt.audio_end_ms < 4000, `audio_end_ms near 1500, got ${rt.audio_end_ms}`);
});

await check('e2e live: the candidate\'s words are captioned and the question advances', async () => {
	expect((await cand.locator('#progress').innerText()).startsWith('Question 1'), 'question 1 first');
	await fake('POST', '/_fake/realtime', [{ do: 'transcribe', text: 'A list is mutable and a tuple is not.' },
		{ do: 'call', name: 'evaluate_candidate_answer', arguments: GOOD }]);
	await cand.waitForFunction(() => /You: A list is mutable and a tuple is not\./.test(
		document.getElementById('live-captions').textContent), null, { timeout: 5000 });
	await cand.waitForFunction(() => /^Question 2/.test(document.getElementById('progress').textContent), null,
		{ timeout: 10000 });
	expect(await cand.locator('#turn-forms input[name=n]').first().inputValue() === '2', 'the forms answer question 2');
	const stored = await sql(`SELECT answer FROM interview_questions WHERE interview_id = ${live.id} AND n = 1`);
	expect(stored === 'A list is mutable and a tuple is not.', `the spoken answer recorded, got ${stored}`);
	const said = await sql(`SELECT count(*) FROM messages WHERE interview_id = ${live.id}` +
		` AND meta->>'source' = 'realtime'`);
	expect(Number(said) >= 3, `both sides' transcripts stored, got ${said}`);
	await shot(cand, 'live-question-2');
});

await check('e2e live: push to talk sends frames only while the button or space is held', async () => {
	await cand.check('#live-ptt');
	expect(await cand.locator('#live-talk').isVisible(), 'the hold-to-talk button');
	// Its turn said the push-to-talk way: answering aloud alone is not heard now.
	await fake('POST', '/_fake/realtime', [{ do: 'speak', ms: 300, text: 'Go on.' }]);
	await cand.waitForFunction(() => document.getElementById('live').dataset.state === 'ai', null,
		{ timeout: 5000 });
	await cand.waitForFunction(() => document.getElementById('live').dataset.state === 'you', null,
		{ timeout: 5000 });
	const turn = await cand.locator('#live-status').innerText();
	expect(/hold the button \(or the space bar\)/.test(turn), `the status with push to talk, got ${turn}`);
	await cand.waitForTimeout(200);
	const before = await attr(cand, 'data-frames-sent');
	await cand.waitForTimeout(600);
	expect(await attr(cand, 'data-frames-sent') === before, 'no frames while nothing is held');
	await cand.locator('#live-talk').hover();
	await cand.mouse.down();
	await cand.waitForTimeout(600);
	await cand.mouse.up();
	const held = await attr(cand, 'data-frames-sent');
	expect(held - before >= 15, `frames while held, got ${held - before}`);
	// The space bar does the same, even with the checkbox focused.
	await cand.focus('#live-ptt');
	await cand.keyboard.down(' ');
	await cand.waitForTimeout(600);
	await cand.keyboard.up(' ');
	expect(await cand.locator('#live-ptt').isChecked(), 'the space bar did not untick push to talk');
	const spoken = await attr(cand, 'data-frames-sent');
	expect(spoken - held >= 15, `frames while space was held, got ${spoken - held}`);
	await cand.waitForTimeout(400);
	expect(await attr(cand, 'data-frames-sent') === spoken, 'none after release');
	await cand.uncheck('#live-ptt');
	expect(await cand.locator('#live').getAttribute('data-state') !== 'fallback', 'still live');
});

await check('e2e live: when the AI service hangs up the page reconnects with a new ticket', async () => {
	const attempts = await attr(cand, 'data-attempts');
	const tickets = [];
	cand.on('request', req => { if (req.url().endsWith('/c/ticket')) tickets.push(req.url()); });
	await fake('POST', '/_fake/realtime', [{ do: 'drop' }]);	// the worker closes 1011
	await cand.waitForFunction(n => Number(document.getElementById('live').dataset.attempts) > n &&
		document.getElementById('live').dataset.state === 'connected', attempts, { timeout: 15000 });
	expect(tickets.length === 1, `one new ticket, got ${tickets.length}`);
	const rt = await eventually(async () => (await fake('GET', '/_fake/realtime')).sessions === 1, 5000);
	expect(rt, 'one provider session again');
	// The instructions are rebuilt from PostgreSQL: the interview resumes at question 2.
	const ev = await eventually(async () => (await fake('GET', '/_fake/realtime')).events.find(e =>
		e.type === 'session.update' && /Current question \(2\)/.test(JSON.stringify(e))), 5000);
	expect(ev, 'the new session asks question 2');
});

await check('e2e live: when the interview ends the page shows the end', async () => {
	await fake('POST', '/_fake/realtime', [{ do: 'call', name: 'end_interview', arguments: { reason: 'done' } },
		{ do: 'speak', ms: 300, text: 'Thank you, goodbye.' }]);
	await cand.waitForSelector('#ended', { timeout: 20000 });
	await shot(cand, 'live-ended');
	await cand.context().close();
});

await check('e2e live: in practice mode the feedback on a spoken answer appears', async () => {
	const pr = await create('Pia Practice', 'pia', true);
	const page = await candidate(pr.link);
	await page.click('#live-start');
	await page.waitForFunction(() => document.getElementById('live').dataset.state === 'connected', null,
		{ timeout: 15000 });
	await fake('POST', '/_fake/realtime', [{ do: 'transcribe', text: 'I use Python for data scripts.' },
		{ do: 'call', name: 'evaluate_candidate_answer', arguments: GOOD }]);
	await page.waitForSelector('#feedback', { timeout: 10000 });
	const fb = await page.locator('#feedback').innerText();
	expect(fb.includes('Feedback on question 1'), `the feedback card, got ${fb}`);
	expect((await page.locator('#progress').innerText()).startsWith('Question 2'), 'question 2');
	await page.click('#live-stop');
	expect(await page.locator('#turn-forms').isVisible(), 'the forms back after Stop talking');
	await page.context().close();
});

let other;

await check('e2e live: three refused connections bring back the turn-by-turn forms', async () => {
	other = await create('Fay Fallback', 'fay');
	const page = await candidate(other.link);
	// Real tickets, spoilt: the worker refuses each (4401 ticket_invalid).
	await page.route('**/c/ticket', async route => {
		const resp = await route.fetch();
		const j = await resp.json();
		j.url = j.url.replace(/ticket=.*/, 'ticket=forged');
		await route.fulfill({ response: resp, json: j });
	});
	await page.click('#live-start');
	await page.waitForSelector('#live-fallback', { state: 'visible', timeout: 20000 });
	const msg = await page.locator('#live-fallback').innerText();
	expect(/could not connect after 3 tries: The voice server did not accept the connection\./.test(msg),
		`the reason, got ${msg}`);
	expect(/Answer below by typing or by recording each answer/.test(msg), `what to do, got ${msg}`);
	expect(await attr(page, 'data-attempts') === 3, 'three connections tried');
	expect(await page.locator('#turn-forms').isVisible(), 'the forms back');
	expect(!(await page.locator('#live').isVisible()), 'the live section put away');
	await shot(page, 'live-fallback');
	await page.context().close();
});

await check('e2e live: after three sessions dropped at once the page says what happened, not "reconnect"', async () => {
	const dd = await create('Dee Drop', 'dee');
	const page = await candidate(dd.link);
	await page.click('#live-start');
	for (let n = 1; n <= 3; n++) {
		await page.waitForFunction(k => document.getElementById('live').dataset.state === 'connected' &&
			Number(document.getElementById('live').dataset.attempts) === k, n, { timeout: 15000 });
		await fake('POST', '/_fake/realtime', [{ do: 'drop' }]);	// the worker: provider_closed
	}
	await page.waitForSelector('#live-fallback', { state: 'visible', timeout: 10000 });
	const msg = await page.locator('#live-fallback').innerText();
	expect(/could not connect after 3 tries: The AI voice service disconnected\. Reload the page/.test(msg),
		`the reason, got ${msg}`);
	expect(!/reconnect|ticket/i.test(msg), `no advice the page no longer follows, got ${msg}`);
	expect(await page.locator('#answer').isVisible(), 'the typed answer box');
	await page.context().close();
});

await check('e2e live: an AI service that refuses with an error shows its words, then the forms after 3 tries', async () => {
	const pe = await create('Pat Quota', 'pat');
	const page = await candidate(pe.link);
	const quota = { do: 'error', error_type: 'insufficient_quota', code: 'insufficient_quota',
		message: 'You exceeded your current quota.' };
	await page.click('#live-start');
	for (let n = 1; n <= 3; n++) {
		await page.waitForFunction(k => document.getElementById('live').dataset.state === 'connected' &&
			Number(document.getElementById('live').dataset.attempts) === k, n, { timeout: 15000 });
		await fake('POST', '/_fake/realtime', [quota]);	// the worker: provider_error, close 1011
		if (n === 1) {
			await page.waitForFunction(() => /Trying again/.test(document.getElementById('live-status').textContent),
				null, { timeout: 5000 });
			const said = await page.locator('#live-status').innerText();
			expect(/stopped the conversation: You exceeded your current quota\. Trying again in/.test(said),
				`the service's words while retrying, got ${said}`);
		}
	}
	await page.waitForSelector('#live-fallback', { state: 'visible', timeout: 10000 });
	const msg = await page.locator('#live-fallback').innerText();
	expect(/could not connect after 3 tries: The AI voice service stopped the conversation: You exceeded your current quota\./.test(msg),
		`the reason, got ${msg}`);
	expect(await attr(page, 'data-attempts') === 3, 'three connections, no more');
	expect(await page.locator('#answer').isVisible(), 'the typed answer box');
	await page.context().close();
});

await check('e2e live: the interview opened in a second tab stops the first, which does not reconnect', async () => {
	const tt = await create('Tab Twice', 'tab');
	const first = await candidate(tt.link);
	const isConnected = () => document.getElementById('live').dataset.state === 'connected';
	await first.click('#live-start');
	await first.waitForFunction(isConnected, null, { timeout: 15000 });
	const second = await first.context().newPage();	// the same candidate cookie
	await second.goto(`${base}/c`);
	await second.click('#live-start');
	await second.waitForFunction(isConnected, null, { timeout: 15000 });
	await first.waitForFunction(() => document.getElementById('live').dataset.state === 'elsewhere', null,
		{ timeout: 5000 });
	const said = await first.locator('#live-status').innerText();
	expect(/opened in another window or device; this one has stopped\. Press Start talking to continue here/.test(said),
		`what the first tab says, got ${said}`);
	expect(await first.locator('#live-start').isVisible(), 'Start talking, to take it back');
	await first.waitForTimeout(3000);	// past the first retry's 1 s
	expect(await attr(first, 'data-attempts') === 1, 'the first tab did not reconnect');
	expect(await second.locator('#live').getAttribute('data-state') === 'connected', 'the second tab still live');
	await first.context().close();
});

await check('e2e live: with the worker stopped the page falls back after 3 tries and says why', async () => {
	const pidfile = `${process.env.VIVA_VAR}/run/viva-worker.pid`;
	const pid = Number(readFileSync(pidfile, 'utf8'));
	const gone = () => { try { process.kill(pid, 0); return false; } catch { return true; } };
	process.kill(pid, 'SIGTERM');
	try {
		expect(await eventually(async () => gone(), 10000), 'the worker stopped');
		const page = await candidate(other.link);
		await page.click('#live-start');
		await page.waitForSelector('#live-fallback', { state: 'visible', timeout: 20000 });
		const msg = await page.locator('#live-fallback').innerText();
		expect(/could not connect after 3 tries: The voice server could not be reached\./.test(msg),
			`the reason, got ${msg}`);
		expect(await page.locator('#answer').isVisible(), 'the typed answer box');
		await page.context().close();
	} finally {
		// The rest of the suite gets its worker back (run.sh starts only what is down).
		execFileSync('bash', ['scripts/run.sh', '--no-admin'], { env: process.env, stdio: 'ignore' });
	}
});

await check('e2e live: an interview paused meanwhile reloads the page to say so', async () => {
	const page = await candidate(other.link);
	expect(await page.locator('#live').isVisible(), 'the live section');
	await admin.goto(`${base}/admin/interviews/${other.id}?confirm=pause`);
	await admin.click(`form[action="/admin/interviews/${other.id}/pause"] button[type=submit]`);
	expect(await eventually(async () => await sql(`SELECT status FROM interviews WHERE id = ${other.id}`) === 'paused'),
		'the interview paused');
	await page.click('#live-start');	// the ticket is refused with 409: the page reloads
	await page.waitForFunction(() => /has paused the interview/.test(document.body.textContent), null,
		{ timeout: 10000 });
	expect(await page.locator('#live').count() === 0, 'no live section while paused');
	await page.context().close();
	await admin.goto(`${base}/admin/interviews/${other.id}?confirm=resume`);
	await admin.click(`form[action="/admin/interviews/${other.id}/resume"] button[type=submit]`);
	expect(await eventually(async () => await sql(`SELECT status FROM interviews WHERE id = ${other.id}`) === 'active'),
		'the interview running again');
});

await check('e2e live: a browser without AudioWorklet or WebSocket answers turn by turn and says why', async () => {
	const page = await candidate(other.link, () => { delete window.AudioWorkletNode; });
	await page.waitForSelector('#live-fallback', { state: 'visible', timeout: 5000 });
	const msg = await page.locator('#live-fallback').innerText();
	expect(/needs a browser with AudioWorklet/.test(msg), `the reason, got ${msg}`);
	expect(!(await page.locator('#live').isVisible()), 'no live section');
	expect(await page.locator('#answer').isVisible(), 'the typed answer box');
	expect(await page.locator('#voice-form').isVisible(), 'the recording form');
	await page.context().close();
	const old = await candidate(other.link, () => { delete window.WebSocket; });
	await old.waitForSelector('#live-fallback', { state: 'visible', timeout: 5000 });
	const said = await old.locator('#live-fallback').innerText();
	expect(/needs a browser with WebSocket/.test(said), `the reason without WebSocket, got ${said}`);
	await old.context().close();
});

await check('e2e live: a microphone refused, in use or missing says what to do about it', async () => {
	const cases = [['NotAllowedError', /allow the microphone in the browser's site settings.*then reload the page/],
		['NotReadableError', /in use by another program.*Close other programs that use it, then reload the page/],
		['NotFoundError', /No microphone was found.*Connect one, then reload the page/]];
	for (const [name, want] of cases) {
		const page = await candidate(other.link, `navigator.mediaDevices.getUserMedia = function () {
			return Promise.reject(new DOMException('refused', '${name}')); };`);
		await page.click('#live-start');
		await page.waitForSelector('#live-fallback', { state: 'visible', timeout: 5000 });
		const msg = await page.locator('#live-fallback').innerText();
		expect(want.test(msg), `${name}: what to do, got ${msg}`);
		expect(/Answer below by typing/.test(msg), `${name}: the forms meanwhile, got ${msg}`);
		expect(await page.locator('#answer').isVisible(), `${name}: the typed answer box`);
		await page.context().close();
	}
});

await browser.close();
done();

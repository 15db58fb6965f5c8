// oneway.test.mjs: a one-way interview in headless Chromium with a fake microphone:
// the interviewer writes two questions, the candidate consents, records an answer with
// MediaRecorder (static/oneway.js sends it in checksummed chunks and finalizes), plays
// the take back, records again, chooses the first take and submits it, and moves on; the interviewer hears it, rates it
// and recommends, beside a second reviewer's scorecard. When the preparation time is over,
// recording starts by itself (once, on a question's first take), where the browser can
// record; else the page says the time is over. A take the server could not store
// stays in the page and is sent again with "Send it again".
import { launch, check, expect, done, base, signIn, sql } from './lib.mjs';

const browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
const admin = await (await browser.newContext()).newPage();
const cand = await (await browser.newContext({ permissions: ['microphone'] })).newPage();
let link;
cand.on('pageerror', (e) => console.error('page error:', e.message));
cand.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });

await check('e2e oneway: the interviewer writes the questions', async () => {
	await signIn(admin);
	await admin.goto(`${base}/admin/oneway/new`);
	await admin.fill('#candidate_name', 'Ona Way');
	await admin.fill('#candidate_email', 'ona@example.com');
	await admin.fill('#questions', 'Tell us about a bug you fixed.\n[5] Why this role?');
	await admin.fill('#answer_seconds', '30');
	await admin.click('button[value=create]');
	link = (await admin.locator('.secret').innerText()).trim();
	expect(link.includes('/i/'), 'an invite link');
});

await check('e2e oneway: without the stylesheet (a text browser) each bank question is on a line of its own', async () => {
	const page = await admin.context().newPage();
	await page.goto(`${base}/admin/oneway/new`);
	await page.evaluate(() => document.querySelectorAll('link[rel=stylesheet]')
		.forEach(l => l.remove()));
	// Each checkbox starts a line of its own, not after the question before it.
	const at = await page.$$eval('input[name=bank_q]', els => els.slice(0, 3)
		.map(el => el.getBoundingClientRect()).map(r => [Math.round(r.left), Math.round(r.top)]));
	expect(at.length === 3 && at.every(([l]) => l === at[0][0]) &&
		at[0][1] < at[1][1] && at[1][1] < at[2][1],
		`three checkboxes one under the other, got (left, top) ${JSON.stringify(at)}`);
	await page.close();
});

async function record(seconds, attempt) {
	await cand.waitForSelector('#recorder:not([hidden])');
	await cand.click('#rec-start');
	await cand.waitForFunction((s) => new RegExp(`Recording… 0:0${s}`).test(
		document.querySelector('#rec-status').textContent), seconds, { timeout: 10000 })
		.catch(async (e) => {
			throw new Error(`${e.message}; status: ${await cand.locator('#rec-status').innerText()}`);
		});
	await Promise.all([cand.waitForURL(new RegExp(`/c\\?took=${attempt}#take$`), { timeout: 15000 }), cand.click('#rec-stop')]);
}

await check('e2e oneway: the candidate records, listens, records again and submits', async () => {
	await cand.goto(link);
	await cand.click('form[action="/c/start"] button[type=submit]');
	await cand.waitForURL(`${base}/c`);
	expect((await cand.locator('#progress').innerText()) === 'Question 1 of 2', 'question 1 of 2');
	expect(await cand.locator('input[type=file][capture]').count() === 1, 'the file input stays');
	await record(2, 1);
	expect((await cand.locator('#take h2').innerText()).includes('attempt 1'), 'take 1 shown');
	const len = await cand.evaluate(async () => {
		const r = await fetch(document.querySelector('#take audio').src);
		return (await r.arrayBuffer()).byteLength;
	});
	expect(len > 1024, `the take plays back (${len} bytes)`);
	await record(1, 2);
	expect((await cand.locator('#take h2').innerText()).includes('attempt 2'), 'take 2 shown');
	// Both takes are there to hear; the latest is chosen, the candidate picks the first.
	expect(await cand.locator('#take audio').count() === 2, 'both takes to play back');
	expect(await cand.locator('#take input[name=attempt][value="2"]').isChecked(), 'the latest chosen');
	await cand.locator('#take input[name=attempt][value="1"]').check();
	await cand.click('#take button[type=submit]');
	await cand.waitForURL(`${base}/c`);
	expect((await cand.locator('#progress').innerText()) === 'Question 2 of 2', 'question 2 next');
	expect((await cand.locator('#countdown').innerText()).startsWith('Preparation'), 'the countdown');
	await cand.screenshot({ path: 'tests/e2e/out/oneway-question.png', fullPage: true });
	// Question 2 would start recording by itself in 5 s: left here, it is tried below.
	await cand.goto('about:blank');
});

await check('e2e oneway: the interviewer hears the submitted take', async () => {
	const url = (await admin.locator('a.btn', { hasText: 'Open the interview' }).getAttribute('href'));
	await admin.goto(`${base}${url}`);
	const src = await admin.locator('#answer-1 audio').getAttribute('src');
	const r = await admin.evaluate(async (u) => {
		const x = await fetch(u);
		return { status: x.status, type: x.headers.get('content-type'), len: (await x.arrayBuffer()).byteLength };
	}, src);
	expect(r.status === 200 && r.type.startsWith('audio/') && r.len > 1024,
		`the answer plays (${JSON.stringify(r)})`);
	expect((await admin.locator('#answer-1').innerText()).includes('2 takes'), 'two takes');
	const said = await admin.locator('#length-1').innerText();
	expect(/^Take 1 of 2 submitted, \d+ s long$/.test(said), `the chosen take and its length (${said})`);
});

await check('e2e oneway: the interviewer rates beside a second reviewer, each keeping their own', async () => {
	await admin.locator('#answer-1 input[name=rating][value="4"]').check();
	await admin.fill('#notes-1', 'Clear and concrete');
	await Promise.all([admin.waitForURL(/#answer-1$/), admin.click('#answer-1 button[type=submit]')]);
	await admin.selectOption('#rec', 'strong_yes');
	await admin.fill('#rec-notes', 'Hire');
	await Promise.all([admin.waitForURL(/#recommendation$/),
		admin.click('#recommendation button[type=submit]')]);
	// A second reviewer of the org, who rated and recommended otherwise.
	const id = admin.url().match(/\/admin\/interviews\/(\d+)/)[1];
	await sql(`INSERT INTO users (org_id, email, name, role, password_hash)
		SELECT org_id, 'second@example.com', 'Sec Ond', 'interviewer', 'x'
		FROM interviews WHERE id = ${id};
		INSERT INTO oneway_ratings (interview_id, n, user_id, rating, notes)
		SELECT ${id}, 1, id, 1, 'I disagree' FROM users WHERE email = 'second@example.com';
		INSERT INTO oneway_recommendations (interview_id, user_id, recommendation, notes)
		SELECT ${id}, id, 'no', 'Not yet' FROM users WHERE email = 'second@example.com'`);
	await admin.reload();
	const answer = await admin.locator('#answer-1').innerText();
	expect(answer.includes('average 2.5/5 of 2 reviews'), `the average, in: ${answer}`);
	expect(/4\/5 · .* \(you\)/.test(answer) && answer.includes('1/5 · Sec Ond (second@example.com)'),
		`both ratings, in: ${answer}`);
	expect(await admin.locator('#answer-1 input[name=rating][value="4"]').isChecked() &&
		await admin.inputValue('#notes-1') === 'Clear and concrete', 'the form holds my own rating');
	const rec = await admin.locator('#recommendation').innerText();
	expect(rec.includes('2 reviews: Strong yes, No') && rec.includes('Not yet'), `both, in: ${rec}`);
	expect(await admin.inputValue('#rec') === 'strong_yes' && await admin.inputValue('#rec-notes') === 'Hire',
		'the recommendation form holds my own');
	await admin.screenshot({ path: 'tests/e2e/out/oneway-review.png', fullPage: true });
});

// A one-way interview of one question, prep seconds to prepare and answer to answer: its invite.
async function prepared(name, mail, question, prep, answer) {
	await admin.goto(`${base}/admin/oneway/new`);
	await admin.fill('#candidate_name', name);
	await admin.fill('#candidate_email', mail);
	await admin.fill('#questions', question);
	await admin.fill('#prep_seconds', String(prep));
	await admin.fill('#answer_seconds', String(answer));
	await admin.click('button[value=create]');
	return (await admin.locator('.secret').innerText()).trim();
}

const recordings = (mail) => sql(`SELECT count(*) FROM recordings r JOIN interviews i
	ON i.id = r.interview_id WHERE i.candidate_email = '${mail}'`);

await check('e2e oneway: when the preparation time is over, recording starts by itself, once', async () => {
	const plink = await prepared('Pre Pare', 'prep@example.com', 'What would you change first?', 2, 10);
	const ctx = await browser.newContext({ permissions: ['microphone'] });
	const page = await ctx.newPage();
	await page.goto(plink);
	const consent = await page.locator('form[action="/c/start"]').locator('xpath=..').innerText();
	expect(consent.includes('When that time is over, recording starts by itself'),
		`the consent page says so (${consent})`);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	const cd = await page.locator('#countdown').innerText();
	expect(/^Preparation: 0:0[12] \(then recording starts by itself\)$/.test(cd), `the countdown says so (${cd})`);
	expect(await page.locator('#rec-start').innerText() === 'Start recording now', 'start now offered');
	await page.waitForFunction(() => document.querySelector('#countdown').textContent.startsWith(
		'Recording started: your preparation time is over.'), null, { timeout: 10000 });
	expect(await page.locator('#countdown').isVisible() &&
		await page.locator('#countdown').getAttribute('role') === 'alert', 'the notice shows, as an alert');
	await page.waitForFunction(() => /Recording… 0:01 of 0:10/.test(document.querySelector('#rec-status').textContent));
	expect(await page.locator('#rec-stop').isEnabled() && await page.locator('#rec-start').isDisabled(),
		'stop offered while recording');
	await page.screenshot({ path: 'tests/e2e/out/oneway-auto-start.png', fullPage: true });
	// Not stopped: the answer limit stops it, and the take is sent.
	await page.waitForURL(/took=1#take$/, { timeout: 25000 });
	expect((await page.locator('#take h2').innerText()).includes('attempt 1'), 'the take is attempt 1');
	const len = await page.locator('#take label').innerText();
	expect(/Attempt 1, (9|10|11) s/.test(len), `stopped at the limit (${len})`);
	// Recording again is the candidate's to start: no countdown, nothing starts.
	expect(await page.locator('#countdown').isHidden(), 'no countdown over a take');
	await page.waitForTimeout(3500);
	expect(!/Recording/.test(await page.locator('#rec-status').innerText()) &&
		await page.locator('#rec-start').isEnabled() &&
		await page.locator('#rec-start').innerText() === 'Start recording', 'nothing started by itself');
	expect(await recordings('prep@example.com') === '1', 'one take');
	await ctx.close();
});

await check('e2e oneway: a start during the preparation time is not followed by a second one', async () => {
	const plink = await prepared('Ear Ly', 'early@example.com', 'Why now?', 3, 10);
	const ctx = await browser.newContext({ permissions: ['microphone'] });
	const page = await ctx.newPage();
	await page.goto(plink);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	await page.click('#rec-start');
	expect(await page.locator('#countdown').isHidden(), 'the countdown gone once started');
	await page.waitForFunction(() => /Recording… 0:04/.test(document.querySelector('#rec-status').textContent),
		null, { timeout: 10000 });
	expect(await page.locator('#countdown').isHidden(), 'no notice at the end of preparation');
	await Promise.all([page.waitForURL(/took=1#take$/, { timeout: 15000 }), page.click('#rec-stop')]);
	expect(await recordings('early@example.com') === '1', 'one take');
	await ctx.close();
});

await check('e2e oneway: where nothing can record, the preparation time ends in words and nothing starts', async () => {
	const plink = await prepared('No Rec', 'norec@example.com', 'What is next?', 1, 10);
	const ctx = await browser.newContext({ permissions: ['microphone'] });
	const page = await ctx.newPage();
	await page.goto(plink);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	const over = 'Preparation time is over: record or upload your answer when you are ready.';
	// An old browser: no MediaRecorder, the file input only.
	const old = await ctx.newPage();
	await old.addInitScript(() => { delete window.MediaRecorder; });
	await old.goto(`${base}/c`);
	expect(await old.locator('#recorder').count() === 0, 'no recorder');
	expect(!(await old.locator('#countdown').innerText()).includes('by itself'), 'no start promised');
	await old.waitForFunction((t) => document.querySelector('#countdown').textContent === t, over,
		{ timeout: 10000 });
	// The microphone refused.
	await page.addInitScript(() => {
		navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
	});
	await page.reload();
	await page.waitForFunction((t) => document.querySelector('#countdown').textContent === t, over,
		{ timeout: 10000 });
	const said = await page.locator('#rec-status').innerText();
	expect(said.includes('No camera or microphone could be used'), `why, said (${said})`);
	expect(await page.locator('#rec-start').isEnabled(), 'start offered again');
	expect(await page.locator('input[type=file]').count() === 1, 'the file input stays');
	await page.waitForTimeout(1500);
	expect(await recordings('norec@example.com') === '0', 'nothing recorded');
	await ctx.close();
});

await check('e2e oneway: a take the server could not store is kept in the page and sent again', async () => {
	await admin.goto(`${base}/admin/oneway/new`);
	await admin.fill('#candidate_name', 'Re Send');
	await admin.fill('#candidate_email', 'resend@example.com');
	await admin.fill('#questions', 'What did you learn last year?');
	await admin.click('button[value=create]');
	const rlink = (await admin.locator('.secret').innerText()).trim();
	const ctx = await browser.newContext({ permissions: ['microphone'] });
	const page = await ctx.newPage();
	await page.goto(rlink);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForSelector('#recorder:not([hidden])');
	expect(await page.locator('#rec-resend').isHidden(), 'no "Send it again" before a failure');
	/* The server's disk is full once: its 503, as candidate_upload.c words it. */
	let failed = 0;
	await page.route('**/finalize', (route) => {
		if (failed++ > 0)
			return route.continue();
		return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({
			error: { code: 'unavailable', message: 'The server could not store your recording just now, so nothing was kept. Try again later.' } }) });
	});
	await page.click('#rec-start');
	await page.waitForFunction(() => /Recording… 0:01/.test(document.querySelector('#rec-status').textContent));
	await page.click('#rec-stop');
	await page.waitForSelector('#rec-resend:not([hidden])', { timeout: 15000 });
	const said = await page.locator('#rec-status').innerText();
	expect(said.includes('could not store your recording') && said.includes('kept in this page'),
		`the failure said, the take kept (${said})`);
	await Promise.all([page.waitForURL(/took=1#take$/, { timeout: 15000 }), page.click('#rec-resend')]);
	expect(failed === 2, `finalize sent twice (${failed})`);
	expect((await page.locator('#take h2').innerText()).includes('attempt 1'), 'the resent take is attempt 1');
	await ctx.close();
});

await check('e2e oneway: a video answer is recorded with the camera and played back', async () => {
	await admin.goto(`${base}/admin/oneway/new`);
	await admin.fill('#candidate_name', 'Vid Eo');
	await admin.fill('#candidate_email', 'vid@example.com');
	await admin.fill('#questions', 'Introduce yourself.');
	await admin.selectOption('#media', 'video');
	await admin.click('button[value=create]');
	const vlink = (await admin.locator('.secret').innerText()).trim();
	// On a phone: the camera's box shows only while recording, and takes no room otherwise.
	const ctx = await browser.newContext({ permissions: ['microphone', 'camera'],
		viewport: { width: 390, height: 844 } });
	const page = await ctx.newPage();
	const room = () => page.evaluate(() => ({
		preview: document.querySelector('#preview').parentElement.getBoundingClientRect().height,
		recorder: document.querySelector('#recorder').getBoundingClientRect().height }));
	await page.goto(vlink);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForSelector('#recorder:not([hidden]) #rec-start');
	let r0 = await room();
	expect(r0.preview === 0 && r0.recorder < 120, `no empty camera box before recording (${JSON.stringify(r0)})`);
	await page.click('#rec-start');
	await page.waitForSelector('#recorder #preview', { state: 'visible' });
	await page.waitForFunction(() => /Recording… 0:02/.test(document.querySelector('#rec-status').textContent));
	await Promise.all([page.waitForURL(/took=1#take$/, { timeout: 20000 }), page.click('#rec-stop')]);
	expect((await page.locator('#record h2').innerText()) === 'Record again', 'record again offered');
	await page.waitForSelector('#recorder #rec-start');
	r0 = await room();
	expect(r0.preview === 0 && r0.recorder < 120, `no empty camera box after "Record again" (${JSON.stringify(r0)})`);
	await page.screenshot({ path: 'tests/e2e/out/oneway-phone-record-again.png', fullPage: true });
	const r = await page.evaluate(async () => {
		const v = document.querySelector('#take video');
		const x = await fetch(v.src);
		return { type: x.headers.get('content-type'), len: (await x.arrayBuffer()).byteLength };
	});
	expect(r.type === 'video/webm' && r.len > 4096, `a WebM video take (${JSON.stringify(r)})`);
	await page.screenshot({ path: 'tests/e2e/out/oneway-video-take.png', fullPage: true });
	await ctx.close();
});

await check('e2e oneway: a question written in Hebrew is typed and read right to left, its question mark at its end', async () => {
	const dir = el => getComputedStyle(el).direction;
	const page = await admin.context().newPage();
	await page.goto(`${base}/admin/oneway/new`);
	await page.fill('#candidate_name', 'נועה לוי');
	await page.fill('#candidate_email', 'noa@example.com');
	await page.fill('#questions', 'מה למדת בשנה האחרונה?');
	await page.fill('#answer_seconds', '30');
	expect(await page.$eval('#questions', dir) === 'rtl' &&
		await page.$eval('#candidate_name', dir) === 'rtl', 'the interviewer types it right to left');
	await page.click('button[value=create]');
	const invite = (await page.locator('.secret').innerText()).trim();
	const url = await page.locator('a.btn', { hasText: 'Open the interview' }).getAttribute('href');
	const ctx = await browser.newContext();
	const c = await ctx.newPage();
	await c.goto(invite);
	await c.click('form[action="/c/start"] button[type=submit]');
	await c.waitForURL(`${base}/c`);
	// Laid out left to right, the "?" (a neutral) shows at the right: the sentence's start.
	expect(await c.$eval('#question .markdown p', dir) === 'rtl', 'the candidate reads it right to left');
	await page.goto(`${base}${url}`);
	expect(await page.$eval('#answer-1 .markdown p', dir) === 'rtl', 'the interviewer reads it right to left');
	await ctx.close();
	await page.close();
});

await browser.close();
done();

// adaptive.test.mjs: a practice adaptive interview with JavaScript disabled, from the
// interviewer's form through every question to the candidate's feedback summary and
// the interviewer's report. The questions come from the shipped bank (role python).
import { launch, check, expect, done, base, signIn, sql, eventually } from './lib.mjs';

const browser = await launch();
const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
const cand = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
const shot = (page, name) => page.screenshot({ path: `tests/e2e/out/${name}.png`, fullPage: true });
let link, id;

await check('e2e adaptive (no JS): the interviewer creates a practice interview', async () => {
	await signIn(admin);
	await admin.goto(`${base}/admin/interviews`);
	await admin.click('a[href="/admin/adaptive/new"]');
	await admin.fill('#candidate_name', 'Pat Practice');
	await admin.fill('#candidate_email', 'pat@example.com');
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'builtin');	// the AI service's model is the default
	await admin.fill('#min_questions', '3');
	await admin.fill('#max_questions', '4');
	await admin.check('input[name=practice]');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	expect(await admin.locator('h1').innerText() === 'Interview created', 'the created page');
	link = (await admin.locator('.secret').innerText()).trim();
	id = Number((await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href')).split('/').pop());
	expect(id > 0, 'an interview id');
});

await check('e2e adaptive (no JS): the candidate answers question after question with feedback', async () => {
	await cand.goto(link);
	expect((await cand.content()).includes('Before you start'), 'the consent page');
	await cand.click('form[action="/c/start"] button[type=submit]');
	await cand.waitForURL(`${base}/c`);
	let progress = await cand.locator('#progress').innerText();
	expect(/^Question 1 of 3–4 · Warm-up · /.test(progress), `the first question, got ${progress}`);
	await shot(cand, 'adaptive-question');
	// At most max_questions (4), the behavioural third included; the loop stops when no answer box is left.
	for (let n = 1; n <= 6; n++) {
		if (await cand.locator('#answer').count() === 0)
			break;
		await cand.fill('#answer', 'I would start with a small example, because it shows the idea: ' +
			'for example a list comprehension, then a generator, and finally a test with pytest.');
		await cand.click('form[action="/c/answer"] button[type=submit]');
		await cand.waitForURL(`${base}/c`);
		if (await cand.locator('#answer').count() > 0) {
			const fb = await cand.locator('#feedback h2').innerText();
			expect(fb === `Feedback on question ${n}`, `feedback on ${n}, got ${fb}`);
			expect(await cand.locator('#feedback details summary', { hasText: 'A stronger answer' }).count() === 1,
				'a stronger answer offered');
			expect(await cand.locator('#feedback-question summary').count() === 1, 'the question recalled');
			// The third question is behavioural: its feedback names the STAR parts.
			if (n === 3)
				expect((await cand.locator('#feedback').innerText()).includes('STAR structure'),
					'STAR feedback on the behavioural question');
			progress = await cand.locator('#progress').innerText();
			expect(progress.startsWith(`Question ${n + 1} of 3–4 · `), `question ${n + 1}, got ${progress}`);
		}
	}
	await shot(cand, 'adaptive-summary');
	expect(await cand.locator('#answer').count() === 0, 'no answer box at the end');
	expect(await cand.locator('#kept').count() === 0, 'no empty "not recorded" box');
	expect((await cand.locator('#ended').innerText()).length > 0, 'the end is explained');
	expect(await cand.locator('#summary tbody tr').count() >= 3, 'a feedback row per answer');
});

await check('e2e adaptive (no JS): the interviewer reads the report', async () => {
	await admin.goto(`${base}/admin/interviews/${id}`);
	expect((await admin.locator('#report h2').innerText()).startsWith('Report: Python'), 'the report');
	// The chart is an image (lib/svg.c): drawn, named by its figures, and its table after it.
	const chart = admin.getByRole('img', { name: /^Difficulty by question: Warm-up at question 1/ });
	expect(await chart.count() === 1, 'the progression chart, named with its figures');
	expect(await chart.evaluate(img => img.complete && img.naturalWidth === 640 && img.naturalHeight === 240),
		'the progression chart drawn');
	const asked = await admin.locator('#transcript .message-card').count();
	const rows = admin.locator('#report details.figures table tbody tr');
	expect(await rows.count() === asked, `a row per question, got ${await rows.count()} of ${asked}`);
	const first = await rows.first().locator('th, td').allTextContents();
	expect(first.join(' ') === '1 Warm-up', `question 1 at Warm-up, got ${first.join(' ')}`);
	expect(await admin.locator('#report svg').count() === 0, 'no inline SVG for text browsers to spell out');
	expect(await admin.locator('#transcript .message-card').count() >= 3, 'every question in the transcript');
	await shot(admin, 'adaptive-report');
});

await check('e2e adaptive (JS): a timed interview\'s clock ticks, and at zero the answer being written is sent', async () => {
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', 'Tia Timed');
	await admin.fill('#candidate_email', 'tia@example.com');
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'builtin');	// the AI service's model is the default
	await admin.fill('#minutes', '5');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	const timedLink = (await admin.locator('.secret').innerText()).trim();
	const timedId = Number((await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href'))
		.split('/').pop());
	const page = await (await browser.newContext()).newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	await page.goto(timedLink);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	const first = await page.locator('#time-left').innerText();
	expect(await eventually(async () => (await page.locator('#time-left').innerText()) !== first, 3000),
		`the clock ticks from ${first}`);
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s - 4)
		WHERE id = ${timedId}`);
	await new Promise(r => setTimeout(r, 1100));	/* the page snapshot's second */
	await page.reload();
	await page.fill('#answer', 'I would profile first, then cache the hot path.');
	await page.waitForFunction(() => document.body.textContent.includes('Time is up'), null, { timeout: 15000 });
	expect(await sql(`SELECT answer FROM interview_questions WHERE interview_id = ${timedId} AND n = 1`) ===
		'I would profile first, then cache the hot path.', 'the answer recorded');
	expect(await page.locator('#answer').count() === 0, 'no answer box after the end');
	// Sent once the server agrees the time is up: recorded late, and said so.
	expect(await page.locator('.flash-info', { hasText: 'Your last answer was recorded' }).count() === 1,
		'the page says the answer was recorded, marked late');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await shot(page, 'adaptive-timed-end');
});

// Creates a timed adaptive interview and starts it in a page with JavaScript on.
async function startTimed(name) {
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', name);
	await admin.fill('#candidate_email', `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`);
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'builtin');	// the AI service's model is the default
	await admin.fill('#minutes', '5');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	const link = (await admin.locator('.secret').innerText()).trim();
	const id = Number((await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href'))
		.split('/').pop());
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	await page.goto(link);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	return { link, id, page, errors };
}

await check('e2e adaptive (JS): the state poll seeing the end before the clock does sends the answer, marked late', async () => {
	const { id, page, errors } = await startTimed('Uma Unsent');
	await page.fill('#answer', 'An answer typed but not sent.');
	// The server's time runs out while the page's clock still shows minutes: the
	// poll (every 10 s) hears of the end first.
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s + 3)
		WHERE id = ${id}`);
	await page.waitForFunction(() => document.body.textContent.includes('Time is up'), null, { timeout: 20000 });
	expect(await sql(`SELECT answer FROM interview_questions WHERE interview_id = ${id} AND n = 1`) ===
		'An answer typed but not sent.', 'the answer recorded');
	const flash = await page.locator('.flash-info', { hasText: 'Your last answer was recorded' }).count();
	expect(flash === 1, 'the page says the answer was recorded, marked late');
	expect(await page.locator('.draft-kept').count() === 0, 'nothing left unsent to copy');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await shot(page, 'adaptive-timed-poll-end');
	await page.context().close();
});

await check('e2e adaptive (JS): at zero an empty box just shows the end', async () => {
	const { id, page, errors } = await startTimed('Ed Empty');
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s - 3)
		WHERE id = ${id}`);
	await new Promise(r => setTimeout(r, 1100));	/* the page snapshot's second */
	await page.reload();
	await page.waitForFunction(() => document.body.textContent.includes('Time is up'), null, { timeout: 15000 });
	expect(await sql(`SELECT answer IS NULL FROM interview_questions WHERE interview_id = ${id} AND n = 1`) === 't',
		'no answer recorded');
	expect(await page.locator('.flash-info', { hasText: 'Your last answer was recorded' }).count() === 0,
		'no answer said recorded');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await page.context().close();
});

await check('e2e adaptive (JS): a draft survives a reload and the link opened again, and goes once sent', async () => {
	const { link, page, errors } = await startTimed('Dee Draft');
	await page.fill('#answer', 'Half an answer');
	await page.reload();
	expect(await page.inputValue('#answer') === 'Half an answer', 'the draft back after a reload');
	expect(await page.locator('#draft-restored').innerText() === 'Your unsent draft was restored.', 'the notice');
	// A closed tab, then the invitation link opened again: a new session, the same interview.
	await page.close();
	const again = await page.context().newPage();
	again.on('pageerror', e => errors.push(String(e)));
	await again.goto(link);
	await again.waitForURL(`${base}/c`);
	expect(await again.inputValue('#answer') === 'Half an answer', 'the draft back after the link opened again');
	await again.fill('#answer', 'Half an answer, and the other half.');
	// A send that never reaches the server (offline): the draft is not lost with it.
	await again.route(`${base}/c/answer`, route => route.abort('internetdisconnected'));
	await again.click('form[action="/c/answer"] button[type=submit]').catch(() => {});
	await new Promise(r => setTimeout(r, 500));
	await again.unroute(`${base}/c/answer`);
	await again.goto(`${base}/c`);
	expect(await again.inputValue('#answer') === 'Half an answer, and the other half.',
		'the draft back after a send that never arrived');
	await again.click('form[action="/c/answer"] button[type=submit]');
	await again.waitForURL(`${base}/c`);
	expect((await again.locator('#progress').innerText()).startsWith('Question 2'), 'the next question');
	expect(await again.inputValue('#answer') === '', 'an empty box for the next question');
	expect(await again.locator('#draft-restored').count() === 0, 'no draft restored');
	await again.reload();
	expect(await again.inputValue('#answer') === '', 'still empty after a reload');
	const kept = await again.evaluate(() => Object.keys(localStorage).filter(k => k.indexOf('viva-draft:') === 0));
	expect(kept.length === 0, `no draft left in the browser, got ${kept.join(', ')}`);
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await again.context().close();
});

await check('e2e adaptive (JS): a clock that reaches zero before the server\'s goes on from the server\'s time', async () => {
	const { id, page, errors } = await startTimed('Fern Fast');
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s - 4)
		WHERE id = ${id}`);
	await new Promise(r => setTimeout(r, 1100));	/* the page snapshot's second */
	await page.reload();
	await page.fill('#answer', 'Still writing.');
	// The interviewer gives a minute more before the page hears of it.
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s - 60)
		WHERE id = ${id}`);
	let navigated = false;
	page.on('framenavigated', f => { if (f === page.mainFrame()) navigated = true; });
	await new Promise(r => setTimeout(r, 7000));
	expect(!navigated, 'no navigation at the page\'s zero');
	expect(await page.inputValue('#answer') === 'Still writing.', 'the answer still being written');
	const t = await page.locator('#time-left').innerText();
	expect(/^0 min [45]\d s$/.test(t), `the server's time on the clock, got ${t}`);
	expect(await sql(`SELECT answer IS NULL FROM interview_questions WHERE interview_id = ${id} AND n = 1`) === 't',
		'nothing sent');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await page.context().close();
});

await check('e2e adaptive (JS): offline at zero, the answer goes once the connection is back', async () => {
	const { id, page, errors } = await startTimed('Olly Offline');
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s - 3)
		WHERE id = ${id}`);
	await new Promise(r => setTimeout(r, 1100));	/* the page snapshot's second */
	await page.reload();
	await page.fill('#answer', 'Written on a train.');
	await page.context().setOffline(true);
	await page.locator('#offline').waitFor({ timeout: 10000 });
	expect((await page.locator('#offline').innerText()).includes('sent as soon as the connection is back'),
		'the page says the answer waits for the connection');
	expect(await page.inputValue('#answer') === 'Written on a train.', 'the answer still there');
	await page.context().setOffline(false);
	await page.waitForURL(`${base}/c?late=1`, { timeout: 10000 });
	expect(await sql(`SELECT answer FROM interview_questions WHERE interview_id = ${id} AND n = 1`) ===
		'Written on a train.', 'the answer recorded');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await page.context().close();
});

await check('e2e adaptive (JS): an answer left unsent in a closed tab is offered to send late within the grace', async () => {
	const { id, page, errors } = await startTimed('Cal Closed');
	await sql(`UPDATE interviews SET started_at = now() - make_interval(secs => time_limit_s - 3)
		WHERE id = ${id}`);
	await new Promise(r => setTimeout(r, 1100));	/* the page snapshot's second */
	await page.reload();
	await page.fill('#answer', 'Typed as the time ran out.');
	const context = page.context();
	await page.close();
	await new Promise(r => setTimeout(r, 5000));
	const again = await context.newPage();
	again.on('pageerror', e => errors.push(String(e)));
	await again.goto(`${base}/c`);
	expect((await again.content()).includes('Time is up'), 'the end');
	const kept = again.locator('#draft-kept-answer-1');
	expect(await kept.count() === 1, 'the answer offered back');
	expect((await kept.locator('h2').innerText()) === 'Your unsent answer to question 1', 'named by its question');
	await Promise.all([again.waitForURL(`${base}/c?late=1`),
		kept.locator('button', { hasText: 'Send the answer (it will be marked late)' }).click()]);
	expect(await again.locator('.flash-info', { hasText: 'Your last answer was recorded' }).count() === 1,
		'said recorded, marked late');
	expect(await sql(`SELECT answer FROM interview_questions WHERE interview_id = ${id} AND n = 1`) ===
		'Typed as the time ran out.', 'the answer recorded');
	expect(await again.locator('.draft-kept').count() === 0, 'nothing left to copy');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await context.close();
});

await check('e2e adaptive (JS): untimed, a pause and a resume show within seconds, the answer being written kept', async () => {
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', 'Paz Paused');
	await admin.fill('#candidate_email', 'paz@example.com');
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'builtin');	// the AI service's model is the default
	await admin.fill('#minutes', '0');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	const link = (await admin.locator('.secret').innerText()).trim();
	const pid = Number((await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href'))
		.split('/').pop());
	const page = await (await browser.newContext()).newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	await page.goto(link);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	expect(await page.locator('#res-time').count() === 0, 'no clock: untimed');
	await page.fill('#answer', 'Typed before the pause.');
	const control = async action => {
		await admin.goto(`${base}/admin/interviews/${pid}?confirm=${action}`);
		await admin.click(`form[action="/admin/interviews/${pid}/${action}"] button[type=submit]`);
	};
	await control('pause');
	const paused = page.locator('p.flash-warn', { hasText: 'has paused the interview' });
	await paused.waitFor({ timeout: 15000 });
	const text = await paused.innerText();
	expect(text.includes('This page updates by itself when the interview resumes.'), `the paused text, got ${text}`);
	await control('resume');
	const t0 = Date.now();
	await page.locator('#answer').waitFor({ timeout: 15000 });
	expect(Date.now() - t0 < 6000, `the resume shown within 6 s, took ${Date.now() - t0} ms`);
	expect(await page.inputValue('#answer') === 'Typed before the pause.', 'the answer being written back');
	expect(errors.length === 0, `no script errors, got ${errors.join('; ')}`);
	await page.context().close();
});

await browser.close();
done();

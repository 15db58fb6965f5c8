// interview.test.mjs: an assisted interview end to end, first with JavaScript disabled
// (forms post, the server redirects), then with it enabled (candidate.js: a ticking
// clock, sending without a reload, the page reloading itself when time is up).
import { launch, check, expect, done, base, signIn, sql, eventually } from './lib.mjs';

const CHALLENGE = 'Merge overlapping meetings';	// seeded by sql/004_seed_challenges.sql
const browser = await launch();
const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
const shot = (page, name) => page.screenshot({ path: `tests/e2e/out/${name}.png`, fullPage: true });

await check('e2e interview: the interviewer signs in', async () => {
	await signIn(admin);
});

// Creates an assisted interview with the offline assistant; returns { id, path }.
async function createInterview(name, model = 'builtin') {
	await admin.goto(`${base}/admin/interviews/new`);
	await admin.fill('#candidate_name', name);
	await admin.fill('#candidate_email', `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`);
	const value = await admin.locator('#challenge_id option', { hasText: CHALLENGE }).first().getAttribute('value');
	await admin.selectOption('#challenge_id', value);
	await admin.fill('#minutes', '5');
	await admin.fill('#token_budget', '20000');
	await admin.selectOption('#model', model);
	await admin.click('form[action="/admin/interviews"] button[type=submit]');
	expect(await admin.locator('h1').innerText() === 'Interview created', 'the created page');
	const link = (await admin.locator('.secret').innerText()).trim();
	const href = await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href');
	const id = Number(href.split('/').pop());
	expect(/\/i\/[A-Za-z0-9_-]{20,}$/.test(link), `an invite link, got ${link}`);
	expect(id > 0, `an interview id, got ${href}`);
	return { id, path: new URL(link).pathname };
}

// The candidate opens the invite link, consents and starts.
async function openAndStart(page, iv) {
	await page.goto(`${base}${iv.path}`);
	expect(page.url() === `${base}/c`, `the token out of the URL bar, at ${page.url()}`);
	expect((await page.content()).includes('Before you start'), 'the consent page');
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
	expect(await page.locator('#message').isEnabled(), 'an enabled message box');
}

// Submits a form and waits for the page its POST redirects to.
async function post(page, form) {
	const action = await page.locator(form).getAttribute('action');
	const [res] = await Promise.all([
		page.waitForResponse(r => r.request().method() === 'POST' && r.url() === `${base}${action}`),
		page.click(`${form} button[type=submit]`),
	]);
	expect(res.status() === 303, `303 from ${action}, got ${res.status()}`);
	await page.waitForURL(new URL(res.headers()['location'], base).href);
}

const tokensLeft = async page => Number((await page.locator('#tokens-left').innerText()).trim().replace(/,/g, ''));
const replies = page => page.locator('#conversation .from-assistant');

// Sets an interview's start back so that only `left` seconds remain, then waits out the
// snapshot of the interview that pages may read for up to a second (src/web/snapshot.h):
// a reload at once could show the time before the change.
const leaveSeconds = async (id, left) => {
	await sql(`UPDATE interviews SET started_at = now() -
		make_interval(secs => time_limit_s + extended_s + paused_total_s - ${left}) WHERE id = ${id}`);
	await new Promise(done => setTimeout(done, 1100));
};

/* --- without JavaScript ------------------------------------------------------ */

let iv, cand;

await check('e2e interview (no JS): the interviewer creates an interview and reads the invite link', async () => {
	iv = await createInterview('Ada Nojs');
	await shot(admin, 'interview-created');
});

await check('e2e interview (no JS): the candidate opens the link, consents and starts', async () => {
	cand = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await openAndStart(cand, iv);
	const time = await cand.locator('#time-left').innerText();
	expect(/^[45] min \d\d s$/.test(time), `about 5 minutes left, got ${time}`);
	// No refresh while the candidate can type (it would drop the text): a link instead.
	expect(await cand.locator('meta[http-equiv=refresh]').count() === 0, 'no meta refresh');
	expect(await cand.locator('a[href="/c"]', { hasText: 'Check the time left' }).count() === 1, 'a link to check the time');
});

let before;
await check('e2e interview (no JS): sending a message posts, redirects and shows the offline reply', async () => {
	before = await tokensLeft(cand);
	await cand.fill('#message', 'How should I sort the meetings first?');
	await cand.click('#send-button');
	await cand.waitForURL(`${base}/c`);
	const conv = await cand.locator('#conversation').innerText();
	expect(conv.includes('How should I sort the meetings first?'), 'my message in the conversation');
	expect(await replies(cand).count() === 1, 'one reply');
	expect((await replies(cand).first().innerText()).includes('Hint'), 'a hint in the reply');
	const badge = await replies(cand).first().locator('.badge').innerText();
	expect(/^[\d,]+ tokens · [\d,]+ charged \(prompt [\d,]+\)$/.test(badge.trim()), `a token badge, got ${badge}`);
	expect(await tokensLeft(cand) < before, 'fewer tokens left');
	expect(await cand.inputValue('#message') === '', 'an empty box after the send');
	await shot(cand, 'interview-nojs-reply');
});

await check('e2e interview (no JS): a message sent keeps the final answer being written; Save draft keeps both', async () => {
	await cand.fill('#answer', 'Sort by start, then merge.');
	await cand.fill('#message', 'Is sorting by start enough?');
	await cand.click('#send-button');
	await cand.waitForURL(`${base}/c`);
	expect(await replies(cand).count() === 2, 'the second reply');
	expect(await cand.inputValue('#answer') === 'Sort by start, then merge.', 'the final answer still there');
	await cand.fill('#message', 'A question for later');
	await cand.click('#save-button');
	await cand.waitForURL(`${base}/c?saved=1`);
	expect(await replies(cand).count() === 2, 'nothing sent');
	expect(await cand.inputValue('#message') === 'A question for later', 'the message kept');
	expect(await cand.locator('#draft-saved').count() === 1, 'says the draft is saved');
	await cand.fill('#message', '');
	await cand.fill('#answer', '');
	await cand.click('#save-button');
	await cand.waitForURL(`${base}/c?saved=1`);
	expect(await cand.inputValue('#answer') === '', 'an emptied draft stays empty');
});

await check('e2e interview (no JS): the interviewer sees the conversation and extends the tokens', async () => {
	await admin.goto(`${base}/admin/interviews/${iv.id}`);
	expect((await admin.content()).includes('How should I sort the meetings first?'), 'the message on the interviewer page');
	await admin.click('a:has-text("Give more time or tokens")');
	expect(await admin.locator('meta[http-equiv=refresh]').count() === 0, 'no refresh while typing an amount');
	await admin.fill('#tokens', '5000');
	await post(admin, `form[action="/admin/interviews/${iv.id}/extend-tokens"]`);
	await cand.reload();
	const label = await cand.locator('#tokens-label').textContent();
	expect(label.includes('of 25,000'), `the larger budget, got ${label}`);
});

await check('e2e interview (no JS): when the time runs out the page says so and the box is gone', async () => {
	await leaveSeconds(iv.id, -5);
	await cand.reload();
	const page = await cand.content();
	expect(page.includes('Time is up. The interview has ended.'), 'the time-is-up notice');
	const box = cand.locator('#message');
	expect(await box.count() === 0 || !(await box.isEnabled()), 'no message box to type in');
	expect(await cand.locator('#final-button').count() === 0, 'no final-answer button');
	await shot(cand, 'interview-nojs-ended');
});

const exportRes = iv ? await admin.request.get(`${base}/admin/interviews/${iv.id}/export.md`) : null;
if (exportRes && exportRes.status() === 200) {
	await check('e2e interview (no JS): the Markdown export contains the conversation', async () => {
		const md = await exportRes.text();
		expect(md.includes('How should I sort the meetings first?'), 'the message in the export');
		expect(md.includes('Hint'), 'the reply in the export');
	});
} else {
	console.log(`ok e2e interview: the Markdown export # SKIP GET export.md answered ${exportRes && exportRes.status()}`);
}

/* --- with JavaScript --------------------------------------------------------- */

let js, jsPage;
const jsErrors = [];

await check('e2e interview (JS): the candidate starts a second interview with JavaScript on', async () => {
	js = await createInterview('Bob Js');
	jsPage = await (await browser.newContext()).newPage();
	jsPage.on('pageerror', e => jsErrors.push(String(e)));
	// The 400 and the 404 the checks below cause are expected; CSP refusals and the like are not.
	jsPage.on('console', m => {
		if (m.type() === 'error' && !/Failed to load resource: .* (400|404) /.test(m.text()))
			jsErrors.push(m.text());
	});
	await openAndStart(jsPage, js);
	const src = await jsPage.locator('script[src^="/static/candidate.js"]').getAttribute('src');
	const res = await jsPage.request.get(`${base}${src}`);
	expect(res.status() === 200, 'candidate.js served');
	expect(/javascript/.test(res.headers()['content-type'] || ''), 'as JavaScript');
});

await check('e2e interview (JS): the countdown ticks within 2 seconds', async () => {
	const first = await jsPage.locator('#time-left').innerText();
	const changed = await eventually(async () =>
		(await jsPage.locator('#time-left').innerText()) !== first, 2000, 100);
	expect(changed, `the clock to change from ${first}`);
	await shot(jsPage, 'interview-js-clock');
});

await check('e2e interview (JS): sending does not navigate; the reply and the resources update', async () => {
	const url = jsPage.url();
	const before = await tokensLeft(jsPage);
	let navigated = false;
	const onNav = f => { if (f === jsPage.mainFrame()) navigated = true; };
	jsPage.on('framenavigated', onNav);
	await jsPage.fill('#message', 'Do meetings that touch count as overlapping?');
	const [res] = await Promise.all([
		jsPage.waitForResponse(r => r.url() === `${base}/api/v1/candidate/messages`),
		jsPage.click('#send-button'),
	]);
	expect(res.status() === 200, `200 from the API, got ${res.status()}`);
	await jsPage.locator('#conversation .from-assistant').first().waitFor({ timeout: 5000 });
	jsPage.off('framenavigated', onNav);
	expect(!navigated && jsPage.url() === url, 'no navigation');
	const conv = await jsPage.locator('#conversation').innerText();
	expect(conv.includes('Do meetings that touch count as overlapping?'), 'my message appended');
	expect((await replies(jsPage).first().innerText()).includes('Hint'), 'the reply appended');
	// The candidate's message has its tokens counted, as on the server's page.
	const mine = await jsPage.locator('#conversation .from-user .badge').last().innerText();
	expect(/^\d+ tokens?$/.test(mine), `the message's token badge, got ${mine}`);
	expect(await jsPage.locator('#message').isEnabled(), 'the box enabled again');
	expect(await jsPage.inputValue('#message') === '', 'the box cleared');
	expect(await tokensLeft(jsPage) < before, 'the tokens panel updated');
	// Written as the server writes them, thousands grouped (the budget is 20,000).
	const tokensLabel = await jsPage.locator('#tokens-label').textContent();
	expect(/^Tokens left of \d{1,3}(,\d{3})+ \([\d,]+ used\)$/.test(tokensLabel), `grouped figures, got ${tokensLabel}`);
	expect(!(await jsPage.locator('#messages-label').textContent()).includes('estimate'), 'a measured estimate');
	await shot(jsPage, 'interview-js-reply');
	// The server agrees with what the script showed.
	await jsPage.reload();
	expect(await replies(jsPage).count() === 1, 'one reply after a reload');
});

await check('e2e interview (JS): an error keeps the text in the box and shows the message', async () => {
	const long = 'x'.repeat(8001);
	await jsPage.fill('#message', long);
	const [res] = await Promise.all([
		jsPage.waitForResponse(r => r.url() === `${base}/api/v1/candidate/messages`),
		jsPage.click('#send-button'),
	]);
	expect(res.status() === 400, `400, got ${res.status()}`);
	await jsPage.locator('#send-error').waitFor({ timeout: 3000 });
	const err = await jsPage.locator('#send-error').innerText();
	expect(err.length > 0 && !err.includes('{'), `a readable error, got ${err}`);
	expect(await jsPage.inputValue('#message') === long, 'the text kept');
	expect(await jsPage.locator('#message').isEnabled(), 'the box enabled again');
	expect(await jsPage.getAttribute('#message', 'aria-invalid') === 'true' &&
	    await jsPage.getAttribute('#message', 'aria-describedby') === 'send-error',
	    'the box tied to its error for a screen reader');
	expect(await replies(jsPage).count() === 1, 'no reply added');
	await shot(jsPage, 'interview-js-error');
	await jsPage.fill('#message', '');
});

await check('e2e interview (JS): without the JSON API (404) the form posts as without JavaScript', async () => {
	const api = `${base}/api/v1/candidate/messages`;
	await jsPage.route(api, route => route.fulfill({ status: 404, contentType: 'application/json',
		body: '{"error":{"code":"not_found","message":"Not found."}}' }));
	await jsPage.fill('#message', 'Is an empty list a valid input?');
	await Promise.all([
		jsPage.waitForResponse(r => r.url() === `${base}/c/messages` && r.status() === 303),
		jsPage.click('#send-button'),
	]);
	await jsPage.waitForURL(`${base}/c`);
	await jsPage.unroute(api);
	expect((await jsPage.locator('#conversation').innerText()).includes('Is an empty list a valid input?'),
		'the message posted by the form');
	expect(await replies(jsPage).count() === 2, 'a second reply');
});

// The interviewer's confirm-then-post controls, as a person without JavaScript uses them.
// A page of its own each time: the interviewer's page refreshes itself while the
// interview runs, and a refresh landing during goto would interrupt it.
async function control(id, action) {
	const page = await admin.context().newPage();
	try {
		await page.goto(`${base}/admin/interviews/${id}?confirm=${action}`);
		await post(page, `form[action="/admin/interviews/${id}/${action}"]`);
	} finally {
		await page.close();
	}
}

await check('e2e interview (JS): no meta refresh; a lock and an unlock show up by themselves, the draft kept', async () => {
	expect(await jsPage.locator('meta[http-equiv=refresh]').count() === 0, 'no meta refresh with scripts on');
	await jsPage.fill('#message', 'a half-written question');
	await control(js.id, 'lock');
	await jsPage.waitForFunction(() => document.body.textContent.includes('locked the chat'), null,
		{ timeout: 15000 });
	expect(!(await jsPage.locator('#message').isEnabled()), 'a disabled box while locked');
	expect(await jsPage.inputValue('#message') === 'a half-written question', 'the draft kept while locked');
	await shot(jsPage, 'interview-js-locked');
	await control(js.id, 'unlock');
	await jsPage.locator('#message:enabled').waitFor({ timeout: 15000 });
	expect(await jsPage.inputValue('#message') === 'a half-written question', 'the draft back after the unlock');
	await jsPage.fill('#message', '');
	// A pause and a resume keep the final answer being written too.
	await jsPage.fill('#answer', 'a half-written final answer');
	await control(js.id, 'pause');
	await jsPage.waitForFunction(() => document.body.textContent.includes('has paused the interview'), null,
		{ timeout: 15000 });
	expect(await jsPage.inputValue('#answer') === 'a half-written final answer', 'the final answer kept while paused');
	await control(js.id, 'resume');
	await jsPage.waitForFunction(() => !document.body.textContent.includes('has paused the interview'), null,
		{ timeout: 15000 });
	expect(await jsPage.inputValue('#answer') === 'a half-written final answer', 'the final answer back after the resume');
	await jsPage.fill('#answer', '');
});

await check('e2e interview (JS): at zero the page sends the final answer being written, and says the time is up', async () => {
	await leaveSeconds(js.id, 4);
	await jsPage.reload();
	const t = await jsPage.locator('#time-left').innerText();
	expect(/^0 min 0\d s$/.test(t), `a few seconds left, got ${t}`);
	await jsPage.fill('#answer', 'merge after sorting');
	await jsPage.waitForFunction(() => document.body.textContent.includes('Time is up'), null,
		{ timeout: 15000 });
	expect(await jsPage.locator('#message').count() === 0, 'no message box');
	// Recorded, late or just in time, where it used to be offered back to copy only.
	expect(await sql(`SELECT final_answer FROM interviews WHERE id = ${js.id}`) === 'merge after sorting',
		'the final answer recorded');
	expect(await jsPage.locator('.draft-kept').count() === 0, 'nothing left unsent to copy');
	// Sent once the server agrees the time is up: recorded late, and said so.
	expect(await jsPage.locator('#late-final').count() === 1, 'the page says it was recorded, marked late');
	await shot(jsPage, 'interview-js-ended');
});

await check('e2e interview (JS): a provider reply shows as it streams, then as Markdown', async () => {
	const sv = await createInterview('Grace Stream', 'gpt-4o-mini');
	const page = await (await browser.newContext()).newPage();
	page.on('pageerror', e => jsErrors.push(String(e)));
	await openAndStart(page, sv);
	const res = await fetch(`${process.env.VIVA_FAKEAI}/_fake/script`, {
		method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify([{ reply: 'Sort by **start** time, then merge as you go along.',
			chunk_delay_ms: 300 }]) });
	expect(res.ok, 'the fake provider took the script');
	await page.fill('#message', 'How do I begin?');
	await page.click('#send-button');
	// Part of the reply shows before the whole of it has arrived.
	const partial = await (await page.waitForFunction(() => {
		const pre = document.querySelector('#conversation .from-assistant:last-child pre');
		const t = pre ? pre.textContent : '';
		return t.length > 0 && t.indexOf('along.') < 0 ? t : null;
	}, null, { timeout: 5000, polling: 50 })).jsonValue();
	expect(partial.startsWith('Sort'), `a partial reply, got ${partial}`);
	await shot(page, 'interview-js-streaming');
	// Then the stored reply, rendered from Markdown, takes its place.
	await page.locator('#conversation .from-assistant .markdown strong', { hasText: 'start' })
		.waitFor({ timeout: 10000 });
	expect(await page.locator('#conversation .from-assistant').count() === 1, 'one reply card');
	expect(await page.inputValue('#message') === '', 'an empty box after the reply');
	expect(page.url() === `${base}/c`, 'no navigation');
	await page.reload();
	expect(await page.locator('#conversation .from-assistant .markdown strong').count() === 1,
		'the reply rendered from Markdown after a reload too');
	await shot(page, 'interview-js-streamed');
});

await check('e2e interview (JS): signed out by a new invite link, the page says so and keeps the answer', async () => {
	const so = await createInterview('Sam Signedout');
	const page = await (await browser.newContext()).newPage();
	page.on('pageerror', e => jsErrors.push(String(e)));
	await openAndStart(page, so);
	await page.fill('#answer', 'my answer so far');
	await admin.goto(`${base}/admin/interviews/${so.id}?confirm=invite`);
	await admin.check('input[name=sign_out]');
	await admin.click(`form[action="/admin/interviews/${so.id}/invite"] button[type=submit]`);
	expect((await admin.content()).includes('New invite link'), 'a new link made');
	await page.locator('#signed-out').waitFor({ timeout: 15000 });
	await page.click('#final-button');
	expect(page.url() === `${base}/c`, 'no post to an error page');
	expect(await page.inputValue('#answer') === 'my answer so far', 'the answer kept');
	await page.close();
});

await check('e2e interview (JS): a long conversation shows its latest 100; the estimate counts every reply', async () => {
	const lc = await createInterview('Lin Long');
	const page = await (await browser.newContext()).newPage();
	page.on('pageerror', e => jsErrors.push(String(e)));
	await openAndStart(page, lc);
	// 250 messages, 125 replies of 40 tokens, counted as the app counts them (sql/028).
	await sql(`INSERT INTO messages (interview_id, seq, role, content) SELECT ${lc.id}, s,
		CASE WHEN s % 2 = 1 THEN 'user' ELSE 'assistant' END, 'Said ' || s
		FROM generate_series(1, 250) s;
		UPDATE interviews SET chat_messages = 250, chat_user_messages = 125,
		chat_replies = 125, tokens_used = 5000 WHERE id = ${lc.id}`);
	const cards = () => page.locator('#conversation .message-card').count();
	const left = () => page.locator('#messages-left').innerText();
	// The page's copy of the interview lasts a second (web/snapshot.h).
	expect(await eventually(async () => { await page.reload(); return await cards() === 100; }, 5000, 300),
		`the latest 100 messages, got ${await cards()}`);
	expect(await left() === '\u2248 375', `15,000 left at 40 a reply, got ${await left()}`);
	const link = page.locator('#conversation-more a');
	expect(await link.innerText() === 'Show 150 earlier messages', `the link, got ${await link.innerText()}`);
	await page.fill('#message', 'And one more?');
	await page.click('#send-button');
	await page.locator('#conversation .from-assistant', { hasText: 'Hint' }).last().waitFor({ timeout: 5000 });
	expect(await cards() === 102, 'the question and its reply appended');
	const shown = await left();
	await page.reload();
	expect(await left() === shown, `the script's estimate as the server's: ${shown}, then ${await left()}`);
	await Promise.all([page.waitForURL(`${base}/c?all=1#conversation`), page.locator('#conversation-more a').click()]);
	expect(await cards() === 252, `the whole conversation, got ${await cards()}`);
	expect(await left() === shown, 'the same estimate');
	await page.locator('#conversation-more a', { hasText: 'Show only the latest 100' }).click();
	await page.waitForURL(`${base}/c#conversation`);
	expect(await cards() === 100, 'the latest again');
	await page.close();
});

await check('e2e interview (JS): messages left after a message from another device is the server\'s figure, as on the interviewer\'s page', async () => {
	const md = await createInterview('Mo Devices');
	const page = await (await browser.newContext()).newPage();
	page.on('pageerror', e => jsErrors.push(String(e)));
	await openAndStart(page, md);
	const left = () => page.locator('#messages-left').innerText();
	await page.fill('#message', 'First, from this tab?');
	await page.click('#send-button');
	await page.locator('#conversation .from-assistant').first().waitFor({ timeout: 5000 });
	// Another device sends one that cost far more: this tab never sees its reply.
	await sql(`INSERT INTO messages (interview_id, seq, role, content) SELECT ${md.id}, s,
		CASE WHEN s % 2 = 1 THEN 'user' ELSE 'assistant' END, 'Elsewhere ' || s
		FROM generate_series(3, 4) s;
		UPDATE interviews SET chat_messages = chat_messages + 2, chat_user_messages = chat_user_messages + 1,
		chat_replies = chat_replies + 1, tokens_used = tokens_used + 9000 WHERE id = ${md.id}`);
	const server = async () => {
		await admin.goto(`${base}/admin/interviews/${md.id}`);
		return (await admin.locator('#messages-left').innerText()).trim();
	};
	let want = '';
	expect(await eventually(async () => { want = await server(); return want === '\u2248 ' +
		Math.floor((20000 - Number(await sql(`SELECT tokens_used FROM interviews WHERE id = ${md.id}`))) /
		Math.floor(Number(await sql(`SELECT tokens_used FROM interviews WHERE id = ${md.id}`)) / 2)); }, 5000, 300),
		`the interviewer's page counts both replies, got ${want}`);
	// The state poll (every 10 s) brings the server's figure to the tab.
	expect(await eventually(async () => (await left()).trim() === want, 25000, 500),
		`the tab says ${await left()}, the interviewer's page ${want}`);
	await page.close();
});

// A page of its own on a new interview, started, its script errors counted.
async function startJs(name, model) {
	const iv = await createInterview(name, model);
	const page = await (await browser.newContext()).newPage();
	page.on('pageerror', e => jsErrors.push(String(e)));
	await openAndStart(page, iv);
	return { iv, page };
}

await check('e2e interview (JS): the state poll seeing the end first sends the final answer; an unsent message stays to copy', async () => {
	const { iv, page } = await startJs('Tom Timeup');
	await page.fill('#message', 'a question never sent');
	await page.fill('#answer', 'my final answer, not yet submitted');
	// The server's time runs out while the page's clock still shows minutes.
	await leaveSeconds(iv.id, -3);
	await page.locator('#late-final').waitFor({ timeout: 20000 });
	expect(await sql(`SELECT final_answer FROM interviews WHERE id = ${iv.id}`) ===
		'my final answer, not yet submitted', 'the final answer recorded');
	expect(await page.locator('#draft-kept-final').count() === 0, 'no final answer offered back to copy');
	const kept = page.locator('#draft-kept-message');
	expect(await kept.count() === 1, 'the unsent message kept');
	expect((await kept.innerText()).includes('was sent'), 'said not sent');
	expect(await kept.locator('textarea').inputValue() === 'a question never sent', 'the message to copy');
	await shot(page, 'interview-js-poll-end');
	await kept.locator('button', { hasText: 'Forget this draft' }).click();
	await page.reload();
	expect(await page.locator('.draft-kept').count() === 0, 'forgotten');
	await page.context().close();
});

await check('e2e interview (JS): a final answer left unsent at the end can still be submitted, marked late, within the grace', async () => {
	const { iv, page } = await startJs('Lou Late');
	await leaveSeconds(iv.id, 3);
	await page.reload();
	await page.fill('#answer', 'written as the time ran out');
	const context = page.context();
	await page.close();	/* the tab closed before the time ran out */
	await new Promise(r => setTimeout(r, 5000));
	const again = await context.newPage();
	again.on('pageerror', e => jsErrors.push(String(e)));
	await again.goto(`${base}/c`);
	expect((await again.content()).includes('Time is up'), 'the end');
	const kept = again.locator('#draft-kept-final');
	expect(await kept.count() === 1, 'the final answer offered back');
	await shot(again, 'interview-js-late-offer');
	await Promise.all([again.waitForURL(`${base}/c?late=1`),
		kept.locator('button', { hasText: 'Submit (it will be marked late)' }).click()]);
	expect(await again.locator('#late-final').count() === 1, 'recorded, marked late');
	expect(await sql(`SELECT final_answer FROM interviews WHERE id = ${iv.id}`) ===
		'written as the time ran out', 'the final answer recorded');
	expect(await again.locator('.draft-kept').count() === 0, 'nothing left to copy');
	await context.close();
});

await check('e2e interview (JS): drafts survive a reload and the link opened again, never over the server\'s text', async () => {
	const { iv, page } = await startJs('Dan Draft');
	await page.fill('#message', 'a message I am writing');
	await page.fill('#answer', 'a final answer I am writing');
	await page.reload();
	expect(await page.inputValue('#message') === 'a message I am writing', 'the message back');
	expect(await page.inputValue('#answer') === 'a final answer I am writing', 'the final answer back');
	expect(await page.locator('#draft-restored').innerText() === 'Your unsent draft was restored.', 'the notice');
	const context = page.context();
	await page.close();
	const again = await context.newPage();
	again.on('pageerror', e => jsErrors.push(String(e)));
	await again.goto(`${base}${iv.path}`);
	await again.waitForURL(`${base}/c`);
	expect(await again.inputValue('#message') === 'a message I am writing', 'the message back, link opened again');
	// Sent, its draft goes; the final answer's stays.
	await again.click('#send-button');
	await again.locator('#conversation .from-assistant').first().waitFor({ timeout: 5000 });
	await again.reload();
	expect(await again.inputValue('#message') === '', 'the sent message not restored');
	expect(await again.inputValue('#answer') === 'a final answer I am writing', 'the final answer still kept');
	// A refused plain post: the server's text stays in the box, not the draft.
	const api = `${base}/api/v1/candidate/messages`;
	await again.route(api, route => route.fulfill({ status: 404, contentType: 'application/json',
		body: '{"error":{"code":"not_found","message":"Not found."}}' }));
	const long = 'y'.repeat(8001);
	await again.fill('#message', long);
	await Promise.all([again.waitForResponse(r => r.url() === `${base}/c/messages`), again.click('#send-button')]);
	await again.locator('#send-error').waitFor();
	expect(await again.inputValue('#message') === long, 'the refused text in the box');
	await again.unroute(api);
	await context.close();
});

await check('e2e interview (JS): a resume shows within seconds; the paused page says it updates by itself', async () => {
	const { iv, page } = await startJs('Pia Pause');
	await control(iv.id, 'pause');
	const paused = page.locator('p.flash-warn', { hasText: 'has paused the interview' });
	await paused.waitFor({ timeout: 15000 });
	const text = await paused.innerText();
	expect(text.includes('this page updates by itself when the interview resumes'), `the paused text, got ${text}`);
	await control(iv.id, 'resume');
	const t0 = Date.now();
	await page.waitForFunction(() => !document.body.textContent.includes('has paused the interview'), null,
		{ timeout: 15000 });
	expect(Date.now() - t0 < 6000, `the resume shown within 6 s, took ${Date.now() - t0} ms`);
	await page.context().close();
});

await check('e2e interview (JS): a new send clears the old error, keeps the focus in the box, and the reply is announced', async () => {
	const { page } = await startJs('Fay Focus');
	const api = `${base}/api/v1/candidate/messages`;
	await page.route(api, route => route.fulfill({ status: 503, contentType: 'application/json',
		body: '{"error":{"code":"unavailable","message":"The AI service did not answer; your message was not charged. Try again."}}' }));
	await page.fill('#message', 'Where do I start?');
	await page.click('#send-button');
	await page.locator('#send-error').waitFor({ timeout: 5000 });
	await page.unroute(api);
	// The next send waits a moment on its way: meanwhile the old error is gone, the focus stays.
	let release;
	const held = new Promise(r => { release = r; });
	await page.route(api, async route => { await held; await route.continue(); });
	await page.click('#send-button');
	expect(await page.locator('#send-error').count() === 0, 'the old error gone as the send starts');
	expect(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'message',
		'the focus in the message box while sending');
	release();
	await page.locator('#conversation .from-assistant').first().waitFor({ timeout: 5000 });
	expect(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'message',
		'the focus in the message box after the reply');
	const live = page.locator('#reply-live');
	expect(await live.getAttribute('aria-live') === 'polite', 'a polite live region');
	expect((await live.textContent()).startsWith('The assistant replied: '), 'the reply announced when whole');
	await page.unroute(api);
	await page.context().close();
});

await check('e2e interview (JS): a message being answered shows on another device, which reloads once the reply is stored; without script only a frame reloads, and what is typed stays', async () => {
	const { iv, page } = await startJs('Ida Inflight', 'gpt-4o-mini');
	// Written until the page without script has been typed in for more than 5 s: the reply
	// waits at the fake's gate (within the calls' 25 s timeout) until the test opens it.
	const res = await fetch(`${process.env.VIVA_FAKEAI}/_fake/script`, {
		method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify([{ reply: 'The slow reply, at last.', gate: true }]) });
	expect(res.ok, 'the fake provider took the script');
	await page.fill('#message', 'Is <b>this</b> slow?');
	await page.click('#send-button');
	// Another device opens the interview while the reply is being written.
	const other = await (await browser.newContext()).newPage();
	other.on('pageerror', e => jsErrors.push(String(e)));
	const shown = await eventually(async () => {
		await other.goto(`${base}${iv.path}`);
		return await other.locator('#conversation .in-flight').count() === 1;
	}, 4000, 200);
	expect(shown, 'the message in flight on the other device');
	const card = other.locator('#conversation .in-flight');
	expect((await card.locator('pre').innerText()) === 'Is <b>this</b> slow?', 'the message as typed');
	expect((await card.innerText()).includes('The assistant is answering…'), 'the answering line');
	await shot(other, 'interview-js-in-flight');
	// Without script the page does not reload (it lost what was typed): only its frame.
	const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await plain.goto(`${base}${iv.path}`);
	let loads = 0;
	plain.on('framenavigated', f => { if (f === plain.mainFrame()) loads++; });
	const html = await plain.content();
	expect(html.includes('The assistant is answering…'), 'the answering line without script');
	expect(!html.includes('http-equiv="refresh"'), 'no refresh of the whole page');
	const status = plain.frameLocator('iframe.status-frame');
	expect((await status.locator('#answering').innerText()).startsWith('The assistant is answering your message'),
		'the frame says the message is being answered');
	await plain.fill('#message', 'typed while the reply is written');
	await plain.fill('#answer', 'a final answer, half written');
	await plain.focus('#message');
	await plain.keyboard.type(' and more');
	await plain.waitForTimeout(6000);
	expect(loads === 0, `the page not reloaded, ${loads} loads`);
	expect(await plain.inputValue('#message') === 'typed while the reply is written and more',
		'the message box keeps what was typed after 6 s');
	expect(await plain.inputValue('#answer') === 'a final answer, half written',
		'the final answer box keeps what was typed after 6 s');
	expect((await fetch(`${process.env.VIVA_FAKEAI}/_fake/gate`, { method: 'POST' })).ok, 'the gate opened');
	await status.locator('#replied').waitFor({ timeout: 15000 });
	expect(loads === 0, 'still not reloaded once the reply is stored');
	expect(await plain.inputValue('#message') === 'typed while the reply is written and more',
		'the message box kept to the end');
	await shot(plain, 'interview-plain-replied-frame');
	// Its link shows the reply on the whole page, loaded again (not only scrolled).
	await status.locator('#replied a', { hasText: 'Show the reply' }).click();
	await plain.waitForURL(`${base}/c#latest`);
	expect((await plain.locator('#latest').innerText()).includes('The slow reply, at last.'), 'the reply, at #latest');
	expect(await plain.locator('iframe.status-frame').count() === 0, 'no frame once nothing is in flight');
	await plain.context().close();
	// The script sees the hold given back and reloads: the reply, no card in flight.
	await other.locator('#conversation .from-assistant', { hasText: 'The slow reply, at last.' })
		.waitFor({ timeout: 15000 });
	expect(await other.locator('#conversation .in-flight').count() === 0, 'no message in flight any more');
	expect(await other.locator('#conversation .from-user', { hasText: 'Is <b>this</b> slow?' }).count() === 1,
		'the message once');
	await other.context().close();
	await page.context().close();
});

await check('e2e interview (JS): a send without reload keeps the final answer draft for another device', async () => {
	const { iv, page } = await startJs('Dee Device');
	await page.fill('#answer', 'my final answer, written on the laptop');
	await page.fill('#message', 'Where do I start?');
	await page.click('#send-button');
	await page.locator('#conversation .from-assistant').first().waitFor({ timeout: 5000 });
	expect(page.url() === `${base}/c`, 'no navigation');
	// Another device, its script off: only the server can have the draft.
	const other = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await other.goto(`${base}${iv.path}`);
	expect(await other.inputValue('#answer') === 'my final answer, written on the laptop',
		'the final answer draft on the other device');
	expect(await other.inputValue('#message') === '', 'the sent message not kept');
	await other.context().close();
	await page.context().close();
});

await check('e2e interview (JS): no script errors', async () => {
	expect(jsErrors.length === 0, `no errors, got ${jsErrors.join('; ')}`);
});

await browser.close();
done();

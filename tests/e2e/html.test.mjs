// html.test.mjs: the pages the other walks do not reach, each checked as HTML by lib.mjs
// (.htmlvalidate.mjs): the admin's lists and forms, a form sent back with its errors, an
// assisted interview running, paused and ended on both sides, and the error pages.
// JavaScript is off, as the oldest browsers would have it, so each page is the server's.
import { launch, check, expect, done, base, signIn, sql, validateResponse } from './lib.mjs';

const browser = await launch();
const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
const cand = await (await browser.newContext({ javaScriptEnabled: false })).newPage();

// Creates an assisted interview on the seeded challenge; returns its invite link.
async function createInterview(name, email) {
	await admin.goto(`${base}/admin/interviews/new`);
	await admin.fill('#candidate_name', name);
	await admin.fill('#candidate_email', email);
	const value = await admin.locator('#challenge_id option', { hasText: 'Merge overlapping meetings' })
		.first().getAttribute('value');
	await admin.selectOption('#challenge_id', value);
	await admin.fill('#minutes', '5');
	await admin.fill('#token_budget', '20000');
	await admin.selectOption('#model', 'builtin');	// the AI service's model is the default
	await admin.click('form[action="/admin/interviews"] button[type=submit]');
	return (await admin.locator('.secret').innerText()).trim();
}

// Opens each path; every one must answer 200.
async function visit(page, paths) {
	for (const path of paths) {
		const res = await page.goto(`${base}${path}`);
		expect(res.status() === 200, `200 from ${path}, got ${res.status()}`);
	}
}

// The href of the first link matching sel on the page now open.
const firstHref = async (page, sel) => page.locator(sel).first().getAttribute('href');

// Posts fields (with the page's CSRF token) outside the browser's navigation, for
// answers a browser's own form checks would never let it ask for; checks the HTML.
async function postRaw(page, path, fields, status) {
	const csrf = await page.locator('input[name=csrf]').first().inputValue();
	const res = await page.request.post(`${base}${path}`,
		{ form: { csrf, ...fields }, maxRedirects: 0 });
	expect(res.status() === status, `${status} from POST ${path}, got ${res.status()}`);
	await validateResponse('POST', path, res);
	return res;
}

await check('e2e html: the admin pages', async () => {
	await signIn(admin);
	await visit(admin, ['/admin/settings', '/admin/tokens', '/account/password',
		'/admin/challenges', '/admin/challenges/new', '/admin/questions',
		'/admin/questions/new', '/admin/questions/import', '/admin/roles',
		'/admin/analytics', '/admin/interviews', '/admin/interviews?status=paused&q=nobody',
		'/admin/interviews?kind=assisted&sort=name', '/admin/interviews/new',
		'/admin/adaptive/new', '/admin/oneway/new']);
	await admin.goto(`${base}/admin/challenges`);
	const cid = (await firstHref(admin, 'td a[href^="/admin/challenges/"]')).split('/')[3];
	// A shipped challenge is read-only: its copy opens in the edit form.
	await visit(admin, [`/admin/challenges/${cid}`]);
	await admin.click(`form[action="/admin/challenges/${cid}/duplicate"] button[type=submit]`);
	expect(/\/admin\/challenges\/\d+\/edit/.test(admin.url()), `the copy's edit form, at ${admin.url()}`);
	await admin.goto(`${base}/admin/questions`);
	const qid = (await firstHref(admin, 'td a[href^="/admin/questions/"]')).split('/')[3];
	await visit(admin, [`/admin/questions/${qid}`]);
	await admin.click(`form[action="/admin/questions/${qid}/duplicate"] button[type=submit]`);
	expect(/\/admin\/questions\/\d+\/edit/.test(admin.url()), `the copy's edit form, at ${admin.url()}`);
	// The box was ticked: the original is hidden from the org's interviews.
	await visit(admin, [`/admin/questions/${qid}`, '/admin/questions?state=hidden',
		'/admin/questions?state=all']);
	expect((await admin.content()).includes('hidden from our interviews'),
		'the hidden original marked in the list');
});

await check('e2e html: new interview forms come back with their field errors', async () => {
	for (const [form, path] of [['/admin/interviews/new', '/admin/interviews'],
		['/admin/adaptive/new', '/admin/adaptive'], ['/admin/oneway/new', '/admin/oneway']]) {
		await admin.goto(`${base}${form}`);
		const res = await postRaw(admin, path, { candidate_name: '', candidate_email: 'not an email' }, 400);
		expect((await res.text()).includes('has-error'), `a field error on ${path}`);
	}
});

await check('e2e html: admin forms sent back with their errors, and saved', async () => {
	// Each form is novalidate: sent empty, the server answers with its messages.
	for (const [path, action] of [['/admin/tokens', '/admin/tokens'],
		['/account/password', '/account/password'], ['/admin/roles', '/admin/roles'],
		['/admin/users', '/admin/users'], ['/admin/challenges/new', '/admin/challenges'],
		['/admin/questions/new', '/admin/questions']]) {
		await admin.goto(`${base}${path}`);
		const [res] = await Promise.all([
			admin.waitForResponse(r => r.request().method() === 'POST' && r.url() === `${base}${action}`),
			admin.click(`form.form[action="${action}"] button[type=submit]`),
		]);
		expect(res.status() === 400, `400 from an empty ${action}, got ${res.status()}`);
		expect((await admin.content()).includes('has-error'), `a field error on ${action}`);
	}
	await admin.goto(`${base}/admin/tokens`);
	await admin.fill('#name', 'HTML check');
	await admin.click('form.form[action="/admin/tokens"] button[type=submit]');
	expect(await admin.locator('.secret').count() === 1, 'the new token shown once');
	await admin.goto(`${base}/admin/roles`);
	await admin.fill('#name', 'Markup engineer');
	await admin.fill('#slug', 'markup-engineer');
	await admin.fill('#skill_areas', 'html, accessibility');
	await admin.click('form.form[action="/admin/roles"] button[type=submit]');
	expect((await admin.content()).includes('Markup engineer'), 'the new role listed');
	await admin.goto(`${base}/admin/settings`);
	await admin.click('form.form[action="/admin/settings"] button[type=submit]');
});

let id, link;
await check('e2e html: an assisted interview, running, paused and ended', async () => {
	link = await createInterview('Hattie Markup', 'hattie@example.com');
	id = Number((await firstHref(admin, 'a[href^="/admin/interviews/"]')).split('/').pop());
	await visit(admin, [`/admin/interviews/${id}`]);
	await cand.goto(link);
	await cand.click('form[action="/c/start"] button[type=submit]');
	await cand.fill('#message', 'How should I start?');
	await cand.click('#send-button');
	await visit(admin, [`/admin/interviews/${id}`, `/admin/interviews/${id}/analytics`]);
	// The charts are images (lib/svg.c) that Chromium draws, named by their figures.
	for (const name of [/^Cumulative tokens over minutes since the start: 0 at minute 0, /,
		/^Time: active, idle and left: Active /]) {
		const img = admin.getByRole('img', { name });
		expect(await img.count() === 1, `a chart named ${name}`);
		expect(await img.evaluate(i => i.complete && i.naturalWidth > 0), `the chart ${name} drawn`);
	}
	expect(await admin.locator('details.figures table').count() === 2, 'each chart\'s figures as a table');
	for (const action of ['pause', 'end']) {
		await admin.goto(`${base}/admin/interviews/${id}?confirm=${action}`);
		await admin.click(`form[action="/admin/interviews/${id}/${action}"] button[type=submit]`);
		await visit(cand, ['/c']);
	}
	// Ended: the reviewer's recommendation beside the conversation, and one refused.
	await admin.goto(`${base}/admin/interviews/${id}`);
	await admin.selectOption('#rec', 'yes');
	await admin.fill('#rec-notes', 'Clear <b>work</b>');
	await Promise.all([admin.waitForURL(/#recommendation$/),
		admin.click('#recommendation button[type=submit]')]);
	await postRaw(admin, `/admin/interviews/${id}/recommendation`, { recommendation: 'maybe' }, 400);
	await visit(admin, [`/admin/interviews/${id}`, `/admin/interviews/${id}/analytics`,
		'/admin/analytics', '/admin/interviews', '/admin']);
});

// The candidate opens a new invite link and starts.
async function start(page, link) {
	await page.goto(link);
	await page.click('form[action="/c/start"] button[type=submit]');
	await page.waitForURL(`${base}/c`);
}

await check('e2e html: one-way and adaptive interviews, a recording too large, paused, ended', async () => {
	await admin.goto(`${base}/admin/oneway/new`);
	await admin.fill('#candidate_name', 'Owen Markup');
	await admin.fill('#candidate_email', 'owen@example.com');
	await admin.fill('#questions', 'Tell us about a bug you fixed.\n[5] Why this role?');
	await admin.click('button[value=create]');
	const oneway = await admin.locator('.secret').innerText();
	const oid = Number((await firstHref(admin, 'a[href^="/admin/interviews/"]')).split('/').pop());
	const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await start(page, oneway.trim());
	const res = await page.goto(`${base}/c/oneway/answer/too-large`);
	expect(res.status() === 413, `413 for a recording too large, got ${res.status()}`);
	for (const action of ['pause', 'end']) {
		await admin.goto(`${base}/admin/interviews/${oid}?confirm=${action}`);
		await admin.click(`form[action="/admin/interviews/${oid}/${action}"] button[type=submit]`);
		await visit(page, ['/c']);
	}
	await visit(admin, [`/admin/interviews/${oid}`]);
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', 'Ada Markup');
	await admin.fill('#candidate_email', 'ada@example.com');
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'builtin');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	const adaptive = await admin.locator('.secret').innerText();
	await start(page, adaptive.trim());
	const voice = await page.goto(`${base}/c/answer/voice/too-large`);
	expect(voice.status() === 413, `413 for a spoken answer too large, got ${voice.status()}`);
	await page.context().close();
});

await check('e2e html: the error pages', async () => {
	for (const [page, path, status] of [[cand, '/no/such/page', 404],
		[cand, '/i/no-such-invite', 404], [admin, '/admin/interviews/999999', 404],
		[cand, '/c/answer/voice/too-large', 404]]) {
		const res = await page.goto(`${base}${path}`);
		expect(res.status() === status, `${status} from ${path}, got ${res.status()}`);
	}
	// An expired invite link.
	const expired = await createInterview('Ex Pired', 'expired@example.com');
	await sql("UPDATE interviews SET invite_expires_at = now() - interval '1 day'" +
		" WHERE candidate_email = 'expired@example.com'");
	const res = await cand.goto(expired);
	expect(res.status() >= 400, `an error for the expired link, got ${res.status()}`);
	// A GET-only page posted to, a form whose CSRF token is stale, bodies too large.
	await admin.goto(`${base}/admin/users`);
	await postRaw(admin, '/admin', {}, 405);
	const stale = await admin.request.post(`${base}/admin/users`,
		{ form: { csrf: 'stale', email: 'x@example.com', name: 'X' }, maxRedirects: 0 });
	expect(stale.status() === 403, `403 for a stale form, got ${stale.status()}`);
	await validateResponse('POST', '/admin/users', stale);
	for (const mib of [2.5, 4])
		await postRaw(admin, '/admin/users', { name: 'x'.repeat(mib * 1024 * 1024) }, 413);
});

await browser.close();
done();

// back.test.mjs: the browser's Back button on the candidate's page without JavaScript.
// After sending, Back showed the page before with the sent message back in the box, and
// Send charged it a second time; the box comes back empty now (autocomplete="off").
import { launch, check, expect, done, base, signIn, sql } from './lib.mjs';

const browser = await launch();
const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
const cand = await (await browser.newContext({ javaScriptEnabled: false })).newPage();

async function send(text) {
	await cand.fill('#message', text);
	await Promise.all([cand.waitForURL(`${base}/c`), cand.click('#send-button')]);
}

await check('e2e back: Back after a send does not put the sent message in the box again', async () => {
	await signIn(admin);
	await admin.goto(`${base}/admin/interviews/new`);
	await admin.fill('#candidate_name', 'Bea Back');
	await admin.fill('#candidate_email', 'bea.back@example.com');
	await admin.selectOption('#challenge_id', { index: 1 });
	await admin.fill('#minutes', '30');
	await admin.fill('#token_budget', '20000');
	await admin.selectOption('#model', 'builtin');
	await admin.click('form[action="/admin/interviews"] button[type=submit]');
	const link = (await admin.locator('.secret').innerText()).trim();
	await cand.goto(link);
	await Promise.all([cand.waitForURL(`${base}/c`), cand.click('form[action="/c/start"] button[type=submit]')]);
	await send('Message one');
	await send('Message two');
	// Chromium now and then loses the page as Back swaps it ("Not attached to an
	// active page"): once more then, from whichever page it is on.
	await cand.goBack().catch(async (e) => {
		if (!/Not attached/.test(e.message))
			throw e;
		await cand.waitForLoadState();
		if ((await cand.locator('#conversation .from-user').count()) === 2)
			await cand.goBack();
	});
	const box = await cand.inputValue('#message');
	expect(box === '', `an empty box after Back, got "${box}"`);
	const n = (await sql("SELECT count(*) FROM messages m JOIN interviews i ON i.id = m.interview_id"
		+ " WHERE i.candidate_name = 'Bea Back' AND m.role = 'user'")).trim();
	expect(n === '2', `two messages sent, got ${n}`);
});

await browser.close();
done();

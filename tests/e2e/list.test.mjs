// list.test.mjs: the interview list refreshes itself every 15 seconds, and with
// JavaScript (refresh.js) waits while its filters are being changed: what the
// interviewer types is not reloaded away. Without JavaScript the list reloads itself
// (a <meta> refresh, which drops what is typed) only when asked.
import { launch, check, expect, done, base, signIn } from './lib.mjs';

const browser = await launch();
const admin = await (await browser.newContext()).newPage();
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A mark on the window: a reload takes it away.
const mark = () => admin.evaluate(() => { window.vivaMark = 1; });
const marked = () => admin.evaluate(() => window.vivaMark === 1);

await check('e2e list: typing in the filters holds the refresh back', async () => {
	await signIn(admin);
	await admin.goto(`${base}/admin/interviews`);
	expect(await admin.locator('#refresh-hint[data-refresh="15"]').count() === 1, 'the refresh hint');
	await mark();
	await admin.fill('#q', 'ada love');
	await wait(16500);
	expect(await marked(), 'no reload while the box holds typed text');
	expect(await admin.inputValue('#q') === 'ada love', 'the typed text kept');
});

await check('e2e list: the form left as it was, the page refreshes again', async () => {
	await admin.fill('#q', '');
	await admin.locator('#refresh-hint').click();	// away from the box
	await admin.waitForFunction(() => window.vivaMark !== 1, null, { timeout: 20000 });
	expect(await admin.locator('#q').count() === 1, 'the list again');
});

await check('e2e list (no JS): no reload unless asked, then every 15 seconds', async () => {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	await signIn(page);
	await page.goto(`${base}/admin/interviews`);
	await page.fill('#q', 'grace hop');
	await wait(16500);
	expect(await page.inputValue('#q') === 'grace hop', 'the typed text kept');
	await page.click('#refresh-hint a:has-text("refresh it all the same")');
	expect(await page.locator('meta[http-equiv=refresh]').count() === 1, 'a meta refresh once asked');
	await ctx.close();
});

await browser.close();
await done();

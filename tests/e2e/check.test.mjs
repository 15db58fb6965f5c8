// check.test.mjs: the candidate's device check.  With Chromium's fake microphone and
// camera (a beeping tone, a test pattern) every check passes and the saved result lands on
// the interview's timeline; with the microphone blocked the page says how to allow it;
// with JavaScript off the page says what cannot be checked and still plays the tone.
import { launch, check, expect, done, base, signIn, sql } from './lib.mjs';

const fake = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const browser = await launch(fake);
const admin = await (await browser.newContext()).newPage();
let link, id;

await check('e2e check: an interview that offers voice is created', async () => {
	await signIn(admin);
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', 'Val Voice');
	await admin.fill('#candidate_email', 'val@example.com');
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'builtin');	// the AI service's model is the default
	await admin.check('input[name=voice]');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	link = (await admin.locator('.secret').innerText()).trim();
	id = Number((await admin.locator('a', { hasText: 'Open the interview' }).getAttribute('href')).split('/').pop());
	expect(id > 0, 'an interview id');
});

await check('e2e check (fake devices): microphone level, speaker, camera, saved to the timeline', async () => {
	const ctx = await browser.newContext();
	await ctx.grantPermissions(['microphone', 'camera'], { origin: base });
	const page = await ctx.newPage();
	await page.goto(link);
	await page.goto(`${base}/c/check`);
	expect((await page.locator('#mic-howto').innerText()).startsWith('Press the button'), 'how to test, with the button');
	await page.click('#mic-start');
	// The fake microphone beeps: the meter must move and the page say it hears us.
	await page.waitForFunction(() => Number(document.getElementById('mic-level').getAttribute('data-level') || 0) > 0,
		null, { timeout: 10000 });
	await page.waitForFunction(() => /we can hear you/.test(document.getElementById('mic-result').textContent),
		null, { timeout: 10000 });
	await page.click('#heard');
	expect((await page.locator('#speaker-result').innerText()).includes('speakers work'), 'speaker confirmed');
	await page.click('#cam-start');
	await page.waitForFunction(() => /camera works/.test(document.getElementById('cam-result').textContent),
		null, { timeout: 10000 });
	expect((await page.locator('#live-result').innerText()).includes('Live voice works'), 'live voice possible');
	await page.screenshot({ path: 'tests/e2e/out/check-fake-devices.png', fullPage: true });
	await page.click('#check-form button[type=submit]');
	await page.waitForURL(`${base}/c/check?saved=1`);
	const detail = await sql(`SELECT detail::text FROM events WHERE interview_id = ${id} AND type = 'tech_check'`);
	const saved = JSON.parse(detail);
	expect(saved.microphone === 'ok' && saved.speaker === 'heard' && saved.camera === 'ok' && saved.live_voice === true,
		`the saved check, got ${detail}`);
	await ctx.close();
});

await check('e2e check: saved without testing the microphone, it is "untested", not "unsupported"', async () => {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await page.goto(link);
	await page.goto(`${base}/c/check`);
	await page.click('#heard');
	await page.click('#check-form button[type=submit]');
	await page.waitForURL(`${base}/c/check?saved=1`);
	const detail = await sql(`SELECT detail::text FROM events WHERE interview_id = ${id} AND type = 'tech_check'` +
		' ORDER BY id DESC LIMIT 1');
	const saved = JSON.parse(detail);
	expect(saved.microphone === 'untested' && saved.live_voice === false,
		`the saved check, got ${detail}`);
	await ctx.close();
});

await check('e2e check (microphone blocked): the page says how to allow it', async () => {
	const blocked = await launch(['--use-fake-device-for-media-stream']);
	const ctx = await blocked.newContext();	// no permission granted: headless denies
	const page = await ctx.newPage();
	await page.goto(link);
	await page.goto(`${base}/c/check`);
	await page.click('#mic-start');
	await page.waitForFunction(() => document.getElementById('mic-result').textContent.length > 0,
		null, { timeout: 10000 });
	const said = await page.locator('#mic-result').innerText();
	expect(/blocked for this site|Allow it/.test(said), `how to allow the microphone, got ${said}`);
	expect((await page.locator('#live-result').innerText()).includes('needs the microphone'), 'live voice waits');
	await blocked.close();
});

await check('e2e check (a browser without isSecureContext): a blocked microphone is not called an http page', async () => {
	const ctx = await browser.newContext();
	await ctx.addInitScript(() => {
		Object.defineProperty(window, 'isSecureContext', { value: undefined });
		navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
	});
	const page = await ctx.newPage();
	await page.goto(link);
	await page.goto(`${base}/c/check`);
	await page.click('#mic-start');
	await page.waitForFunction(() => document.getElementById('mic-result').textContent.length > 0,
		null, { timeout: 10000 });
	const said = await page.locator('#mic-result').innerText();
	expect(/blocked for this site/.test(said) && !/https/.test(said), `how to allow it, got ${said}`);
	await ctx.close();
});

await check('e2e check (no JS): what cannot be checked is said, the tone still plays', async () => {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	await page.goto(link);
	await page.goto(`${base}/c/check`);
	expect((await page.locator('#no-script').innerText()).includes('JavaScript is off'), 'the no-script note');
	expect(await page.locator('#mic-start').isHidden(), 'no dead microphone button');
	expect(!(await page.content()).includes('Press the button'), 'no button to press is mentioned');
	const tone = await page.request.get(`${base}/static/check-tone.wav`);
	expect(tone.ok() && (await tone.body()).subarray(0, 4).toString() === 'RIFF', 'the test tone is served');
	await ctx.close();
});

await browser.close();
done();

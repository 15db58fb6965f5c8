// voice.test.mjs: a spoken answer in headless Chromium with a fake microphone: the
// interviewer offers voice, the candidate hears the question's player, records with the
// Record / Stop / Send buttons (static/voice.js), and sees the transcript the fake
// provider made become the answer to question 1.
import { launch, check, expect, done, base, signIn, sql } from './lib.mjs';

// A microphone that plays a beep, allowed without asking.
const browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
const admin = await (await browser.newContext()).newPage();
const cand = await (await browser.newContext({ permissions: ['microphone'] })).newPage();
let link;

await check('e2e voice: the interviewer offers voice answers', async () => {
	await signIn(admin);
	await admin.goto(`${base}/admin/adaptive/new`);
	await admin.fill('#candidate_name', 'Vic Voice');
	await admin.fill('#candidate_email', 'vic@example.com');
	await admin.selectOption('#role', 'python');
	await admin.selectOption('#model', 'gpt-4o-mini');
	await admin.fill('#min_questions', '3');
	await admin.fill('#max_questions', '4');
	await admin.check('input[name=voice]');
	await admin.click('form[action="/admin/adaptive"] button[type=submit]');
	link = (await admin.locator('.secret').innerText()).trim();
	expect(link.includes('/i/'), 'an invite link');
});

await check('e2e voice: the candidate records an answer and sees its transcript', async () => {
	await cand.goto(link);
	await cand.click('form[action="/c/start"] button[type=submit]');
	await cand.waitForURL(`${base}/c`);
	expect(await cand.locator('#question-audio').count() === 1, 'the question player');
	expect(await cand.locator('#voice-form input[type=file][capture]').count() === 1,
		'the file input kept for browsers without a microphone');
	expect(await cand.locator('button:has-text("Send the recording")').count() === 1,
		'one Send the recording button, the recorder\'s');
	expect(await cand.locator('#voice-form button[type=submit]').innerText() === 'Send the chosen file',
		'the file form\'s button says what it sends');
	await cand.click('text=Record an answer');
	await cand.waitForFunction(() => /Recording 0:0[1-9]/.test(document.querySelector('.voice-recorder [role=status]').textContent));
	await cand.click('.voice-recorder >> text=Stop');
	await cand.waitForFunction(() => !document.querySelector('.voice-recorder .btn-primary').disabled);
	await cand.click('.voice-recorder >> text=Send the recording');
	await cand.waitForSelector('#heard', { timeout: 15000 });
	const heard = await cand.locator('#heard').innerText();
	expect(heard.includes('What we heard for question 1'), `the transcript card, got ${heard}`);
	expect(heard.includes('This is the fake transcript of'), `the fake transcript, got ${heard}`);
	expect((await cand.locator('#progress').innerText()).startsWith('Question 2'), 'the next question');
	// Chromium records Opus in WebM, not Ogg: sent and kept as such, not as WAV.
	const fmt = (await sql("SELECT r.format FROM recordings r JOIN interviews i ON"
		+ " i.id = r.interview_id WHERE i.candidate_name = 'Vic Voice'")).trim();
	expect(fmt === 'webm', `the recording kept as WebM, got ${fmt}`);
	await cand.screenshot({ path: 'tests/e2e/out/voice-heard.png', fullPage: true });
});

await browser.close();
done();

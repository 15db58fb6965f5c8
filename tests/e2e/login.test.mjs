// login.test.mjs: sign in and out with JavaScript disabled, as the oldest browsers would.
import { launch, check, expect, done, base, email, password } from './lib.mjs';

const browser = await launch();
const context = await browser.newContext({ javaScriptEnabled: false });
const page = await context.newPage();

await check('e2e login page renders without JavaScript', async () => {
	const res = await page.goto(`${base}/login`);
	expect(res.status() === 200, `200, got ${res.status()}`);
	expect(await page.locator('h1').innerText() === 'Sign in', 'a Sign in heading');
});

await check('e2e wrong password shows the error beside the form', async () => {
	await page.fill('#email', email);
	await page.fill('#password', 'wrong password');
	await page.click('button[type=submit]');
	expect((await page.content()).includes('The email or password is incorrect.'),
		'the wrong-password message');
	expect(await page.inputValue('#email') === email, 'the email kept in the form');
});

await check('e2e sign in lands on the admin home', async () => {
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.click('button[type=submit]');
	await page.waitForURL(`${base}/admin`);
	expect((await page.locator('h1').innerText()).startsWith('Welcome'), 'a welcome heading');
	await page.screenshot({ path: 'tests/e2e/out/admin-home.png', fullPage: true });
});

await check('e2e the page links a stylesheet that nginx serves as CSS', async () => {
	const href = await page.locator('link[rel=stylesheet]').getAttribute('href');
	const res = await page.request.get(`${base}${href}`);
	expect(res.status() === 200, 'the stylesheet served');
	expect(res.headers()['content-type'].startsWith('text/css'), 'text/css');
});

await check('e2e admin adds an interviewer and sees the password once', async () => {
	await page.goto(`${base}/admin/users`);
	await page.fill('#email', 'new.interviewer@example.com');
	await page.fill('#name', 'New Interviewer');
	await page.click('form[action="/admin/users"] button[type=submit]');
	const secret = await page.locator('.secret').innerText();
	expect(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/.test(secret.trim()), `a generated password, got ${secret}`);
	expect((await page.content()).includes('new.interviewer@example.com'), 'the new user in the list');
});

await check('e2e sign out returns to the sign-in page', async () => {
	await page.click('nav.site-nav button[type=submit]');
	await page.waitForURL(/\/login\?bye=1$/);
	expect((await page.content()).includes('You are signed out.'), 'the signed-out notice');
	await page.screenshot({ path: 'tests/e2e/out/login.png', fullPage: true });
});

await browser.close();
done();

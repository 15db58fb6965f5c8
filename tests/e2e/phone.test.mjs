// phone.test.mjs: the admin pages fit a phone (375 px, and the key ones 320 px) without
// scrolling sideways: rows of buttons wrap, the admin lists become a card per row below
// 40em, wide Markdown tables and code scroll inside their own box, long words and addresses
// break; the assisted candidate's page fits 320 px. The same pages at 1280 px do not scroll sideways either. The candidate's practice
// summary is read on a smaller phone (360 px): each answer a card, not a squeezed table.
import { launch, check, expect, done, base, signIn, sql } from './lib.mjs';

const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 800 };
// A small phone: the candidate's practice summary is read on one.
const SMALL_PHONE = { width: 360, height: 740 };
// Seeded by sql/004_seed_challenges.sql: a Markdown table and an SQL block.
const TABLE_CHALLENGE = 'Monthly active customers and churn';
// A long but valid address and a URL with no place to break: text a phone must fold.
const LONG_EMAIL = 'maria.fernanda.gonzalez-rodriguez@recruiting.example-university.edu';
const LONG_URL = 'https://example.com/handbook/engineering/incident-reviews/2024/checkout-outage-postmortem';
// A real surname of 66 letters, nowhere to break: a table column must fold it.
const LONG_NAME = 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft';
// A custom challenge named after the function to write: 68 letters, nowhere to break.
const LONG_TITLE = 'monthlyRecurringRevenueByCustomerSegmentAndRegionInReportingCurrency()';

const browser = await launch();
const page = await (await browser.newContext({ viewport: PHONE })).newPage();
const shot = name => page.screenshot({ path: `tests/e2e/out/${name}.png`, fullPage: true });

// What sticks out past the right edge of the window: the outermost such elements that no
// scrolling or clipping box holds, as "tag.class (right edge px): text" lines.
function overflowing() {
	const w = document.documentElement.clientWidth;
	const out = el => el.getBoundingClientRect().right > w + 0.5;
	// An absolutely placed box escapes the clipping of boxes up to its containing block.
	const held = el => {
		let pos = getComputedStyle(el).position;
		if (pos === 'fixed')
			return true;	// never widens the page
		for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
			const cs = getComputedStyle(a);
			if (pos === 'absolute' && cs.position === 'static')
				continue;
			if (out(a) || cs.overflowX !== 'visible')
				return true;
			pos = cs.position;
		}
		return false;
	};
	const name = el => el.tagName.toLowerCase() +
		(typeof el.className === 'string' && el.className.trim() ?
			'.' + el.className.trim().split(/\s+/).join('.') : '');
	return [...document.querySelectorAll('body *')].filter(el => out(el) && !held(el))
		.slice(0, 5).map(el => `${name(el)} (${Math.round(el.getBoundingClientRect().right)} px): ` +
			el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50));
}

// Opens path and fails if the page is wider than the window, naming what sticks out.
async function fits(path, size) {
	await page.setViewportSize(size);
	const res = await page.goto(`${base}${path}`);
	expect(res.status() === 200, `200 from ${path}, got ${res.status()}`);
	const m = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth,
		clipped: [document.documentElement, document.body]
			.some(el => getComputedStyle(el).overflowX !== 'visible'),
	}));
	// Hiding the overflow of the whole page would only cut off what sticks out.
	expect(!m.clipped, 'html and body not clipping what is wider than the window');
	if (m.scroll > m.inner) {
		const what = await page.evaluate(overflowing);
		throw new Error(`${path} at ${size.width} px is ${m.scroll} px wide:\n` + what.join('\n'));
	}
}

// Fills and posts a form that ends on the "Interview created" page; returns the interview's path.
async function created(form) {
	await page.click(`${form} button[type=submit]`);
	expect(await page.locator('h1').innerText() === 'Interview created', 'the created page');
	return page.locator('a', { hasText: 'Open the interview' }).getAttribute('href');
}

const paths = {};

// The rest is seen by an admin whose address is long: it is in "Sign out ..." on every page.
await check('e2e phone: an admin with a long address signs in on a phone', async () => {
	await signIn(page);
	const email = `${Date.now()}.${LONG_EMAIL}`;	// new on each run
	await page.goto(`${base}/admin/users`);
	await page.fill('#email', email);
	await page.fill('#name', 'María Fernanda González-Rodríguez');
	await page.selectOption('#role', 'admin');
	await page.click('form[action="/admin/users"] button[type=submit]');
	const password = (await page.locator('.secret').innerText()).trim();
	await page.context().clearCookies();
	await page.goto(`${base}/login`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.click('button[type=submit]');
	await page.waitForURL(`${base}/admin`);
	expect((await page.locator('nav.site-nav button').innerText()).includes(email), 'signed in as the new admin');
});

await check('e2e phone: interviews of each kind to look at', async () => {
	await page.goto(`${base}/admin/interviews/new`);
	await page.fill('#candidate_name', 'María Fernanda González-Rodríguez');
	await page.fill('#candidate_email', LONG_EMAIL);
	const value = await page.locator('#challenge_id option', { hasText: TABLE_CHALLENGE })
		.first().getAttribute('value');
	await page.selectOption('#challenge_id', value);
	await page.fill('#minutes', '30');
	await page.fill('#token_budget', '20000');
	await page.selectOption('#model', 'builtin');
	paths.assisted = await created('form[action="/admin/interviews"]');

	await page.goto(`${base}/admin/adaptive/new`);
	await page.fill('#candidate_name', 'Pat Phone');
	await page.fill('#candidate_email', 'pat.phone@example.com');
	await page.selectOption('#role', 'python');
	await page.selectOption('#model', 'builtin');
	await page.fill('#min_questions', '3');
	await page.fill('#max_questions', '4');
	paths.adaptive = await created('form[action="/admin/adaptive"]');

	await page.goto(`${base}/admin/oneway/new`);
	await page.fill('#candidate_name', 'Ona Phone');
	await page.fill('#candidate_email', LONG_EMAIL);
	await page.fill('#questions', `Read ${LONG_URL} and tell us what you would change.`);
	await page.fill('#answer_seconds', '60');
	await page.click('button[value=create]');
	paths.oneway = await page.locator('a', { hasText: 'Open the interview' }).getAttribute('href');

	await page.goto(`${base}/admin/adaptive/new`);
	await page.fill('#candidate_name', LONG_NAME);
	await page.fill('#candidate_email', 'hubert.w@example.com');
	await page.selectOption('#role', 'python');
	await page.selectOption('#model', 'builtin');
	paths.long = await created('form[action="/admin/adaptive"]');

	await page.goto(`${base}/admin/interviews/new`);
	await page.fill('#candidate_name', 'Tim Title');
	await page.fill('#candidate_email', 'tim.t@example.com');
	await page.selectOption('#challenge_id', '0');
	await page.fill('#title', LONG_TITLE);
	await page.fill('#body_md', 'Make the revenue report run in under a second.');
	await page.selectOption('#model', 'builtin');
	paths.title = await created('form[action="/admin/interviews"]');
	for (const k of ['assisted', 'adaptive', 'oneway'])
		expect(/^\/admin\/interviews\/\d+$/.test(paths[k] || ''), `a ${k} interview, got ${paths[k]}`);
	// Ended, with two reviewers' recommendations and long notes.
	const tid = Number(paths.title.split('/').pop());
	await sql(`UPDATE interviews SET status = 'completed', started_at = now() - interval '1 hour',` +
		` ended_at = now() WHERE id = ${tid};` +
		` INSERT INTO oneway_recommendations (interview_id, user_id, recommendation, notes)` +
		` SELECT ${tid}, id, CASE WHEN role = 'admin' THEN 'strong_yes' ELSE 'no' END,` +
		` 'Read ${LONG_URL} first' FROM users LIMIT 2`);
});

await check('e2e phone: a challenge with a Markdown table and a question to look at', async () => {
	await page.goto(`${base}/admin/challenges`);
	paths.challenge = await page.locator('a', { hasText: TABLE_CHALLENGE }).first().getAttribute('href');
	await page.goto(`${base}${paths.challenge}`);
	expect(await page.locator('.markdown table').count() > 0, 'a Markdown table in the challenge');
	await page.goto(`${base}/admin/questions`);
	paths.question = await page.$$eval('a[href^="/admin/questions/"]', as =>
		as.map(a => a.getAttribute('href')).find(h => /^\/admin\/questions\/\d+$/.test(h)));
	expect(/^\/admin\/questions\/\d+$/.test(paths.question || ''), `a question, got ${paths.question}`);
});

await check('e2e phone: code in an Arabic challenge reads left to right, from its first character', async () => {
	const rtl = await page.context().newPage();
	await rtl.goto(`${base}/admin/challenges/new`);
	await rtl.fill('#title', 'الفرق بين القائمة والصف');
	await rtl.fill('#body', 'ما الفرق بين `list` و `tuple` في بايثون؟ اشرح بمثال:\n\n```python\n' +
		'result = some_function_with_a_long_name(argument_one, argument_two, argument_three)\n```\n');
	await rtl.click('form.form button.btn-primary[type=submit]');
	await rtl.waitForURL(/\/admin\/challenges\/\d+\?done=created$/);
	const dirs = await rtl.$eval('.markdown pre', pre => {
		const box = pre.getBoundingClientRect(), code = pre.querySelector('code');
		const range = document.createRange();
		range.setStart(code.firstChild, 0);
		range.setEnd(code.firstChild, 1);
		return { block: getComputedStyle(pre.closest('.markdown')).direction,
			pre: getComputedStyle(pre).direction,
			firstFromLeft: range.getBoundingClientRect().left - box.left };
	});
	expect(dirs.block === 'rtl', `the Arabic text right to left, got ${dirs.block}`);
	expect(dirs.pre === 'ltr', `the code left to right, got ${dirs.pre}`);
	expect(dirs.firstFromLeft >= 0 && dirs.firstFromLeft < 40,
		`the code's first character at its box's left, got ${dirs.firstFromLeft} px`);
	await rtl.screenshot({ path: 'tests/e2e/out/phone-rtl-code.png', fullPage: true });
	await rtl.close();
});

// [what the check calls the page, its path]
const pages = [
	['/admin', '/admin'],
	['/admin/interviews', '/admin/interviews'],
	['/admin/interviews/new', '/admin/interviews/new'],
	['/admin/adaptive/new', '/admin/adaptive/new'],
	['/admin/oneway/new', '/admin/oneway/new'],
	['an assisted interview', paths.assisted],
	['its analytics', `${paths.assisted}/analytics`],
	['an adaptive interview', paths.adaptive],
	['a one-way interview', paths.oneway],
	['an ended interview with recommendations', paths.title],
	['/admin/challenges', '/admin/challenges'],
	['a challenge with a table', paths.challenge],
	['/admin/questions', '/admin/questions'],
	['/admin/questions/import', '/admin/questions/import'],
	['/admin/roles', '/admin/roles'],
	['a question', paths.question],
	['/admin/analytics', '/admin/analytics'],
	['/admin/settings', '/admin/settings'],
	['/admin/users', '/admin/users'],
	['/admin/tokens', '/admin/tokens'],
	['/account/password', '/account/password'],
];

for (const [name, path] of pages) {
	await check(`e2e phone: ${name} fits 375 px without scrolling sideways`, async () => {
		await fits(path, PHONE);
		if (path === paths.assisted)
			await shot('phone-interview');
		if (path === paths.challenge)
			await shot('phone-challenge');
	});
}

await check('e2e phone: a long unbroken name folds in the interviews table, not widening it', async () => {
	for (const size of [PHONE, DESKTOP]) {
		await fits('/admin/interviews', size);
		const m = await page.evaluate(name => {
			const a = [...document.querySelectorAll('table.table td a')]
				.find(el => el.textContent === name);
			const wrap = a.closest('.table-wrap');
			return { cell: a.closest('td').getBoundingClientRect().width,
				scroll: wrap.scrollWidth, box: wrap.clientWidth };
		}, LONG_NAME);
		if (size === PHONE)
			await shot('phone-interviews');
		// Unfolded, the name alone is about 560 px wide; folded, its cell is the row's
		// card on a phone (the list stacks below 40em) and its share of the width on
		// a desktop.
		const most = size === PHONE ? size.width - 20 : size.width / 3;
		expect(m.cell <= most, `its cell at most ${most} px at ${size.width} px, got ${m.cell} px`);
		if (size === DESKTOP)
			expect(m.scroll <= m.box, `the table within its box at 1280 px, got ${m.scroll} > ${m.box}`);
	}
});

await check('e2e phone: a long unbroken task title folds in the interviews table, not widening it', async () => {
	await fits('/admin/interviews', DESKTOP);
	const m = await page.evaluate(title => {
		const td = [...document.querySelectorAll('table.table td')]
			.find(el => el.textContent.includes(title));
		const wrap = td.closest('.table-wrap');
		return { cell: td.getBoundingClientRect().width, scroll: wrap.scrollWidth,
			box: wrap.clientWidth };
	}, LONG_TITLE);
	// Unfolded, the title alone is about 600 px wide.
	expect(m.cell <= DESKTOP.width / 3, `its cell at most ${DESKTOP.width / 3} px, got ${m.cell} px`);
	expect(m.scroll <= m.box, `the table within its box at 1280 px, got ${m.scroll} > ${m.box}`);
});

await check('e2e phone: a question naming a long function folds in the bank\'s table, not widening it', async () => {
	await page.setViewportSize(DESKTOP);
	await page.goto(`${base}/admin/questions/new`);
	await page.selectOption('#role', 'python');
	await page.fill('#skill_area', 'language_core');
	await page.fill('#body_md', `What does ${LONG_TITLE} return for no regions?`);
	await page.fill('#rubric', '3 | returns an empty mapping | empty');
	await page.click('form[action="/admin/questions"] button[type=submit]');
	await page.waitForURL(/\/admin\/questions\/\d+/);
	await fits('/admin/questions?role=python', DESKTOP);
	const m = await page.evaluate(() => {
		const wrap = document.querySelector('.table-wrap');
		return { scroll: wrap.scrollWidth, box: wrap.clientWidth };
	});
	expect(m.scroll <= m.box, `the table within its box at 1280 px, got ${m.scroll} > ${m.box}`);
});

await check('e2e phone: a wide Markdown table scrolls inside its own box', async () => {
	await fits(paths.challenge, PHONE);
	const wide = await page.$$eval('.markdown table', ts => ts
		.filter(el => el.scrollWidth > el.clientWidth)
		.map(el => getComputedStyle(el).overflowX));
	expect(wide.length > 0, 'a table of the challenge wider than its box at 375 px');
	expect(wide.every(o => o === 'auto'), `each such table scrolling in its box, got overflow-x ${wide}`);
});

// The candidate's practice interview to its end, on a phone without JavaScript (the pages
// are server-rendered); returns the page showing the feedback summary.
async function practiceSummary() {
	await page.setViewportSize(PHONE);
	await page.goto(`${base}/admin/adaptive/new`);
	await page.fill('#candidate_name', 'Pia Practice');
	await page.fill('#candidate_email', 'pia.practice@example.com');
	await page.selectOption('#role', 'python');
	await page.selectOption('#model', 'builtin');
	await page.fill('#min_questions', '3');
	await page.fill('#max_questions', '3');
	await page.check('input[name=practice]');
	await created('form[action="/admin/adaptive"]');
	const link = (await page.locator('.secret').innerText()).trim();
	const cand = await (await browser.newContext({ viewport: SMALL_PHONE,
		javaScriptEnabled: false })).newPage();
	await cand.goto(link);
	await cand.click('form[action="/c/start"] button[type=submit]');
	await cand.waitForURL(`${base}/c`);
	for (let n = 1; n <= 6 && await cand.locator('#answer').count() > 0; n++) {
		await cand.fill('#answer', 'I would start with a small example, because it shows the ' +
			'idea: a list comprehension, then a generator, and finally a test with pytest.');
		await cand.click('form[action="/c/answer"] button[type=submit]');
		await cand.waitForURL(`${base}/c`);
		// The feedback on each answer, its stronger answer open, fits as well.
		if (await cand.locator('#feedback details').count() > 0)
			await cand.click('#feedback details summary');
		const w = await cand.evaluate(() => document.documentElement.scrollWidth);
		if (n === 1)
			await cand.screenshot({ path: 'tests/e2e/out/phone-practice-feedback.png', fullPage: true });
		expect(w <= SMALL_PHONE.width, `the feedback on answer ${n} fits 360 px, got ${w} px`);
	}
	expect(await cand.locator('#summary tbody tr').count() >= 3, 'the feedback summary');
	return cand;
}

await check('e2e phone: the practice summary reads on a 360 px phone, nothing scrolls sideways', async () => {
	const cand = await practiceSummary();
	const m = await cand.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth,
		// Boxes in the summary whose content is wider than they are: a table to scroll.
		// A box 1 px wide is one kept for screen readers only.
		wide: [...document.querySelectorAll('#summary *')]
			.filter(el => el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 0.5 &&
				getComputedStyle(el).overflowX !== 'visible')
			.map(el => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`),
		// The narrowest box of words: "What to work on" squeezed into a column.
		narrowest: Math.min(...[...document.querySelectorAll('#summary td, #summary dd')]
			.filter(el => el.textContent.trim().length > 20)
			.map(el => el.getBoundingClientRect().width)),
	}));
	await cand.screenshot({ path: 'tests/e2e/out/phone-practice-summary.png', fullPage: true });
	expect(m.scroll <= m.inner, `the page as wide as the window, got ${m.scroll} > ${m.inner}`);
	expect(m.wide.length === 0, `nothing in the summary scrolling sideways, got ${m.wide}`);
	expect(m.narrowest >= 200, `longer text at least 200 px wide, got ${m.narrowest} px`);
	await cand.setViewportSize(DESKTOP);
	await cand.screenshot({ path: 'tests/e2e/out/desktop-practice-summary.png', fullPage: true });
	const wide = await cand.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
	expect(!wide, 'the summary at 1280 px not scrolling sideways');
	expect(await cand.locator('#summary table').isVisible(), 'the summary a table at 1280 px');
	await cand.context().close();
});

// The smallest phones in use (320 px) and a common one (390 px): the admin lists stack
// into a card per row, each cell after its column's name, so nothing hides past the edge.
const TINY_PHONE = { width: 320, height: 640 };
const PHONE_390 = { width: 390, height: 844 };
const narrow = [
	['/admin', '/admin'],
	['/admin/interviews', '/admin/interviews'],
	['/admin/users', '/admin/users'],
	['/admin/tokens', '/admin/tokens'],
	['/admin/challenges', '/admin/challenges'],
	['/admin/questions', '/admin/questions'],
	['/admin/roles', '/admin/roles'],
	['/admin/analytics', '/admin/analytics'],
	['an assisted interview', paths.assisted],
	['a one-way interview', paths.oneway],
	['an ended interview with recommendations', paths.title],
];

for (const [name, path] of narrow) {
	await check(`e2e phone: ${name} fits 320 px without scrolling sideways`, async () => {
		await fits(path, TINY_PHONE);
	});
}

for (const [name, path] of [['home', '/admin'], ['users', '/admin/users'],
	['interviews', '/admin/interviews']]) {
	for (const size of [TINY_PHONE, PHONE_390, DESKTOP]) {
		await check(`e2e phone: the ${name} page's tables at ${size.width} px keep every cell in view`, async () => {
			await fits(path, size);
			await page.screenshot({ path: `tests/e2e/out/narrow-${name}-${size.width}.png`, fullPage: true });
			// No table scrolls inside its box: every button and cell is on the screen.
			const m = await page.evaluate(() => ({
				wide: [...document.querySelectorAll('.table-wrap')]
					.filter(w => w.scrollWidth > w.clientWidth + 0.5).length,
				out: [...document.querySelectorAll('table.table td, table.table td button, table.table td a')]
					.filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
					.map(el => el.textContent.trim().slice(0, 40)),
			}));
			expect(m.wide === 0, `no table scrolling sideways, got ${m.wide}`);
			expect(m.out.length === 0, `every cell within the window, got ${m.out}`);
		});
	}
}

await check('e2e phone: on a 390 px phone a user\'s Disable and Reset password show under their column name', async () => {
	await fits('/admin/users', PHONE_390);
	const cells = await page.$$eval('table.table tbody tr', rows => rows.map(tr => {
		const td = tr.querySelector('td.actions');
		return { label: getComputedStyle(td, '::before').content,
			buttons: [...td.querySelectorAll('button, a')].map(b => {
				const r = b.getBoundingClientRect();
				return { text: b.textContent.trim(), right: r.right, width: r.width };
			}) };
	}));
	expect(cells.length > 1, 'users listed');
	expect(cells.every(c => c.label === '"Actions"'), `each row's actions named, got ${cells[0].label}`);
	const reset = cells.flatMap(c => c.buttons).filter(b => b.text === 'Reset password');
	expect(reset.length === cells.length, 'a Reset password for every user');
	expect(reset.every(b => b.width > 0 && b.right <= 390), 'each Reset password on the screen');
	expect(cells.flatMap(c => c.buttons).some(b => b.text === 'Disable'), 'a Disable button');
	// A desktop keeps the table, its heading row shown.
	await page.setViewportSize(DESKTOP);
	expect(await page.locator('table.table thead').isVisible(), 'the column headings at 1280 px');
});

// The assisted candidate's page, a message sent and answered (its token badges shown),
// on the smallest phone, without JavaScript: it was 12 px too wide at 320 px.
await check('e2e phone: the assisted candidate page fits 320 px, button and token badges wrapped', async () => {
	await page.setViewportSize(PHONE);
	await page.goto(`${base}/admin/interviews/new`);
	await page.fill('#candidate_name', 'Tiny Phone');
	await page.fill('#candidate_email', 'tiny.phone@example.com');
	const value = await page.locator('#challenge_id option', { hasText: TABLE_CHALLENGE })
		.first().getAttribute('value');
	await page.selectOption('#challenge_id', value);
	await page.fill('#minutes', '30');
	await page.fill('#token_budget', '20000');
	await page.selectOption('#model', 'builtin');
	await created('form[action="/admin/interviews"]');
	const link = (await page.locator('.secret').innerText()).trim();
	const cand = await (await browser.newContext({ viewport: TINY_PHONE,
		javaScriptEnabled: false })).newPage();
	await cand.goto(link);
	const width = () => cand.evaluate(() => ({
		scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
	let m = await width();
	expect(m.scroll <= m.inner, `the consent page within 320 px, got ${m.scroll}`);
	await cand.click('form[action="/c/start"] button[type=submit]');
	await cand.waitForURL(`${base}/c`);
	await cand.fill('#message', 'Could you give me a hint about where to start?');
	await cand.click('#send-button');
	await cand.waitForURL(/\/c/);
	expect(await cand.locator('#conversation .badge').count() >= 2, 'token badges on the messages');
	await cand.screenshot({ path: 'tests/e2e/out/narrow-candidate-320.png', fullPage: true });
	m = await width();
	expect(m.scroll <= m.inner, `the interview page within 320 px, got ${m.scroll} > ${m.inner}`);
	const right = await cand.$$eval('#final button, #conversation .badge',
		els => Math.max(...els.map(el => el.getBoundingClientRect().right)));
	expect(right <= 320, `the submit button and badges within 320 px, got ${right}`);
	for (const size of [PHONE_390, DESKTOP]) {
		await cand.setViewportSize(size);
		await cand.screenshot({ path: `tests/e2e/out/narrow-candidate-${size.width}.png`, fullPage: true });
		m = await width();
		expect(m.scroll <= m.inner, `the interview page within ${size.width} px, got ${m.scroll}`);
	}
	await cand.context().close();
});

await check('e2e phone: the same pages do not scroll sideways at 1280 px', async () => {
	for (const [, path] of pages)
		await fits(path, DESKTOP);
});

await browser.close();
done();

// lib.mjs: launch Debian's Chromium headless and report checks as "ok"/"not ok" lines.
import { chromium } from 'playwright-core';
import { HtmlValidate } from 'html-validate';
import config from './.htmlvalidate.mjs';

export const base = process.env.VIVA_BASE;
export const email = process.env.VIVA_EMAIL;
export const password = process.env.VIVA_PASSWORD;
let failed = 0;

// extra: more Chromium switches, e.g. the fake microphone and camera.
// Every page the browser loads from viva is checked as HTML (see validatePages).
export async function launch(extra = []) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		// The machine has no outside network: keep Chromium from trying.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', ...extra],
	});
	validatePages(browser);
	return browser;
}

// HTML validation rides on the walks the tests already make, rather than a crawler
// of its own: each walk reaches pages only its state reaches (a paused interview, a
// form sent back with errors, an upload too large). What is checked is the response
// body the browser got, the server's own bytes, POST answers included: not
// page.content(), the DOM after the parser mended it and scripts changed it, nor a
// second request, which could change state or find it changed (but see readBody:
// a GET whose body the browser dropped is fetched again). html-validate checks
// a page in milliseconds; a body seen before (a page refreshing itself) is skipped.
const validator = new HtmlValidate(config);
const validating = [];
const seen = new Set();
const invalid = [];
let validated = 0;
// Bodies the browser dropped before they could be read and that could not be fetched
// again: the answer to a POST when the walk went straight on to the next page.
let unread = 0;

// promise, or a rejection once ms pass.
function within(ms, promise) {
	let timer;
	return Promise.race([promise, new Promise((resolve, reject) => {
		timer = setTimeout(() => reject(new Error('timed out')), ms);
	})]).finally(() => clearTimeout(timer));
}

// res's body, or null; a GET's is fetched again (with the context's cookies) when the
// browser dropped it, as it does once the tab has gone on to the next page.
async function readBody(context, res) {
	try {
		return await within(5000, res.text());
	} catch (e) {
		try {
			if (res.request().method() === 'GET') {
				const again = await context.request.get(res.url(), { maxRedirects: 0 });
				if (again.status() === res.status())
					return await again.text();
			}
		} catch (e2) {
			e = e2;
		}
		if (process.env.E2E_DEBUG)
			console.error(`unread: ${res.request().method()} ${res.url()}: ${e.message}`);
		unread++;
		return null;
	}
}

function validatePages(browser) {
	const newContext = browser.newContext.bind(browser);
	const close = browser.close.bind(browser);
	// browser.newPage() goes through newContext too.
	browser.newContext = async (options) => {
		const context = await newContext(options);
		context.on('response', res => {
			const type = res.headers()['content-type'] || '';
			if (res.request().resourceType() === 'document' && res.url().startsWith(base) &&
			    type.startsWith('text/html') && (res.status() < 300 || res.status() >= 400))
				validating.push(readBody(context, res).then(body => body !== null &&
					validate(`${res.request().method()} ${res.url().slice(base.length)}`,
						res.status(), body)));
		});
		const closeContext = context.close.bind(context);
		context.close = async () => {
			await Promise.all(validating);
			return closeContext();
		};
		return context;
	};
	// The bodies are read while the browser lives: wait for them before it closes.
	// (A context's close, too.)
	browser.close = async () => {
		await Promise.all(validating);
		return close();
	};
}

// A response fetched outside the browser's navigation (page.request): its HTML too.
export async function validateResponse(method, path, res) {
	await validate(`${method} ${path}`, res.status(), await res.text());
}

async function validate(what, status, body) {
	if (seen.has(body))
		return;
	seen.add(body);
	validated++;
	const page = `${what} (${status})`;
	const report = await validator.validateString(body, page);
	if (report.valid)
		return;
	// Each kind of defect once a page, with its first line, and how often it came.
	const lines = body.split('\n');
	const kinds = new Map();
	for (const m of report.results[0].messages) {
		const k = `${m.message} [${m.ruleId}]`;
		if (!kinds.has(k))
			kinds.set(k, { line: m.line, n: 0 });
		kinds.get(k).n++;
	}
	for (const [k, { line, n }] of kinds)
		invalid.push(`${page} line ${line}${n > 1 ? ` (and ${n - 1} more)` : ''}: ${k}\n` +
			`        ${(lines[line - 1] || '').trim().slice(0, 160)}`);
}

export async function check(name, fn) {
	try {
		await fn();
		console.log(`ok ${name}`);
	} catch (e) {
		failed++;
		console.log(`not ok ${name}`);
		console.log(`    ${String(e && e.stack || e).split('\n').join('\n    ')}`);
	}
}

export function expect(cond, what) {
	if (!cond)
		throw new Error(`expected ${what}`);
}

// Says how the checks went, the HTML of the pages seen (after browser.close()) included.
export async function done() {
	await Promise.all(validating);
	const name = `e2e ${process.argv[1].split('/').pop().replace('.test.mjs', '')}: the ` +
		`${validated} pages seen are valid HTML${unread ? ` (${unread} left unread)` : ''}`;
	if (invalid.length > 0) {
		failed++;
		console.log(`not ok ${name}`);
		console.log(`    ${invalid.join('\n    ')}`);
	} else if (validated > 0) {
		console.log(`ok ${name}`);
	}
	process.exitCode = failed ? 1 : 0;
}

// Signs page in as the e2e interviewer (VIVA_EMAIL / VIVA_PASSWORD from run.sh).
export async function signIn(page) {
	await page.goto(`${base}/login`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.click('button[type=submit]');
	await page.waitForURL(`${base}/admin`);
}

// Runs one SQL statement in the throwaway stack's database; returns psql's -At output.
export async function sql(statement) {
	const { execFileSync } = await import('node:child_process');
	return execFileSync('bash', ['-c',
		'. scripts/stack.sh; as_pg "$PGBIN/psql" -h "$(pg_dir)/socket" -U viva -d viva' +
		' -v ON_ERROR_STOP=1 -Atqc "$1"', 'scripts/stack.sh', statement],
		{ encoding: 'utf8', env: process.env }).trim();
}

// Polls fn until it returns a truthy value or ms pass; returns the last value.
export async function eventually(fn, ms = 5000, step = 100) {
	const until = Date.now() + ms;
	let v;
	while (!(v = await fn()) && Date.now() < until)
		await new Promise(r => setTimeout(r, step));
	return v;
}

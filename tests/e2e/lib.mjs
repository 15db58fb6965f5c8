// lib.mjs: launch Debian's Chromium headless and report checks as "ok"/"not ok" lines.
import { chromium } from 'playwright-core';

export const base = process.env.VIVA_BASE;
export const email = process.env.VIVA_EMAIL;
export const password = process.env.VIVA_PASSWORD;
let failed = 0;

// extra: more Chromium switches, e.g. the fake microphone and camera.
export async function launch(extra = []) {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		// The machine has no outside network: keep Chromium from trying.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', ...extra],
	});
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

export function done() {
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

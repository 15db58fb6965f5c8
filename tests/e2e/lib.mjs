// lib.mjs: launch Debian's Chromium headless and report checks as "ok"/"not ok" lines.
import { chromium } from 'playwright-core';

export const base = process.env.VIVA_BASE;
export const email = process.env.VIVA_EMAIL;
export const password = process.env.VIVA_PASSWORD;
let failed = 0;

export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		// The machine has no outside network: keep Chromium from trying.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync'],
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

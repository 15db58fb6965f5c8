// .htmlvalidate.mjs: html-validate's rules for every page the e2e walks see (lib.mjs).
// The recommended preset, less only what conflicts with a deliberate choice, said beside it.
import { Rule } from 'html-validate';

// The CSP runs no inline script: neither an on...="" handler nor a javascript: URL
// would work, so neither may be written. html-validate has no rule of its own for it.
class NoInlineScript extends Rule {
	setup() {
		this.on('attr', event => {
			const value = typeof event.value === 'string' ? event.value : '';
			if (/^on/i.test(event.key) ||
			    (/^(href|src|action|formaction)$/i.test(event.key) &&
			    /^\s*javascript:/i.test(value)))
				this.report(event.target, `Inline script in "${event.key}": the CSP refuses it`,
					event.keyLocation);
		});
	}
}

// Text browsers (w3m, lynx) have no stylesheet and ignore the hidden attribute: they
// show what a page hides with it, such as a script's buttons, which do nothing there,
// or a warning meant for another case. What a script reveals, the script makes; an
// empty element (a note the script fills in) may wait hidden.
class NoHiddenContent extends Rule {
	setup() {
		this.on('element:ready', event => {
			const el = event.target;
			if (el && el.hasAttribute('hidden') && (el.textContent.trim() !== '' ||
			    el.querySelector('a, audio, button, img, input, select, textarea, video')))
				this.report(el, 'Text browsers show what "hidden" hides: let the script' +
					' that reveals it make it');
		});
	}
}

export default {
	root: true,
	plugins: [{ name: 'viva', rules: { 'viva/no-inline-script': NoInlineScript,
		'viva/no-hidden-content': NoHiddenContent } }],
	extends: ['html-validate:recommended'],
	rules: {
		'viva/no-inline-script': 'error',
		'viva/no-hidden-content': 'error',
		// Beyond the preset: what accessibility and the CSP need of every page too.
		'heading-level': 'error',		// headings in order, one <h1>
		'input-missing-label': 'error',		// each field tied to a <label>
		'no-missing-references': 'error',	// aria-describedby, for=, list= name real ids
		'missing-doctype': 'error',
		'no-style-tag': 'error',		// the CSP refuses inline style, <style> too
		'require-csp-nonce': 'error',		// no inline script: the CSP has no nonces either
		'no-unknown-elements': 'error',
		// The templates write <!doctype html> (and the integration tests look for it):
		// hold the pages to that one spelling rather than to the preset's uppercase.
		'doctype-style': ['error', { style: 'lowercase' }],
		// The pages are mustache's output: a section tag on its own indented line leaves
		// that indentation behind. Invisible to the reader; the templates have none.
		'no-trailing-whitespace': 'off',
		// A group of checkboxes shares one name: that is how a form posts a list
		// (bank_q=1&bank_q=7 on the one-way form), as radio buttons share theirs.
		'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
		// Live views refresh themselves with <meta http-equiv="refresh"> where there is
		// no JavaScript (DESIGN.md section 5: every page works without it); the delay is
		// the point: a page that reloads at once would never be read.
		'meta-refresh': 'off',
		// The time and token meters are a <div role="progressbar"> whose fill is coloured
		// by urgency in steps of 5% from the stylesheet (the CSP allows no style=""), the
		// same in every browser, old ones included, and ticked by candidate.js; a
		// <progress> cannot be coloured so everywhere. They keep their ARIA values.
		'prefer-native-element': ['error', { exclude: ['progressbar'] }],
	},
};

/*
 * refresh.js: the interview list's refresh, every data-refresh seconds,
 * which waits while one of the page's forms is being filled in: the
 * <meta> refresh, the way without JavaScript (in <noscript>), reloads
 * whatever is typed away.  A form counts as being filled in while a field
 * of it has the focus or holds other values than the page came with.
 * Plain ES5, no build step.
 */
(function () {
	'use strict';
	var el = document.querySelector('[data-refresh]'), ms, forms, first;

	if (!el)
		return;
	ms = parseInt(el.getAttribute('data-refresh'), 10) * 1000;
	forms = document.forms;
	first = values();

	/* Every field's value, checked or not, of every form, as one text. */
	function values() {
		var out = [], i, j, f;

		for (i = 0; i < forms.length; i++)
			for (j = 0; j < forms[i].elements.length; j++) {
				f = forms[i].elements[j];
				out.push(f.type === 'checkbox' || f.type === 'radio' ?
				    String(f.checked) : f.value);
			}
		return out.join('\u0000');
	}

	function editing() {
		var a = document.activeElement;

		return (a && a.form && a.type !== 'submit') || values() !== first;
	}

	function tick() {
		if (editing())
			setTimeout(tick, ms);
		else
			window.location.reload();
	}
	if (ms > 0)
		setTimeout(tick, ms);
}());

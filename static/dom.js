/*
 * dom.js: vivaMake(tag, attrs, text), a new element with those attributes
 * holding that text, for the candidate's scripts (candidate.js, check.js,
 * live.js, oneway.js), which load it first.  What only a script shows is
 * made by it, not written in the page hidden: text browsers (w3m, lynx)
 * have no stylesheet and ignore the hidden attribute, so they would show
 * it to everyone, where it does nothing.  Plain ES5, no build step.
 */
window.vivaMake = function (tag, attrs, text) {
	'use strict';
	var el = document.createElement(tag), k;

	for (k in attrs)
		if (attrs.hasOwnProperty(k))
			el.setAttribute(k, attrs[k]);
	if (text)
		el.textContent = text;
	return el;
};

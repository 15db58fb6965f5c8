/* scorer.c: the builtin answer scorer: rubric phrases, answer structure and STAR parts. */

/*
 * What this scorer cannot do, plainly:
 *
 * - It matches words, it does not understand them.  "Closures do not capture
 *   variables" covers the point "capture variables" as well as the true
 *   sentence does; negation, wrong claims and wrong code are invisible to it.
 * - It can be gamed by listing the rubric's phrases.  What limits the gain:
 *   clarity comes from structure (sentences, reasons, examples, steps), so a
 *   list of terms scores low there, and is halved again when the phrases make
 *   up more than half of its words; accuracy is cut for answers under 15
 *   words; quality needs both.  The candidate never sees the phrases, and
 *   the answer itself is kept for a person to read.  The same text pasted
 *   for every question is caught (scorer_score_in: 80% of its runs of
 *   three words in an earlier answer), and filler (a character repeated,
 *   a "word" over 40 letters) is not counted as words; a fluent generic
 *   paragraph written afresh each time is not caught, so the report says
 *   what this scorer cannot tell.
 * - A correct answer in other words than the rubric's phrases is marked as
 *   missing the point.  Rubric authors list several phrasings per point, and
 *   full accuracy needs only 80% of the weight to leave room for this.
 * - English only.  Letters outside ASCII are kept as they are, with neither
 *   case folding nor suffix folding, so "Ü" and "ü" differ.  The suffix fold
 *   is light: it joins plurals, -ing and -ed forms and a final "e"
 *   ("memoize", "memoized", "memoizing"), and sometimes joins or misses
 *   words it should not ("bias" and "biases" stay apart).
 * - STAR parts are found by cue phrases ("my role", "i decided", "as a
 *   result", a number with a unit).  A story told without them reads as
 *   missing parts; an answer can mention a cue without telling a story.
 *
 * So it is a fallback: used when no model is configured, or when a model's
 * evaluation cannot be trusted, and its JSON says "scorer": "builtin".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scorer.h"
#include "core/scorer_impl.h"

#define SHORT_WORDS	15	/* fewer words cannot carry a point */
#define FULL_COVERAGE	0.8	/* coverage that earns full accuracy */
#define DENSE		0.5	/* phrase words / words: a keyword list */
#define FILLER		0.5	/* filler bytes / word bytes: not words */
#define LONGEST_WORD	40	/* longer is no word of any answer */
#define REPEAT		0.8	/* share of an earlier answer's wording */
#define SHINGLE		3	/* words compared at a time */

/* What a cue phrase shows; bits of the mask cues_find returns. */
enum cue_kind {
	CK_SITUATION,
	CK_TASK,
	CK_ACTION,
	CK_RESULT,
	CK_EXAMPLE,
	CK_REASON,
	CK_STEP,
	CK__MAX
};

#define CK_BIT(k)	(1u << (k))
#define CK_STAR		(CK_BIT(CK_SITUATION) | CK_BIT(CK_TASK) | \
			    CK_BIT(CK_ACTION) | CK_BIT(CK_RESULT))
#define CK_ALL		(CK_BIT(CK__MAX) - 1)

struct cue {
	const char	*words;	/* lowercase, one space apart */
	enum cue_kind	 kind;
};

/*
 * Matched word for word, case aside, unfolded: the tense is the point of
 * "i decided", and "i needed to reduce" must not read as the result
 * "reduced".
 */
static const struct cue cues[] = {
	{ "when i was", CK_SITUATION }, { "at my previous", CK_SITUATION },
	{ "at my last", CK_SITUATION }, { "in my previous", CK_SITUATION },
	{ "in my last", CK_SITUATION }, { "we had", CK_SITUATION },
	{ "the situation", CK_SITUATION }, { "last year", CK_SITUATION },
	{ "once", CK_SITUATION }, { "a few years ago", CK_SITUATION },
	{ "there was a time", CK_SITUATION }, { "i was working", CK_SITUATION },
	{ "while working", CK_SITUATION }, { "our team was", CK_SITUATION },

	{ "my role", CK_TASK }, { "i was responsible", CK_TASK },
	{ "my task", CK_TASK }, { "the goal", CK_TASK },
	{ "our goal", CK_TASK }, { "my goal", CK_TASK },
	{ "i needed to", CK_TASK }, { "i had to", CK_TASK },
	{ "i was asked to", CK_TASK }, { "my job was", CK_TASK },
	{ "i was tasked", CK_TASK }, { "the challenge was", CK_TASK },

	{ "i decided", CK_ACTION }, { "i implemented", CK_ACTION },
	{ "i organized", CK_ACTION }, { "i organised", CK_ACTION },
	{ "i spoke", CK_ACTION }, { "i started", CK_ACTION },
	{ "i proposed", CK_ACTION }, { "i built", CK_ACTION },
	{ "i wrote", CK_ACTION }, { "i created", CK_ACTION },
	{ "i set up", CK_ACTION }, { "i led", CK_ACTION },
	{ "i talked", CK_ACTION }, { "i reached out", CK_ACTION },
	{ "i met", CK_ACTION }, { "i asked", CK_ACTION },
	{ "i suggested", CK_ACTION }, { "i introduced", CK_ACTION },
	{ "i designed", CK_ACTION }, { "i refactored", CK_ACTION },
	{ "i fixed", CK_ACTION }, { "i added", CK_ACTION },
	{ "i reviewed", CK_ACTION }, { "i scheduled", CK_ACTION },
	{ "i worked with", CK_ACTION }, { "i changed", CK_ACTION },
	{ "i convinced", CK_ACTION }, { "i explained", CK_ACTION },
	{ "i coordinated", CK_ACTION }, { "i prioritized", CK_ACTION },
	{ "i prioritised", CK_ACTION }, { "i ran", CK_ACTION },

	{ "as a result", CK_RESULT }, { "in the end", CK_RESULT },
	{ "resulted", CK_RESULT }, { "reduced", CK_RESULT },
	{ "increased", CK_RESULT }, { "improved", CK_RESULT },
	{ "we shipped", CK_RESULT }, { "the outcome", CK_RESULT },
	{ "which led to", CK_RESULT }, { "we delivered", CK_RESULT },
	{ "we launched", CK_RESULT }, { "saved", CK_RESULT },

	{ "for example", CK_EXAMPLE }, { "for instance", CK_EXAMPLE },
	{ "e g", CK_EXAMPLE }, { "such as", CK_EXAMPLE },
	{ "let s say", CK_EXAMPLE }, { "imagine", CK_EXAMPLE },
	{ "consider", CK_EXAMPLE },

	{ "because", CK_REASON }, { "so that", CK_REASON },
	{ "which means", CK_REASON }, { "this means", CK_REASON },
	{ "that means", CK_REASON }, { "therefore", CK_REASON },
	{ "since", CK_REASON }, { "in order to", CK_REASON },
	{ "the reason", CK_REASON }, { "due to", CK_REASON },
	{ "otherwise", CK_REASON }, { "that s why", CK_REASON },
	{ "thus", CK_REASON },

	{ "first", CK_STEP }, { "firstly", CK_STEP }, { "then", CK_STEP },
	{ "finally", CK_STEP }, { "second", CK_STEP }, { "secondly", CK_STEP },
	{ "next", CK_STEP }, { "after that", CK_STEP }, { "lastly", CK_STEP },
};

/* Words after a number that make it a measured result: "40 percent", "3x". */
static const char *const units[] = {
	"percent", "x", "times", "ms", "milliseconds", "sec", "second",
	"seconds", "min", "mins", "minute", "minutes", "hour", "hours", "day",
	"days", "week", "weeks", "k", "users", "customers", "requests",
	"tickets", "bugs", "incidents",
};

/* What the raw text looks like, from one pass over its bytes. */
struct shape {
	int		 words;
	int		 sentences;	/* 3+ words ended by . ! ? or the end */
	int		 bullets;	/* lines opening "- ", "* ", "1." */
	bool		 code;		/* (), =>, ->, backticks or braces */
	size_t		 word_bytes;	/* bytes of all words */
	size_t		 filler_bytes;	/* bytes of filler words (filler_word) */
};

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static char
lower(unsigned char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

static int
is_vowel(char c)
{
	return strchr("aeiouy", c) != NULL;
}

static int
ends(const char *w, size_t n, const char *suffix)
{
	size_t	 k = strlen(suffix);

	return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

static int
has_vowel(const char *w, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (is_vowel(w[i]))
			return 1;
	return 0;
}

/*
 * One step of the suffix fold; returns the new length, n when nothing
 * applies.  Every step shortens the word, so folding ends.
 */
static size_t
fold_step(char *w, size_t n)
{
	if (n >= 5 && ends(w, n, "sses"))
		return n - 2;		/* classes: class */
	if (n >= 5 && (ends(w, n, "ies") || ends(w, n, "ied"))) {
		w[n - 3] = 'y';		/* queries, queried: query */
		return n - 2;
	}
	if (n >= 5 && (ends(w, n, "xes") || ends(w, n, "ches") ||
	    ends(w, n, "shes") || ends(w, n, "zzes")))
		return n - 2;		/* caches: cach, as cache */
	if (n >= 4 && w[n - 1] == 's' && !ends(w, n, "ss") &&
	    !ends(w, n, "us") && !ends(w, n, "is"))
		return n - 1;		/* closures; not class, status */
	if (n >= 5 && ends(w, n, "ing") && has_vowel(w, n - 3))
		return n - 3;		/* memoizing; not string */
	if (n >= 4 && ends(w, n, "ed") && has_vowel(w, n - 2))
		return n - 2;		/* memoized; not shed */
	if (n >= 3 && w[n - 1] == 'e')
		return n - 1;		/* memoize: memoiz */
	if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) &&
	    strchr("lsz", w[n - 1]) == NULL)
		return n - 1;		/* mapp(ed): map */
	return n;
}

/*
 * Folds a lowercase word to a stem shared by its plural, -ing and -ed forms
 * and returns the stem's length.  Both the answer and the phrases pass
 * through it, so the stem need only be the same, not a real word.  Words
 * with digits or non-ASCII bytes are left alone.
 */
static size_t
fold(char *w, size_t n)
{
	size_t	 i, m;

	for (i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return n;
	while ((m = fold_step(w, n)) != n)
		n = m;
	return n;
}

/*
 * The text as " w1 w2 ... wn ": ASCII lowercased, every run of separators
 * one space, a space at both ends so that a phrase found with its spaces
 * starts and ends on word boundaries, each word folded.  In the arena:
 * at most len + 3 bytes, as every word but the last ends at a separator.
 */
static char *
normalise(struct arena *a, const char *s, size_t len, size_t *outlen,
    int *nwords)
{
	char	*o = arena_alloc(a, len + 3);
	size_t	 i = 0, n = 0, start;

	*nwords = 0;
	o[n++] = ' ';
	while (i < len) {
		if (!scorer_word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		start = n;
		while (i < len && scorer_word_byte((unsigned char)s[i]))
			o[n++] = lower((unsigned char)s[i++]);
		n = start + fold(o + start, n - start);
		o[n++] = ' ';
		(*nwords)++;
	}
	o[n] = '\0';
	*outlen = n;
	return o;
}

/* How often needle (a normalised phrase) occurs in the normalised text. */
static int
occurrences(const char *hay, size_t haylen, const char *needle, size_t nlen)
{
	const char	*p = hay, *end = hay + haylen;
	int		 n = 0;

	while ((p = memmem(p, (size_t)(end - p), needle, nlen)) != NULL) {
		n++;
		p += nlen - 1;	/* its closing space opens the next */
	}
	return n;
}

/*
 * Whether the cue's words start at s[i] (a word's first byte), each a whole
 * word of the text, case aside, separated by anything that is not a word.
 */
static int
cue_at(const char *s, size_t len, size_t i, const char *cue)
{
	for (;;) {
		for (; *cue != '\0' && *cue != ' '; cue++, i++)
			if (i >= len || lower((unsigned char)s[i]) != *cue)
				return 0;
		if (i < len && scorer_word_byte((unsigned char)s[i]))
			return 0;	/* the text's word goes on */
		if (*cue == '\0')
			return 1;
		cue++;
		while (i < len && !scorer_word_byte((unsigned char)s[i]))
			i++;
	}
}

static int
unit_word(const char *s, size_t n)
{
	size_t	 i, k;

	for (i = 0; i < NITEMS(units); i++) {
		if ((k = strlen(units[i])) != n)
			continue;
		for (k = 0; k < n; k++)
			if (lower((unsigned char)s[k]) != units[i][k])
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

/* A measured result at s[i], a word of digits: "40%", "3x", "2 hours". */
static int
number_at(const char *s, size_t len, size_t i)
{
	size_t	 j = i, k;

	if (i > 0 && s[i - 1] == '$')
		return 1;
	while (j < len && is_digit((unsigned char)s[j]))
		j++;
	if (j + 1 < len && (s[j] == '.' || s[j] == ',') &&
	    is_digit((unsigned char)s[j + 1]))
		for (j++; j < len && is_digit((unsigned char)s[j]); j++)
			continue;
	for (k = j; k < len && s[k] == ' '; k++)
		continue;
	if (k < len && s[k] == '%')
		return 1;
	if (j < len && !scorer_word_byte((unsigned char)s[j]))
		for (j = k; j < len && s[j] == '-'; j++)
			continue;	/* "2 hours", "2-hour" */
	for (k = j; k < len && scorer_word_byte((unsigned char)s[k]); k++)
		continue;
	return k > j && unit_word(s + j, k - j);
}

/*
 * The kinds of cue, among want, found in the text: one pass over its word
 * starts, trying the cues of the kinds not yet found.
 */
static unsigned
cues_find(const char *s, size_t len, unsigned want)
{
	unsigned	 found = 0;
	size_t		 i, c;

	for (i = 0; i < len && found != want; i++) {
		if (!scorer_word_byte((unsigned char)s[i]) ||
		    (i > 0 && scorer_word_byte((unsigned char)s[i - 1])))
			continue;
		if ((want & ~found & CK_BIT(CK_RESULT)) &&
		    is_digit((unsigned char)s[i]) && number_at(s, len, i))
			found |= CK_BIT(CK_RESULT);
		for (c = 0; c < NITEMS(cues); c++) {
			if (!(want & ~found & CK_BIT(cues[c].kind)) ||
			    lower((unsigned char)s[i]) != cues[c].words[0])
				continue;
			if (cue_at(s, len, i, cues[c].words))
				found |= CK_BIT(cues[c].kind);
		}
	}
	return found;
}

/* A list item at the start of a line: "- ", "* ", "1. ", "2) ". */
static int
bullet_at(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 < len && (s[i] == '-' || s[i] == '*') && s[i + 1] == ' ')
		return 1;
	if (i >= len || !is_digit((unsigned char)s[i]))
		return 0;
	while (i < len && is_digit((unsigned char)s[i]))
		i++;
	return i + 1 < len && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

static int
code_at(const char *s, size_t len, size_t i)
{
	if (s[i] == '`' || s[i] == '{')
		return 1;
	return i + 1 < len && ((s[i] == '(' && s[i + 1] == ')') ||
	    ((s[i] == '=' || s[i] == '-') && s[i + 1] == '>'));
}

/*
 * Filler, not a word: one character repeated ("xxxx") or a run longer
 * than any word ("asdkjhasdkjh..." x 40).  A tester's answer of a heading,
 * a list, a code block and 19,800 "x" scored 40% on its structure.
 */
static int
filler_word(const char *w, size_t n)
{
	size_t	 i;

	if (n > LONGEST_WORD)
		return 1;
	if (n < 4)
		return 0;
	for (i = 1; i < n; i++)
		if (w[i] != w[0])
			return 0;
	return 1;
}

/* The word starting at s[i]: its length, counted into sh. */
static size_t
word_read(const char *s, size_t len, size_t i, struct shape *sh)
{
	size_t	 n = 0;

	while (i + n < len && scorer_word_byte((unsigned char)s[i + n]))
		n++;
	sh->word_bytes += n;
	if (filler_word(s + i, n))
		sh->filler_bytes += n;
	return n;
}

static void
shape_read(const char *s, size_t len, struct shape *sh)
{
	size_t	 i;
	int	 run = 0;	/* words since the last sentence ended */

	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < len; i++) {
		if ((i == 0 || s[i - 1] == '\n') && bullet_at(s, len, i))
			sh->bullets++;
		if (!sh->code && code_at(s, len, i))
			sh->code = true;
		if (scorer_word_byte((unsigned char)s[i])) {
			if (i == 0 || !scorer_word_byte((unsigned char)s[i - 1])) {
				sh->words++;
				run++;
				(void)word_read(s, len, i, sh);
			}
		} else if (strchr(".!?", s[i]) != NULL && run >= 3 &&
		    (i + 1 == len || strchr(" \t\r\n\"')", s[i + 1]) != NULL)) {
			sh->sentences++;
			run = 0;
		}
	}
	if (run >= 3)
		sh->sentences++;
}

/*
 * Length: under 15 words rises from 0 to 0.5, full from 40 to 400 words,
 * then falls to 0.4 at 1,000 words, as an answer that long rambles.
 */
static double
length_part(int w)
{
	if (w < SHORT_WORDS)
		return 0.5 * w / SHORT_WORDS;
	if (w < 40)
		return 0.5 + 0.5 * (w - SHORT_WORDS) / (40 - SHORT_WORDS);
	if (w <= 400)
		return 1.0;
	if (w <= 1000)
		return 1.0 - 0.6 * (w - 400) / 600.0;
	return 0.4;
}

/*
 * Sentences: none 0, one 0.4, two 0.7, three or more 1; halved when they
 * average over 45 words, a run-on or a list without full stops.
 */
static double
sentence_part(const struct shape *sh)
{
	static const double	 by_count[] = { 0.0, 0.4, 0.7, 1.0 };
	double			 v;

	v = by_count[sh->sentences < 3 ? sh->sentences : 3];
	if (sh->sentences > 0 && sh->words / sh->sentences > 45)
		v /= 2;
	return v;
}

/*
 * Explanation clarity, 0..1, from the answer's structure:
 *	0.30 length in a reasonable band	0.25 several sentences
 *	0.15 an example (cue or code)		0.15 a reason ("because", ...)
 *	0.15 steps or a list ("first", "then", two or more list items)
 */
static double
clarity_of(const struct shape *sh, unsigned cues_found)
{
	double	 v;

	v = 0.30 * length_part(sh->words) + 0.25 * sentence_part(sh);
	if ((cues_found & CK_BIT(CK_EXAMPLE)) || sh->code)
		v += 0.15;
	if (cues_found & CK_BIT(CK_REASON))
		v += 0.15;
	if ((cues_found & CK_BIT(CK_STEP)) || sh->bullets >= 2)
		v += 0.15;
	return v;
}

/* What matching the rubric found. */
struct cover {
	int		 points;	/* points covered */
	int		 weight;	/* their weight */
	int		 total;		/* all points' weight */
	int		 phrase_words;	/* words of the answer inside phrases */
};

static int
weight_of(const struct rubric_point *p)
{
	return p->weight < 1 ? 1 : p->weight > 5 ? 5 : p->weight;
}

/*
 * Looks for each point's phrases in the normalised answer: a point is
 * covered when any of its phrases occurs.  Points not covered go to
 * sc->missing.  O(answer x phrases): memmem is linear.
 */
static void
cover_points(struct arena *a, const struct rubric *r, const char *norm,
    size_t normlen, struct score *sc, struct cover *cv)
{
	const struct rubric_point	*p;
	const char			*pn;
	size_t				 pnlen;
	int				 i, j, pw, n, found;

	memset(cv, 0, sizeof(*cv));
	for (i = 0; i < r->npoints && i < SCORER_MAX_POINTS; i++) {
		p = &r->points[i];
		found = 0;
		for (j = 0; j < p->nphrases; j++) {
			pn = normalise(a, p->phrases[j], strlen(p->phrases[j]),
			    &pnlen, &pw);
			if (pw == 0)
				continue;	/* no words: matches all */
			n = occurrences(norm, normlen, pn, pnlen);
			cv->phrase_words += n * pw;
			found |= n > 0;
		}
		cv->total += weight_of(p);
		if (found) {
			cv->points++;
			cv->weight += weight_of(p);
		} else
			sc->missing[sc->nmissing++] = p->text;
	}
}

static int
star_count(const struct star *st)
{
	return st->situation + st->task + st->action + st->result;
}

static void
star_from(unsigned found, struct star *st)
{
	st->situation = (found & CK_BIT(CK_SITUATION)) != 0;
	st->task = (found & CK_BIT(CK_TASK)) != 0;
	st->action = (found & CK_BIT(CK_ACTION)) != 0;
	st->result = (found & CK_BIT(CK_RESULT)) != 0;
}

/*
 * Quality from 0.6 accuracy + 0.3 clarity (the engine's composite without
 * its quality term, so at most 0.9): 0.8 and up excellent, 0.6 good, 0.4
 * fair, below that poor.
 */
static enum quality
quality_of(double accuracy, double clarity)
{
	double	 v = 0.6 * accuracy + 0.3 * clarity;

	if (v >= 0.8)
		return Q_EXCELLENT;
	if (v >= 0.6)
		return Q_GOOD;
	if (v >= 0.4)
		return Q_FAIR;
	return Q_POOR;
}

/* "a; b; c." with no second full stop after a text that has one. */
static void
put_list(struct buf *b, const char *const *items, int n)
{
	size_t	 len;
	int	 i;

	for (i = 0; i < n; i++) {
		buf_puts(b, i > 0 ? "; " : " Missing: ");
		buf_puts(b, items[i]);
	}
	len = strlen(items[n - 1]);
	if (len == 0 || strchr(".!?", items[n - 1][len - 1]) == NULL)
		buf_putc(b, '.');
}

static void
put_star(struct buf *b, const struct star *st)
{
	const char	*sep = " STAR: ";

	if (star_count(st) == 4) {
		buf_puts(b, " STAR: all four parts.");
		return;
	}
	if (!st->situation) {
		buf_printf(b, "%sno situation", sep);
		sep = ", ";
	}
	if (!st->task) {
		buf_printf(b, "%sno task", sep);
		sep = ", ";
	}
	if (!st->action) {
		buf_printf(b, "%sno action", sep);
		sep = ", ";
	}
	if (!st->result)
		buf_printf(b, "%sno result", sep);
	buf_putc(b, '.');
}

/*
 * The reasons: coverage and what is missing, then STAR, then warnings;
 * without lists, the brief (what is missing and STAR shown elsewhere).
 */
static const char *
reasons_of(struct arena *a, const struct rubric *r, const struct score *sc,
    const struct cover *cv, const struct shape *sh, bool dense, bool lists,
    const struct scorer_ctx *ctx)
{
	struct buf	 b;

	buf_init(&b, a);
	if (r->npoints == 0 && ctx->followup)
		buf_puts(&b, "No rubric for this follow-up nor for the question"
		    " it follows: the score is from the answer's structure"
		    " only (length, sentences, examples, reasons), not from"
		    " what it says.");
	else if (r->npoints == 0)
		buf_puts(&b, "No rubric points to check against, so accuracy"
		    " is estimated from the answer's structure alone.");
	else if (ctx->parent_n > 0)
		buf_printf(&b, "This follow-up has no rubric of its own: checked"
		    " against question %d's, it covered %d of its %d points"
		    " (weight %d of %d). Points of question %d it leaves out"
		    " are not held against it, as it asks something else;"
		    " beyond them accuracy is estimated from the answer's"
		    " structure.", ctx->parent_n, cv->points, r->npoints,
		    cv->weight, cv->total, ctx->parent_n);
	else {
		buf_printf(&b, "Covered %d of %d expected points"
		    " (weight %d of %d).", cv->points, r->npoints, cv->weight,
		    cv->total);
		if (lists && sc->nmissing > 0)
			put_list(&b, sc->missing, sc->nmissing);
	}
	if (lists && sc->behavioral)
		put_star(&b, &sc->star);
	if (sh->words < SHORT_WORDS)
		buf_printf(&b, " At %d words, too short to carry the points.",
		    sh->words);
	if (dense)
		buf_puts(&b, " Reads as a list of key terms rather than an"
		    " explanation.");
	if (sc->filler > FILLER)
		buf_printf(&b, " %d%% of it is filler (one character repeated,"
		    " or runs of letters longer than any word), not words.",
		    (int)(sc->filler * 100 + 0.5));
	if (sc->repeats_n > 0)
		buf_printf(&b, " It repeats the answer to question %d (%d%% of"
		    " its wording is the same), so its points are not credited"
		    " again.", sc->repeats_n, (int)(sc->repeated * 100 + 0.5));
	return b.p;
}

/* --- an answer given before ------------------------------------------- */

/*
 * The hashes of every SHINGLE words in a row of norm (normalise's " w1 w2
 * ... "), in the arena; returns how many.  FNV-1a over the words and
 * their spaces.
 */
static size_t
shingles(struct arena *a, const char *norm, size_t len, uint64_t **out)
{
	size_t		*start, nw = 0, i, j, k = 0;
	uint64_t	 h;

	start = arena_calloc(a, len / 2 + 2, sizeof(*start));
	for (i = 1; i < len; i++)
		if (norm[i - 1] == ' ' && norm[i] != ' ')
			start[nw++] = i;
	start[nw] = len;	/* past the last word's closing space */
	*out = arena_calloc(a, nw + 1, sizeof(**out));
	for (i = 0; i + SHINGLE <= nw; i++) {
		h = 1469598103934665603ULL;
		for (j = start[i]; j < start[i + SHINGLE]; j++) {
			h ^= (unsigned char)norm[j];
			h *= 1099511628211ULL;
		}
		(*out)[k++] = h;
	}
	return k;
}

static int
hash_cmp(const void *x, const void *y)
{
	uint64_t	 a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The share of the answer's shingles (mine, n) found in text. */
static double
share_in(struct arena *a, const uint64_t *mine, size_t n, const char *text)
{
	const char	*norm;
	uint64_t	*theirs;
	size_t		 normlen, m, i, k = 0;
	int		 nw;

	norm = normalise(a, text, strlen(text), &normlen, &nw);
	if ((m = shingles(a, norm, normlen, &theirs)) == 0)
		return 0;
	qsort(theirs, m, sizeof(*theirs), hash_cmp);
	for (i = 0; i < n; i++)
		k += bsearch(&mine[i], theirs, m, sizeof(*theirs),
		    hash_cmp) != NULL;
	return (double)k / (double)n;
}

/*
 * Whether the answer repeats an earlier one: REPEAT or more of its runs of
 * SHINGLE words are in it (the same text pasted for every question, or
 * with a word changed).  The most repeated one goes to sc.
 */
static void
repeat_find(struct arena *a, const char *norm, size_t normlen,
    const struct scorer_ctx *ctx, struct score *sc)
{
	uint64_t	*mine;
	size_t		 n, i;
	double		 v;

	if (ctx->nearlier == 0 ||
	    (n = shingles(a, norm, normlen, &mine)) == 0)
		return;
	for (i = 0; i < ctx->nearlier; i++) {
		if (ctx->earlier[i].answer == NULL)
			continue;
		v = share_in(a, mine, n, ctx->earlier[i].answer);
		if (v >= REPEAT && v > sc->repeated) {
			sc->repeated = v;
			sc->repeats_n = ctx->earlier[i].n;
		}
	}
}

/* An answer with no words: nothing covered, nothing to read. */
static void
score_empty(const struct rubric *r, struct score *sc)
{
	int	 i;

	sc->eval.quality = Q_POOR;
	for (i = 0; i < r->npoints && i < SCORER_MAX_POINTS; i++)
		sc->missing[sc->nmissing++] = r->points[i].text;
	sc->reasons = sc->brief = "No answer was given.";
}

/*
 * Technical accuracy, 0..1.  Coverage counts linearly up to full marks at
 * FULL_COVERAGE; with no rubric points the structure (clarity) stands in.
 * For a behavioural or situational question the topic is half and the STAR
 * parts the other half, an eighth each.  Under SHORT_WORDS words it is
 * scaled by words / SHORT_WORDS, never below 0.3 of itself.
 */
static double
accuracy_of(const struct rubric *r, const struct score *sc, double clarity,
    int words, const struct scorer_ctx *ctx)
{
	double	 v;

	v = r->npoints > 0 ? fmin(1.0, sc->coverage / FULL_COVERAGE) : clarity;
	/* The parent's points may show, never hide: see scorer_score_in. */
	if (r->npoints > 0 && ctx->parent_n > 0)
		v = fmax(v, clarity);
	if (sc->behavioral)
		v = 0.5 * v + 0.5 * star_count(&sc->star) / 4.0;
	if (words < SHORT_WORDS)
		v *= fmax(0.3, (double)words / SHORT_WORDS);
	/* Given before: what it shows was credited then. */
	if (sc->repeats_n > 0)
		v *= 1 - sc->repeated;
	return v;
}

void
scorer_score(struct arena *a, const struct rubric *r, const char *category,
    const char *answer, struct score *sc)
{
	scorer_score_in(a, r, category, answer, NULL, sc);
}

void
scorer_score_in(struct arena *a, const struct rubric *r,
    const char *category, const char *answer, const struct scorer_ctx *ctx,
    struct score *sc)
{
	static const struct scorer_ctx	 no_ctx;
	struct shape	 sh;
	struct cover	 cv;
	const char	*norm;
	size_t		 len, normlen;
	unsigned	 found;
	double		 clarity;
	bool		 dense;
	int		 nwords;
	static const struct rubric none;	/* for a NULL rubric */

	if (r == NULL)
		r = &none;
	if (ctx == NULL)
		ctx = &no_ctx;
	memset(sc, 0, sizeof(*sc));
	sc->behavioral = category != NULL &&
	    (strcmp(category, "behavioral") == 0 ||
	    strcmp(category, "situational") == 0);
	if (answer == NULL)
		answer = "";
	len = strlen(answer);
	norm = normalise(a, answer, len, &normlen, &nwords);
	if (nwords == 0) {
		score_empty(r, sc);
		if (ctx->parent_n > 0)
			sc->nmissing = 0;
		return;
	}
	shape_read(answer, len, &sh);
	found = cues_find(answer, len, sc->behavioral ? CK_ALL :
	    CK_ALL & ~CK_STAR);
	if (sc->behavioral)
		star_from(found, &sc->star);
	cover_points(a, r, norm, normlen, sc, &cv);
	/* Another question's points: not this answer's to miss. */
	if (ctx->parent_n > 0)
		sc->nmissing = 0;
	sc->coverage = cv.total > 0 ? (double)cv.weight / cv.total : 0.0;
	repeat_find(a, norm, normlen, ctx, sc);

	clarity = clarity_of(&sh, found);
	dense = cv.total > 0 && cv.phrase_words > DENSE * nwords;
	if (dense)
		clarity /= 2;
	sc->eval.accuracy = accuracy_of(r, sc, clarity, nwords, ctx);
	/* Filler is not words: what structure it has shows nothing. */
	sc->filler = sh.word_bytes > 0 ? (double)sh.filler_bytes /
	    (double)sh.word_bytes : 0;
	if (sc->filler > FILLER) {
		clarity *= 1 - sc->filler;
		sc->eval.accuracy *= 1 - sc->filler;
	}
	sc->eval.clarity = clarity;
	sc->eval.quality = quality_of(sc->eval.accuracy, clarity);
	sc->reasons = reasons_of(a, r, sc, &cv, &sh, dense, true, ctx);
	sc->brief = reasons_of(a, r, sc, &cv, &sh, dense, false, ctx);
}

void
scorer_star(const char *answer, struct star *st)
{
	memset(st, 0, sizeof(*st));
	if (answer != NULL)
		star_from(cues_find(answer, strlen(answer), CK_STAR), st);
}

/* Rounded to two decimals, and written that way: 0.83, not 0.8299999. */
static struct json_object *
jnum(double d)
{
	char	 s[32];
	size_t	 n;

	d = round(d * 100) / 100;
	n = (size_t)snprintf(s, sizeof(s), "%.2f", d);
	while (n > 3 && s[n - 1] == '0' && s[n - 2] != '.')
		s[--n] = '\0';
	return json_object_new_double_s(d, s);
}

struct json_object *
scorer_to_json(const struct score *sc)
{
	struct json_object	*o = json_object_new_object(), *m, *st;
	int			 i;

	json_object_object_add(o, "quality", json_object_new_string(
	    engine_quality_name(sc->eval.quality)));
	json_object_object_add(o, "technical_accuracy",
	    jnum(sc->eval.accuracy));
	json_object_object_add(o, "explanation_clarity",
	    jnum(sc->eval.clarity));
	json_object_object_add(o, "coverage", jnum(sc->coverage));
	json_object_object_add(o, "scorer", json_object_new_string("builtin"));
	m = json_object_new_array();
	for (i = 0; i < sc->nmissing; i++)
		json_object_array_add(m,
		    json_object_new_string(sc->missing[i]));
	json_object_object_add(o, "missing", m);
	if (sc->behavioral) {
		st = json_object_new_object();
		json_object_object_add(st, "situation",
		    json_object_new_boolean(sc->star.situation));
		json_object_object_add(st, "task",
		    json_object_new_boolean(sc->star.task));
		json_object_object_add(st, "action",
		    json_object_new_boolean(sc->star.action));
		json_object_object_add(st, "result",
		    json_object_new_boolean(sc->star.result));
		json_object_object_add(o, "star", st);
	}
	json_object_object_add(o, "reasons", json_object_new_string(
	    sc->reasons != NULL ? sc->reasons : ""));
	if (sc->brief != NULL)
		json_object_object_add(o, "brief",
		    json_object_new_string(sc->brief));
	return o;
}

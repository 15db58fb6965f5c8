/* question_check.c: what makes a question valid, wherever it comes from: the form, a CSV file, the API. */
#include <assert.h>
#include <json-c/json.h>
#include <string.h>

#include "lib/form.h"
#include "question.h"

const char *const question_categories[QC__MAX][2] = {
	{ "technical", "Technical" },		/* QC_TECHNICAL */
	{ "behavioral", "Behavioral" },		/* QC_BEHAVIORAL */
	{ "situational", "Situational" },	/* QC_SITUATIONAL */
	{ "cultural", "Cultural" },		/* QC_CULTURAL */
};

const char *const question_difficulties[QD__MAX][2] = {
	{ "warmup", "Warm-up" },		/* QD_WARMUP */
	{ "fundamental", "Fundamental" },	/* QD_FUNDAMENTAL */
	{ "intermediate", "Intermediate" },	/* QD_INTERMEDIATE */
	{ "advanced", "Advanced" },		/* QD_ADVANCED */
	{ "expert", "Expert" },			/* QD_EXPERT */
};

const char *const question_field_names[QF__MAX] = {
	"role",			/* QF_ROLE */
	"skill_area",		/* QF_SKILL_AREA */
	"category",		/* QF_CATEGORY */
	"difficulty",		/* QF_DIFFICULTY */
	"body_md",		/* QF_BODY_MD */
	"rubric",		/* QF_RUBRIC */
	"follow_ups",		/* QF_FOLLOW_UPS */
	"sample_answer",	/* QF_SAMPLE_ANSWER */
};

/* At most this many rubric lines are named in one message. */
#define MAX_LINE_ERRORS	5

static const char *
label_of(const char *const (*tab)[2], size_t n, const char *word)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i][0], word) == 0)
			return tab[i][1];
	return word;
}

const char *
question_category_label(const char *word)
{
	return label_of(question_categories, QC__MAX, word);
}

const char *
question_difficulty_label(const char *word)
{
	return label_of(question_difficulties, QD__MAX, word);
}

/* --- text ----------------------------------------------------------------- */

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s without surrounding whitespace and with every line break as LF. */
static const char *
clean(struct arena *a, const char *s)
{
	const char	*e;
	char		*out, *o;

	if (s == NULL)
		return "";
	while (space(*s))
		s++;
	for (e = s + strlen(s); e > s && space(e[-1]); e--)
		continue;
	out = o = arena_alloc(a, (size_t)(e - s) + 1);
	for (; s < e; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s == '\r' ? '\n' : *s;
	*o = '\0';
	return out;
}

/* UTF-8 with no control characters but tab and LF (clean made CR into LF). */
static int
text_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s);

	if (!utf8_valid(s, len))
		return 0;
	for (; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] <= 0x9f))
			return 0;
	return 1;
}

static size_t
chars(const char *s)
{
	return utf8_len(s, strlen(s));
}

static int
in_table(const char *const (*tab)[2], size_t n, const char *word)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i][0], word) == 0)
			return 1;
	return 0;
}

/* --- the rubric as JSON --------------------------------------------------- */

/*
 * A string member's text, or NULL when it holds a NUL (\u0000): as C text
 * it would end there, and the rest would be dropped without a word.
 */
static char *
json_text(struct arena *a, struct json_object *v)
{
	const char	*s = json_object_get_string(v);
	size_t		 len = (size_t)json_object_get_string_len(v);

	return strlen(s) == len ? arena_strndup(a, s, len) : NULL;
}

/* NULL if s is a good phrase: one line, no ',' or '|', as the form needs. */
static const char *
phrase_err(const char *s)
{
	if (*s == '\0')
		return "a phrase is empty";
	if (chars(s) > QUESTION_PHRASE_MAX)
		return "a phrase is longer than 100 characters";
	if (strpbrk(s, ",|\n") != NULL)
		return "a phrase holds a comma, a '|' or a line break";
	if (!text_ok(s))
		return "a phrase holds a control character";
	return NULL;
}

/* NULL if s is a good point text. */
static const char *
point_text_err(const char *s)
{
	if (*s == '\0')
		return "the point's text is empty";
	if (chars(s) > QUESTION_POINT_MAX)
		return "the point's text is longer than 500 characters";
	if (strchr(s, '\n') != NULL)
		return "the point's text must be one line";
	if (!text_ok(s))
		return "the point's text holds a control character";
	return NULL;
}

static const char *
phrases_from_json(struct arena *a, struct json_object *arr,
    struct question_point *pt)
{
	const char	*err;
	size_t		 i, n;

	if (!json_object_is_type(arr, json_type_array))
		return "\"phrases\" must be a list of strings";
	n = json_object_array_length(arr);
	if (n < 1 || n > QUESTION_MAX_PHRASES)
		return "give 1 to 12 phrases";
	pt->phrases = arena_calloc(a, n + 1, sizeof(*pt->phrases));
	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);

		if (!json_object_is_type(v, json_type_string))
			return "\"phrases\" must be a list of strings";
		if ((pt->phrases[i] = json_text(a, v)) == NULL)
			return "a phrase holds a control character";
		if ((err = phrase_err(pt->phrases[i])) != NULL)
			return err;
	}
	pt->n_phrases = n;
	return NULL;
}

static const char *
point_from_json(struct arena *a, struct json_object *o,
    struct question_point *pt)
{
	struct json_object	*text = NULL, *weight = NULL, *phrases = NULL;

	if (!json_object_is_type(o, json_type_object))
		return "must be an object with text, weight and phrases";
	json_object_object_foreach(o, key, v) {
		if (strcmp(key, "text") == 0)
			text = v;
		else if (strcmp(key, "weight") == 0)
			weight = v;
		else if (strcmp(key, "phrases") == 0)
			phrases = v;
		else
			return arena_printf(a, "has an unknown member \"%s\"",
			    key);
	}
	if (!json_object_is_type(text, json_type_string))
		return "\"text\" must be a string";
	if ((pt->text = json_text(a, text)) == NULL)
		return "the point's text holds a control character";
	if (!json_object_is_type(weight, json_type_int) ||
	    json_object_get_int64(weight) < 1 ||
	    json_object_get_int64(weight) > 5)
		return "\"weight\" must be a whole number from 1 to 5";
	pt->weight = (int)json_object_get_int64(weight);
	if (point_text_err(pt->text) != NULL)
		return point_text_err(pt->text);
	return phrases_from_json(a, phrases, pt);
}

static const char *
points_from_json(struct arena *a, struct json_object *o,
    struct question_point **out, size_t *n)
{
	struct json_object	*points = NULL;
	const char		*err;
	size_t			 i, len;

	if (!json_object_is_type(o, json_type_object))
		return "must be a JSON object {\"points\": [...]}";
	json_object_object_foreach(o, key, v) {
		if (strcmp(key, "points") != 0)
			return arena_printf(a, "has an unknown member \"%s\"",
			    key);
		points = v;
	}
	if (!json_object_is_type(points, json_type_array))
		return "must be a JSON object {\"points\": [...]}";
	if ((len = json_object_array_length(points)) > QUESTION_MAX_POINTS)
		return arena_printf(a, "has %zu points; at most %d", len,
		    QUESTION_MAX_POINTS);
	*out = arena_calloc(a, len + 1, sizeof(**out));
	for (i = 0; i < len; i++) {
		err = point_from_json(a, json_object_array_get_idx(points, i),
		    &(*out)[i]);
		if (err != NULL)
			return arena_printf(a, "point %zu: %s", i + 1, err);
	}
	*n = len;
	return NULL;
}

enum status
question_rubric_parse(struct arena *a, const char *json,
    struct question_point **out, size_t *n, const char **err)
{
	struct json_tokener	*tok;
	struct json_object	*o;
	int			 ok;

	*out = NULL;
	*n = 0;
	*err = NULL;
	if ((tok = json_tokener_new()) == NULL)
		return ST_INTERNAL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, json, (int)strlen(json));
	ok = o != NULL && json_tokener_get_error(tok) == json_tokener_success &&
	    json_tokener_get_parse_end(tok) == strlen(json);
	json_tokener_free(tok);
	if (!ok)
		*err = "is not valid JSON";
	else
		*err = points_from_json(a, o, out, n);
	json_object_put(o);
	return *err == NULL ? ST_OK : ST_INVALID;
}

/* The points as JSON text, members in the documented order. */
static const char *
points_to_json(struct arena *a, const struct question_point *pt, size_t n)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*list = json_object_new_array(), *p, *ph;
	const char		*s;
	size_t			 i, k;

	for (i = 0; i < n; i++) {
		p = json_object_new_object();
		ph = json_object_new_array();
		for (k = 0; k < pt[i].n_phrases; k++)
			json_object_array_add(ph,
			    json_object_new_string(pt[i].phrases[k]));
		json_object_object_add(p, "text",
		    json_object_new_string(pt[i].text));
		json_object_object_add(p, "weight",
		    json_object_new_int(pt[i].weight));
		json_object_object_add(p, "phrases", ph);
		json_object_array_add(list, p);
	}
	json_object_object_add(o, "points", list);
	s = arena_strdup(a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* --- the rubric as the form's lines --------------------------------------- */

static const char *
trimmed(struct arena *a, const char *s, size_t len)
{
	while (len > 0 && space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && space(s[len - 1]))
		len--;
	return arena_strndup(a, s, len);
}

/* "a, b,, c" into pt's phrases; NULL or what is wrong. */
static const char *
phrases_from_line(struct arena *a, const char *s, struct question_point *pt)
{
	const char	*e, *ph, *err;
	size_t		 max = 1;

	for (e = s; *e != '\0'; e++)
		max += *e == ',';
	pt->phrases = arena_calloc(a, max + 1, sizeof(*pt->phrases));
	for (; ; s = e + 1) {
		e = s + strcspn(s, ",");
		ph = trimmed(a, s, (size_t)(e - s));
		if (*ph != '\0') {
			if ((err = phrase_err(ph)) != NULL)
				return err;
			pt->phrases[pt->n_phrases++] = ph;
		}
		if (*e == '\0')
			break;
	}
	if (pt->n_phrases < 1 || pt->n_phrases > QUESTION_MAX_PHRASES)
		return "give 1 to 12 key phrases, separated by commas";
	return NULL;
}

/* One line, "weight | point text | phrases"; NULL or what is wrong. */
static const char *
point_from_line(struct arena *a, const char *line, struct question_point *pt)
{
	const char	*bar1, *bar2, *w, *err;

	memset(pt, 0, sizeof(*pt));
	bar1 = strchr(line, '|');
	bar2 = strrchr(line, '|');
	if (bar1 == NULL || bar2 == bar1)
		return "write it as weight | point text | phrase, phrase";
	w = trimmed(a, line, (size_t)(bar1 - line));
	if (w[0] < '1' || w[0] > '5' || w[1] != '\0')
		return "the weight must be a whole number from 1 to 5";
	pt->weight = w[0] - '0';
	pt->text = trimmed(a, bar1 + 1, (size_t)(bar2 - bar1 - 1));
	if ((err = point_text_err(pt->text)) != NULL)
		return err;
	return phrases_from_line(a, bar2 + 1, pt);
}

enum status
question_rubric_from_lines(struct arena *a, const char *lines,
    const char **json, const char **err)
{
	struct question_point	 pt[QUESTION_MAX_POINTS];
	const char		*p, *nl, *line, *why;
	struct buf		 errs;
	size_t			 n = 0, lineno = 0, nerr = 0;

	buf_init(&errs, a);
	for (p = lines; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		lineno++;
		line = trimmed(a, p, (size_t)(nl - p));
		if (*line == '\0')
			continue;
		if (n == QUESTION_MAX_POINTS) {
			*err = arena_printf(a, "Line %zu: at most %d points.",
			    lineno, QUESTION_MAX_POINTS);
			return ST_INVALID;
		}
		if ((why = point_from_line(a, line, &pt[n])) == NULL) {
			n++;
			continue;
		}
		if (nerr++ < MAX_LINE_ERRORS)
			buf_printf(&errs, "%sLine %zu: %s.",
			    errs.len > 0 ? " " : "", lineno, why);
	}
	if (nerr > 0) {
		*err = errs.p;
		return ST_INVALID;
	}
	*json = points_to_json(a, pt, n);
	return ST_OK;
}

const char *
question_rubric_to_lines(struct arena *a, const char *json)
{
	struct question_point	*pt;
	const char		*err;
	struct buf		 b;
	size_t			 n, i, k;

	if (question_rubric_parse(a, json, &pt, &n, &err) != ST_OK)
		return "";
	buf_init(&b, a);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%d | %s | ", pt[i].weight, pt[i].text);
		for (k = 0; k < pt[i].n_phrases; k++)
			buf_printf(&b, "%s%s", k > 0 ? ", " : "",
			    pt[i].phrases[k]);
		buf_putc(&b, '\n');
	}
	return b.p != NULL ? b.p : "";
}

/* --- the whole question --------------------------------------------------- */

/* Follow-ups one per line, trimmed, blank lines dropped; NULL or why not. */
static const char *
follow_ups_clean(struct arena *a, const char *s, const char **out)
{
	const char	*nl, *line;
	struct buf	 b;
	size_t		 n = 0;

	buf_init(&b, a);
	for (; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
		nl = s + strcspn(s, "\n");
		line = trimmed(a, s, (size_t)(nl - s));
		if (*line == '\0')
			continue;
		if (++n > QUESTION_MAX_FOLLOW_UPS)
			return "follow_ups: at most 5, one per line.";
		if (chars(line) > QUESTION_FOLLOW_UP_MAX)
			return arena_printf(a, "follow_ups: number %zu is"
			    " longer than %d characters.", n,
			    QUESTION_FOLLOW_UP_MAX);
		buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "", line);
	}
	*out = b.p != NULL ? b.p : "";
	return NULL;
}

static const char *
rubric_clean(struct arena *a, const char *s, const char **out)
{
	struct question_point	*pt;
	const char		*err;
	size_t			 n;

	if (*s == '\0')
		return "rubric is required: at least one point an answer"
		    " should make.";
	if (question_rubric_parse(a, s, &pt, &n, &err) != ST_OK)
		return arena_printf(a, "rubric %s.", err);
	if (n == 0)
		return "rubric needs at least one point an answer should make.";
	*out = points_to_json(a, pt, n);
	return NULL;
}

static const char *
role_err(struct arena *a, const char *const *roles, size_t nroles,
    const char *role)
{
	size_t	i;

	if (*role == '\0')
		return "role is required.";
	for (i = 0; i < nroles; i++)
		if (strcmp(roles[i], role) == 0)
			return NULL;
	/* Archived roles are not in the list: say where each is mended. */
	return arena_printf(a, "role \"%s\" is not one of your roles or"
	    " viva's in use: add it on the Roles page first, or bring it back"
	    " there if it is archived.", role);
}

static const char *
length_err(struct arena *a, const char *name, const char *s, size_t min,
    size_t max)
{
	size_t	n = chars(s);

	if (min > 0 && n == 0)
		return arena_printf(a, "%s is required.", name);
	if (n > max)
		return arena_printf(a, "%s must be at most %zu characters.",
		    name, max);
	return NULL;
}

/* The checks of one field, on its cleaned value. */
static const char *
field_err(struct arena *a, const char *const *roles, size_t nroles,
    enum question_field f, const char **v)
{
	switch (f) {
	case QF_ROLE:
		return role_err(a, roles, nroles, *v);
	case QF_SKILL_AREA:
		if (strchr(*v, '\n') != NULL)
			return "skill_area must be one line.";
		return length_err(a, "skill_area", *v, 1, QUESTION_SKILL_MAX);
	case QF_CATEGORY:
		return in_table(question_categories, QC__MAX, *v) ? NULL :
		    "category must be one of technical, behavioral,"
		    " situational, cultural.";
	case QF_DIFFICULTY:
		return in_table(question_difficulties, QD__MAX, *v) ? NULL :
		    "difficulty must be one of warmup, fundamental,"
		    " intermediate, advanced, expert.";
	case QF_BODY_MD:
		return length_err(a, "body_md", *v, 1, QUESTION_BODY_MAX);
	case QF_RUBRIC:
		return rubric_clean(a, *v, v);
	case QF_FOLLOW_UPS:
		return follow_ups_clean(a, *v, v);
	case QF_SAMPLE_ANSWER:
		return length_err(a, "sample_answer", *v, 0, QUESTION_BODY_MAX);
	default:
		assert(!"unknown question field");
		return NULL;
	}
}

enum status
question_check(struct arena *a, const char *const *roles, size_t nroles,
    struct question_input *in, struct question_errors *e)
{
	enum status	st = ST_OK;
	size_t		i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < QF__MAX; i++) {
		in->v[i] = clean(a, in->v[i]);
		if (!text_ok(in->v[i]))
			e->msg[i] = arena_printf(a, "%s holds a control"
			    " character or is not UTF-8 text.",
			    question_field_names[i]);
		else
			e->msg[i] = field_err(a, roles, nroles,
			    (enum question_field)i, &in->v[i]);
		if (e->msg[i] != NULL)
			st = ST_INVALID;
	}
	return st;
}

/*
 * A check's message, which names its CSV column ("follow_ups: at most
 * 5, ..."), as the form shows it beside the field: without the column's
 * name, which the form's label gives in words.
 */
const char *
question_check_beside(struct arena *a, const char *name, const char *msg)
{
	static const char *const verbs[] = { "must ", "is ", "needs ", "has ",
	    "can " };
	size_t	len = strlen(name), i;
	char	*s;

	if (strncmp(msg, name, len) != 0 || (msg[len] != ' ' &&
	    msg[len] != ':'))
		return msg;
	/* "category must be ...": the field is the subject. */
	for (i = 0; msg[len] == ' ' && i < sizeof(verbs) / sizeof(verbs[0]);
	    i++)
		if (strncmp(msg + len + 1, verbs[i], strlen(verbs[i])) == 0)
			return arena_printf(a, "This field%s", msg + len);
	/* 'role "x" is not one of ...' reads whole. */
	if (msg[len] == ' ' && !(msg[len + 1] >= 'a' && msg[len + 1] <= 'z'))
		return msg;
	/* "follow_ups: at most 5", "rubric point 1: ...": what follows. */
	msg += len + (msg[len] == ':' ? 1 : 0);
	while (*msg == ' ')
		msg++;
	if (*msg == '\0')
		return "This field is not valid.";
	s = arena_strdup(a, msg);
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	return s;
}

/*
 * api_oneway.c: one-way interviews made over the JSON API, with the create
 * form's field table and its rules for the questions (admin_oneway.c).
 */
#include <json-c/json.h>
#include <string.h>

#include "core/oneway.h"
#include "handlers.h"

#define MEMBER_BANK	"bank_question_ids"
#define MEMBER_WRITTEN	"questions"

/* The form's "Tick questions ..." in the API's words. */
static const char no_questions[] = "Send at least one question: ids in "
    MEMBER_BANK " or text in " MEMBER_WRITTEN ".";

/* API member -> the create form's field, with the form's first values. */
const struct api_name api_oneway_names[] = {
	{ "kind",		"kind",			NULL },
	{ "candidate_name",	"candidate_name",	NULL },
	{ "candidate_email",	"candidate_email",	NULL },
	{ "media",		"media",		"audio" },
	{ "answer_seconds",	"answer_seconds",	"120" },
	{ "prep_seconds",	"prep_seconds",		"30" },
	{ "max_attempts",	"max_attempts",		"3" },
	{ "invite_days",	"expiry_days",		"7" },
	{ MEMBER_WRITTEN,	"questions",		NULL },
	/* Not in the table (the form sends it repeated): bank_of reads it. */
	{ MEMBER_BANK,		"bank_q",		NULL },
	{ NULL, NULL, NULL }
};

/*
 * "questions" as a list of strings becomes the form's text, one a line, so
 * the table's limits and the form's parser apply as they are.  A string is
 * left as it is (the form's text); NULL, or why the list is not one.
 */
static const char *
written_of(struct req *r, struct json_object *body)
{
	struct json_object	*list, *e;
	struct buf		 b;
	const char		*s;
	size_t			 i, n;

	if (!json_object_object_get_ex(body, MEMBER_WRITTEN, &list) ||
	    !json_object_is_type(list, json_type_array))
		return NULL;
	buf_init(&b, r->a);
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(list, i);
		if (!json_object_is_type(e, json_type_string))
			return "Must be a list of strings, one question each.";
		s = json_object_get_string(e);
		if (strlen(s) != (size_t)json_object_get_string_len(e))
			return "Must not hold control characters.";
		/* A line break would make two questions of one. */
		if (strpbrk(s, "\r\n") != NULL)
			return "A question is one line of text.";
		buf_puts(&b, s);
		buf_puts(&b, "\n");
	}
	json_object_object_add(body, MEMBER_WRITTEN,
	    json_object_new_string_len(b.len > 0 ? b.p : "", (int)b.len));
	return NULL;
}

/* The bank's question ids, in order, into p; NULL, or why not. */
static const char *
bank_of(struct req *r, struct json_object *body, struct oneway_picks *p)
{
	struct json_object	*list, *e;
	long long		*ids;
	size_t			 i, n;

	if (!json_object_object_get_ex(body, MEMBER_BANK, &list) ||
	    list == NULL)
		return NULL;
	if (!json_object_is_type(list, json_type_array))
		return "Must be a list of question ids.";
	n = json_object_array_length(list);
	ids = arena_calloc(r->a, n + 1, sizeof(*ids));
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(list, i);
		if (!json_object_is_type(e, json_type_int))
			return "Must be a list of question ids.";
		ids[i] = json_object_get_int64(e);
	}
	p->bank = ids;
	p->nbank = n;
	return NULL;
}

/* The body's members by the form's table; the lists' errors by name. */
static void
read_body(struct req *r, struct json_object *body, struct oneway_picks *p,
    struct api_checked *c)
{
	const char	*werr, *berr;

	memset(p, 0, sizeof(*p));
	if ((werr = written_of(r, body)) != NULL)
		json_object_object_del(body, MEMBER_WRITTEN);
	berr = bank_of(r, body, p);
	api_object_fields(r, body, oneway_fields, api_oneway_names, c);
	if (werr != NULL)
		api_field_error(c, MEMBER_WRITTEN, werr);
	if (berr != NULL)
		api_field_error(c, MEMBER_BANK, berr);
}

static void
read_create(const struct api_checked *c, struct oneway_new *in,
    struct oneway_picks *p)
{
	memset(in, 0, sizeof(*in));
	in->candidate_name = api_text(c, "candidate_name");
	in->candidate_email = api_text(c, "candidate_email");
	in->media = api_text(c, "media");
	in->answer_s = (int)api_num(c, "answer_seconds");
	in->max_attempts = (int)api_num(c, "max_attempts");
	in->expiry_days = (int)api_num(c, "expiry_days");
	p->written = api_text(c, "questions");
	p->prep_s = (int)api_num(c, "prep_seconds");
}

/* POST /api/v1/interviews with "kind":"oneway" (api_interviews.c). */
enum status
api_oneway_create(struct req *r, struct json_object *body)
{
	struct oneway_problems	 pr;
	struct oneway_picks	 p;
	struct oneway_new	 in;
	struct api_checked	 c;
	const char		*member;
	char			*token;
	long long		 id;
	size_t			 i;
	enum status		 st;

	read_body(r, body, &p, &c);
	read_create(&c, &in, &p);
	/* Every field's error in one answer, the questions' too (2026-12-07). */
	st = oneway_new_problems(r, &p, &in, &pr);
	if (st != ST_OK && st != ST_INVALID)
		return st;
	for (i = 0; i < pr.n; i++) {
		member = api_member_of(api_oneway_names, pr.field[i]);
		if (!api_refused(&c, member))
			api_field_error(&c, member, pr.msg[i] ==
			    oneway_no_questions ? no_questions : pr.msg[i]);
	}
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	if ((st = oneway_new_create(r, &in, &token, &id)) != ST_OK)
		return st;
	return api_reply_created(r, id, token);
}

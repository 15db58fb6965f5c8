/* api_json.c: what every /api/v1 handler with a body shares: reading it, and the field errors' reply. */
#include <json-c/json.h>
#include <string.h>
#include <strings.h>

#include "core/export.h"
#include "lib/json_strict.h"
#include "handlers.h"

static enum status
not_json(struct req *r, const char *why)
{
	r->error_detail = why;
	return ST_INVALID;
}

/*
 * Why the parser's outcome is not one JSON object, or NULL: where it
 * stopped and why, for a client to find its mistake (all it said was "not
 * a JSON object (or not valid UTF-8)", UTF-8 being checked before).  at is
 * where it stopped; a body that ended with a literal or number was fed an
 * end (read_json), so null is a success with no object.
 */
static const char *
parse_problem(struct req *r, struct json_tokener *tok, struct json_object *o,
    size_t at)
{
	enum json_tokener_error	 e = json_tokener_get_error(tok);

	if (e == json_tokener_continue)
		return "The body is not a JSON object: it ends before the JSON"
		    " does.";
	if (e == json_tokener_error_depth)
		return "The body is not a JSON object this server reads: it"
		    " nests deeper than 32 levels.";
	if (e != json_tokener_success)
		return arena_printf(r->a, "The body is not a JSON object: %s"
		    " at byte %zu.", json_tokener_error_desc(e), at);
	if (at != r->raw_len)
		return arena_printf(r->a, "The body is not a JSON object: more"
		    " follows the JSON, at byte %zu.", at);
	if (o == NULL || !json_object_is_type(o, json_type_object))
		return "The body is not a JSON object: send one {...}, not"
		    " an array or a lone value.";
	return NULL;
}

/*
 * The body parsed; *at where the parser stopped.  A literal or number at
 * the very end (null, true, 12) is not known to be whole until something
 * follows it: json-c waited for more, and the answer was "it ends before
 * the JSON does".  A space after the body tells it the body ended.
 */
static struct json_object *
read_json(struct req *r, struct json_tokener *tok, size_t *at)
{
	struct json_object	*o;

	o = json_tokener_parse_ex(tok, r->raw, (int)r->raw_len);
	*at = json_tokener_get_parse_end(tok);
	if (json_tokener_get_error(tok) != json_tokener_continue)
		return o;
	o = json_tokener_parse_ex(tok, " ", 1);
	*at = r->raw_len;	/* all of it read; an error is at the end */
	return o;
}

enum status
api_read_object(struct req *r, struct json_object **out)
{
	const char		*ctype = req_env(r, "CONTENT_TYPE");
	struct json_tokener	*tok;
	struct json_object	*o;
	const char		*why;
	size_t			 at;

	*out = NULL;
	if (ctype == NULL || strncasecmp(ctype, "application/json", 16) != 0 ||
	    (ctype[16] != '\0' && ctype[16] != ';' && ctype[16] != ' '))
		return not_json(r, "Send the body as JSON, with the header"
		    " Content-Type: application/json.");
	if (r->raw == NULL || r->raw_len == 0)
		return not_json(r, "The body is empty; send a JSON object.");
	/*
	 * json-c's own check lets overlong forms (C0 AF) and surrogates (ED A0
	 * 80) through, and an unknown member's name came back in the error
	 * as it was: an answer that was not UTF-8 itself.
	 */
	if (!utf8_valid(r->raw, r->raw_len))
		return not_json(r, "The body is not valid UTF-8.");
	if ((tok = json_tokener_new()) == NULL)
		return ST_INTERNAL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = read_json(r, tok, &at);
	why = parse_problem(r, tok, o, at);
	json_tokener_free(tok);
	if (why != NULL ||
	    (why = json_strict_problem(r->a, r->raw, r->raw_len, o)) != NULL) {
		json_object_put(o);
		return not_json(r, why);
	}
	*out = o;
	return ST_OK;
}

struct json_object *
api_time(const char *v)
{
	char	buf[64];

	if (v == NULL || *v == '\0')
		return NULL;
	return json_object_new_string(export_isotime(buf, sizeof(buf), v));
}

/* Whether the list takes the parameter name: its table's, not page_only. */
static int
takes(const struct field *table, const char *page_only, const char *name)
{
	if (page_only != NULL && strcmp(name, page_only) == 0)
		return 0;
	for (; table->name != NULL; table++)
		if (strcmp(table->name, name) == 0)
			return 1;
	return 0;
}

size_t
api_query_refused(const struct req *r, const struct field *table,
    const char *page_only, const char **name, const char **msg, size_t max)
{
	const struct param	*p;
	size_t			 i, n = 0;

	for (i = 0; i < r->query.n && n < max; i++) {
		p = &r->query.v[i];
		if (!takes(table, page_only, p->name)) {
			name[n] = p->name;
			msg[n++] = "Unknown parameter.";
		} else if (params_get(&r->query, p->name) != p) {
			/* The list would answer for the first alone. */
			name[n] = p->name;
			msg[n++] = "Given more than once; give it once.";
		}
	}
	return n;
}

size_t
api_query_problems(struct req *r, const struct field *table,
    const char **name, const char **msg, size_t max)
{
	const struct field	*t;
	size_t			 i, n = 0;

	for (t = table, i = 0; t->name != NULL && n < max; t++, i++)
		if (r->fields[i].err != NULL) {
			name[n] = t->name;
			msg[n++] = api_field_message(r->a, table, t->name,
			    r->fields[i].err);
		}
	return n + api_query_refused(r, table, NULL, name + n, msg + n,
	    max - n);
}

enum status
api_reply_fields(struct req *r, const char *const *names,
    const char *const *msgs, size_t n)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*e = json_object_new_object();
	struct json_object	*f = json_object_new_object();
	size_t			 i;

	for (i = 0; i < n; i++)
		if (!json_object_object_get_ex(f, names[i], NULL))
			json_object_object_add(f, names[i],
			    json_object_new_string(msgs[i]));
	json_object_object_add(e, "code", json_object_new_string(
	    status_str(ST_INVALID)));
	json_object_object_add(e, "message", json_object_new_string(
	    "Some fields are not valid; see fields."));
	json_object_object_add(e, "request_id", json_object_new_string(r->id));
	json_object_object_add(e, "fields", f);
	json_object_object_add(o, "error", e);
	return resp_json(r, 400, o);
}

void
api_put_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

void
api_put_int(struct json_object *o, const char *k, long long v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

/* error.c: the only place a status becomes an error page or a JSON error. */
#include <json-c/json.h>
#include <string.h>

#include "handlers.h"

struct error_text {
	int		 code;
	const char	*title;
	const char	*message;
};

static const struct error_text texts[ST__MAX] = {
	{ 200, "OK", "" },						/* ST_OK */
	{ 400, "Bad request", "The request could not be understood." },	/* ST_INVALID */
	{ 401, "Sign in required", "Sign in to continue." },		/* ST_UNAUTH */
	{ 403, "Not allowed", "You do not have access to this page." },	/* ST_DENIED */
	{ 404, "Page not found", "There is no page at this address." },	/* ST_NOTFOUND */
	{ 409, "Conflict", "That conflicts with data saved earlier." },	/* ST_CONFLICT */
	{ 429, "Too many requests", "Too many requests. Wait a moment and try again." }, /* ST_TOOMANY */
	{ 413, "Too large", "The request is larger than this server accepts." },	/* ST_TOOLARGE */
	{ 503, "Temporarily unavailable", "The service is temporarily unavailable. Try again in a moment." }, /* ST_UNAVAILABLE */
	{ 500, "Something went wrong", "Something went wrong on our side. It has been logged." }, /* ST_INTERNAL */
};

static void
reply_json(struct req *r, int code, const char *name, const char *msg)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*e = json_object_new_object();

	json_object_object_add(e, "code", json_object_new_string(name));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(e, "request_id", json_object_new_string(r->id));
	json_object_object_add(o, "error", e);
	resp_json(r, code, o);
}

/* Shorter than this, a value is as quickly typed again as copied. */
#define KEPT_MIN	20

/*
 * The longest text a refused form carried (a message, an answer, a
 * challenge's body), for the error page to show to copy: an expired form,
 * or a session ended in another tab, must not lose what was written.  Not
 * a password, a file or the form's own tokens.
 */
static const struct param *
kept_text(const struct req *r)
{
	const struct param	*p, *best = NULL;
	size_t			 i;

	if (r->method != M_POST)
		return NULL;
	for (i = 0; i < r->form.n; i++) {
		p = &r->form.v[i];
		if (p->filename != NULL || strstr(p->name, "password") != NULL ||
		    strcmp(p->name, "csrf") == 0 ||
		    strcmp(p->name, "form_id") == 0)
			continue;
		if (best == NULL || p->vlen > best->vlen)
			best = p;
	}
	return best != NULL && best->vlen >= KEPT_MIN ? best : NULL;
}

static void
reply_page(struct req *r, int code, const char *title, const char *msg)
{
	struct view		*v = page_view(r, title, NULL);
	const struct param	*kept = kept_text(r);
	const char		*plain;

	if (kept != NULL)
		view_set_strn(v, "kept_text", kept->val, kept->vlen);
	if (r->error_link != NULL) {
		view_set_str(v, "link_url", r->error_link);
		view_set_str(v, "link_text", r->error_link_text);
	}
	view_set_int(v, "code", code);
	view_set_str(v, "message", msg);
	view_set_str(v, "request_id", r->id);
	if (resp_render(r, code, "error", v) == ST_OK)
		return;
	plain = "Internal error\n";	/* the error template itself failed */
	resp_text(r, 500, "text/plain; charset=utf-8", plain, strlen(plain));
}

void
error_reply(struct req *r, enum status st)
{
	const struct error_text	*t = &texts[(unsigned)st < ST__MAX ? st : ST_INTERNAL];
	const char		*msg = t->message, *name = status_str(st);
	int			 code = t->code;

	/* Headers a handler set before failing (cookies, Location) must not leak out. */
	r->headers.len = 0;
	r->headers.p[0] = '\0';
	if (r->allow != NULL) {
		code = 405;
		name = "method_not_allowed";
		msg = arena_printf(r->a, "This address does not accept %s;"
		    " it takes %s.", r->method_name, r->allow);
		resp_header(r, "Allow", r->allow);
	} else if ((code < 500 || code == 503) && r->error_detail != NULL)
		/*
		 * 4xx details are the user's to fix; a 503's say what to do
		 * meanwhile ("not charged, try again", "answer in writing"), and
		 * were dropped for the generic text.  A 500's stay ours.
		 */
		msg = r->error_detail;
	if (st == ST_UNAUTH && r->api)
		resp_header(r, "WWW-Authenticate", "Bearer realm=\"viva\"");
	if (code == 503 && r->retry_after_s <= 0)	/* a handler's stands */
		r->retry_after_s = 5;
	if (r->api)
		reply_json(r, code, name, msg);
	else
		reply_page(r, code, code == 405 ? "Method not allowed" :
		    code < 500 && r->error_title != NULL ? r->error_title :
		    t->title, msg);
}

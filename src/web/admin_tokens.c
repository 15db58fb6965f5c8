/* admin_tokens.c: API tokens of the org: list, create (shown once), revoke. */
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "core/session.h"
#include "handlers.h"

/* Tokens a page, active ones first. */
#define TOKENS_PER_PAGE	100
/* A leaked token stops working on its own; "never" must be chosen. */
#define TOKEN_DEFAULT_DAYS	90

const struct field token_fields[] = {
	{ "name",	F_LINE,	1, 100, FIELD_REQUIRED, NULL },
	/* Days it works (0: until revoked); absent: TOKEN_DEFAULT_DAYS. */
	{ "expires_days", F_ENUM, 0, 0, 0, "30|90|365|0" },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static struct view *
tokens_view(struct req *r, const struct apitoken *t, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "id", t[i].id);
		view_set_str(e, "name", t[i].name);
		view_set_str(e, "prefix", t[i].prefix);
		view_set_str(e, "owner", t[i].owner);
		view_set_str(e, "created_at", t[i].created_at);
		/* Unset when empty, so that the page says "never". */
		view_set_text(e, "last_used_at", t[i].last_used_at);
		view_set_bool(e, "revoked", t[i].revoked);
		/* Not "active": requests with it fail while its user is disabled. */
		view_set_bool(e, "owner_disabled", !t[i].revoked &&
		    t[i].owner_disabled);
		view_set_text(e, "expires_at", t[i].expires_at);
		view_set_bool(e, "expired", !t[i].revoked && t[i].expired);
		view_push(list, e);
	}
	return list;
}

static void	set_expiry_options(struct req *, struct view *);

static enum status
render_tokens(struct req *r, int code, struct view *v)
{
	struct apitoken	*t;
	const char	*done = params_val(&r->query, "done");
	size_t		 n;
	int		 page = page_number(r), more;
	enum status	 st;

	if ((st = apitoken_list(r->a, r->db, r->user->org_id, page,
	    TOKENS_PER_PAGE, &t, &n, &more)) != ST_OK)
		return st;
	view_set(v, "tokens", tokens_view(r, t, n));
	set_expiry_options(r, v);
	view_set_bool(v, "has_tokens", n > 0);
	page_set_pager(r, v, "/admin/tokens", page, more, n);
	if (done != NULL && strcmp(done, "created-twice") == 0)
		view_set_str(v, "flash", "The form was sent twice; the token"
		    " was created once. It was shown only on the first page: if"
		    " you did not copy it, revoke it and create a new one.");
	else if (done != NULL)
		view_set_str(v, "flash", "The token was revoked; requests with it now fail.");
	return resp_render(r, code, "admin/tokens", v);
}

enum status
admin_tokens(struct req *r)
{
	struct view	*v = page_view(r, "API tokens", "tokens");

	page_set_form_id(r, v, 0);
	return render_tokens(r, 200, v);
}

static int
expires_days(struct req *r)
{
	const struct field_val	*f = req_field(r, "expires_days");

	return f->present ? atoi(f->text) : TOKEN_DEFAULT_DAYS;
}

/* The form's choice, kept on a refused form, else the default. */
static void
set_expiry_options(struct req *r, struct view *v)
{
	static const char *const days[][2] = { { "30", "30 days" },
	    { "90", "90 days" }, { "365", "a year" }, { "0", "never (until"
	    " revoked)" } };
	const struct field_val	*f = req_field(r, "expires_days");

	view_set(v, "expiry_options", page_options(r, days, 4,
	    f != NULL && f->present && f->err == NULL ? f->text : "90"));
}

enum status
admin_token_create(struct req *r)
{
	struct view	*v = page_view(r, "API tokens", "tokens");
	char		*token;
	long long	 id;
	enum status	 st;

	if (r->fields_st != ST_OK) {
		page_form_values(r, v);
		page_set_form_id(r, v, 1);	/* nothing was made with it */
		return render_tokens(r, 400, v);
	}
	st = apitoken_create(r->a, r->db, r->user->org_id, r->user->id,
	    req_field(r, "name")->text, expires_days(r), page_form_id_sent(r),
	    &token, &id);
	if (st != ST_OK)
		return st;
	/* Sent twice: this page replaced the one with the token. */
	if (token == NULL)
		return resp_redirect(r, "/admin/tokens?done=created-twice");
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    "api_token_created", event_with(r->a, arena_printf(r->a,
	    "{\"token_id\":%lld}", id), "name", req_field(r, "name")->text),
	    r->ip);
	view_set_str(v, "new_token", token);
	view_set_str(v, "new_token_name", req_field(r, "name")->text);
	page_set_form_id(r, v, 0);	/* for another token */
	r->no_store = 1;
	return render_tokens(r, 200, v);
}

enum status
admin_token_revoke(struct req *r)
{
	const char	*name;
	long long	 id;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = apitoken_revoke(r->a, r->db, r->user->org_id, id, &name)) !=
	    ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    "api_token_revoked", event_with(r->a, arena_printf(r->a,
	    "{\"token_id\":%lld}", id), "name", name), r->ip);
	return resp_redirect(r, "/admin/tokens?done=revoked");
}

/* GET /admin/tokens/:id/revoke: what it does, asked before it is done. */
enum status
admin_token_revoke_confirm(struct req *r)
{
	struct apitoken	 t;
	struct confirm	 c;
	long long	 id;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = apitoken_get(r->a, r->db, r->user->org_id, id, &t)) != ST_OK)
		return st;
	if (t.revoked)
		return resp_redirect(r, "/admin/tokens");
	c.title = arena_printf(r->a, "Revoke the API token \u201c%s\u201d?",
	    t.name);
	c.text = arena_printf(r->a, "Scripts that use it (it starts with"
	    " %s\u2026, made by %s) are refused from now on. A revoked token"
	    " cannot be used again: make a new one where one is needed.",
	    t.prefix, t.owner);
	c.action = arena_printf(r->a, "/admin/tokens/%lld/revoke", id);
	c.button = "Revoke the token";
	c.back = "/admin/tokens";
	return page_confirm(r, "tokens", &c);
}

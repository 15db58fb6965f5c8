/* page.c: what pages share: who is signed in, navigation, CSRF, forms. */
#include <stdlib.h>
#include <string.h>

#include "core/adaptive.h"
#include "lib/crypto.h"
#include "handlers.h"
#include "router.h"

struct view *
page_view(struct req *r, const char *title, const char *nav)
{
	struct view	*v = view_map(r->a);
	struct view	*u, *n;
	int		 candidate = strcmp(r->path, "/c") == 0 ||
			    strncmp(r->path, "/c/", 3) == 0 ||
			    strncmp(r->path, "/i/", 3) == 0;

	view_set_str(v, "title", title);
	/*
	 * The brand leads home: a candidate's is the interview, not the
	 * staff's sign-in page, which an error page does not offer them
	 * either.
	 */
	view_set_str(v, "home_url", candidate ? "/c" : r->user != NULL ?
	    "/admin" : "/");
	view_set_bool(v, "candidate_page", candidate);
	/* Whose interview it is: the invitation said so, the page does too. */
	if (candidate && r->candidate_org != NULL)
		view_set_str(v, "candidate_org", r->candidate_org);
	view_set_str(v, "static_v", r->app->static_version);
	if (r->csrf != NULL)
		view_set_str(v, "csrf", r->csrf);
	if (r->user != NULL && !r->api) {
		u = view_map(r->a);
		view_set_str(u, "email", r->user->email);
		view_set_str(u, "name", *r->user->name ? r->user->name : r->user->email);
		view_set_str(u, "role", r->user->role);
		view_set_str(u, "org", r->user->org_name);
		view_set_bool(u, "is_admin", strcmp(r->user->role, "admin") == 0);
		view_set(v, "user", u);
	}
	if (nav != NULL) {
		n = view_map(r->a);
		view_set_bool(n, nav, 1);
		view_set(v, "nav", n);
	}
	return v;
}

/* The form of the page shown again (the 400 of a POST): why is in v. */
struct view *
page_form_again(struct req *r, const char *title, const char *nav,
    const char *field, const char *msg)
{
	struct view	*v = page_view(r, title, nav);

	page_form_values(r, v);
	if (field != NULL) {
		view_set_str(v, arena_printf(r->a, "%s_error", field), msg);
		view_set_bool(v, "has_errors", 1);
	}
	return v;
}

void
page_mark(struct req *r, struct view *v, const char *field, const char *msg)
{
	if (req_field(r, field)->err != NULL)
		return;
	view_set_str(v, arena_printf(r->a, "%s_error", field), msg);
	view_set_bool(v, "has_errors", 1);
}

void
page_form_values(struct req *r, struct view *v)
{
	const struct field	*f;
	const struct field_val	*fv;

	if (r->route == NULL || (f = router_fields(r->route)) == NULL ||
	    r->fields == NULL)
		return;
	for (fv = r->fields; f->name != NULL; f++, fv++) {
		if (f->type != F_PASSWORD)
			view_set_str(v, f->name, fv->text);
		if (fv->err != NULL)
			view_set_str(v, arena_printf(r->a, "%s_error", f->name), fv->err);
	}
	view_set_bool(v, "has_errors", r->fields_st != ST_OK);
}

const char *
page_form_id_sent(struct req *r)
{
	const struct field_val	*f = req_field(r, "form_id");

	return f != NULL && f->err == NULL ? form_use_id(f->text) : NULL;
}

void
page_set_form_id(struct req *r, struct view *v, int keep)
{
	const char	*sent = keep ? page_form_id_sent(r) : NULL;

	view_set_str(v, "form_id", sent != NULL ? sent :
	    crypto_token(r->a, 16));
}

int
page_number(struct req *r)
{
	const char	*v = params_val(&r->query, "page");
	char		*end;
	long		 n;

	if (v == NULL)
		return 1;
	n = strtol(v, &end, 10);
	return *v != '\0' && *end == '\0' && n >= 1 && n <= 100000 ? (int)n : 1;
}

void
page_set_pager(struct req *r, struct view *v, const char *base, int page,
    int more, size_t shown)
{
	const char	*sep = strchr(base, '?') != NULL ? "&" : "?";
	int		 past_end = shown == 0 && page > 1;

	view_set_int(v, "page", page);
	/* Past the end, the page before may be too: only "the first page". */
	view_set_bool(v, "past_end", past_end);
	if (past_end)
		return;
	if (page > 1)
		view_set_str(v, "prev_url", arena_printf(r->a, "%s%spage=%d",
		    base, sep, page - 1));
	if (more)
		view_set_str(v, "next_url", arena_printf(r->a, "%s%spage=%d",
		    base, sep, page + 1));
	view_set_bool(v, "paged", page > 1 || more);
}

struct view *
page_options(struct req *r, const char *const (*tab)[2], size_t n,
    const char *selected)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_str(e, "value", tab[i][0]);
		view_set_str(e, "label", tab[i][1]);
		view_set_bool(e, "selected", selected != NULL &&
		    strcmp(selected, tab[i][0]) == 0);
		view_push(list, e);
	}
	return list;
}

enum status
page_set_roles(struct req *r, struct view *v, const char *selected)
{
	struct adaptive_role	*roles;
	struct view		*list = view_list(r->a), *e;
	size_t			 n, i;
	enum status		 st;

	st = adaptive_roles(r->a, r->db, r->user->org_id, &roles, &n);
	if (st != ST_OK)
		return st;
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_str(e, "slug", roles[i].slug);
		view_set_str(e, "name", roles[i].name);
		view_set_count(e, "nquestions", roles[i].nquestions,
		    "question", "questions");
		view_set_bool(e, "selected", selected != NULL &&
		    strcmp(selected, roles[i].slug) == 0);
		view_push(list, e);
	}
	view_set(v, "roles", list);
	return ST_OK;
}

enum status
page_form_expired(struct req *r)
{
	r->error_title = "Form expired";
	r->error_detail = "This form has expired or did not come from this"
	    " site. Go back, reload the page and try again.";
	return ST_DENIED;
}

enum status
page_confirm(struct req *r, const char *nav, const struct confirm *c)
{
	struct view	*v = page_view(r, c->title, nav);

	view_set_str(v, "confirm_title", c->title);
	view_set_str(v, "confirm_text", c->text);
	view_set_str(v, "confirm_action", c->action);
	view_set_str(v, "confirm_button", c->button);
	view_set_str(v, "confirm_back", c->back);
	return resp_render(r, 200, "admin/confirm", v);
}

/* page.c: the values every page's layout needs: who is signed in, navigation, CSRF. */
#include <string.h>

#include "handlers.h"
#include "router.h"

struct view *
page_view(struct req *r, const char *title, const char *nav)
{
	struct view	*v = view_map(r->a);
	struct view	*u, *n;

	view_set_str(v, "title", title);
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

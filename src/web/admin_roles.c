/* admin_roles.c: the roles questions are filed under: viva's and the org's own. */
#include <string.h>

#include "core/event.h"
#include "core/role.h"
#include "handlers.h"

const struct field role_fields[] = {
	{ "slug",		F_LINE,	1, 40,   FIELD_REQUIRED, NULL },
	{ "name",		F_LINE,	1, 100,  FIELD_REQUIRED, NULL },
	{ "skill_areas",	F_LINE,	1, 1100, FIELD_REQUIRED, NULL },
	/* The page's random id: the form sent twice adds one role. */
	{ "form_id",		F_TEXT,	0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* An org role's edit form: the slug stays, as questions name the role by it. */
const struct field role_edit_fields[] = {
	{ "name",		F_LINE,	1, 100,  FIELD_REQUIRED, NULL },
	{ "skill_areas",	F_LINE,	1, 1100, FIELD_REQUIRED, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const char shipped_detail[] = "Roles shipped with viva are"
    " read-only; add a role of your own to change its skill areas.";

static const char *const done_messages[][2] = {
	{ "created", "The role was added: questions can be filed under it." },
	{ "archived", "The role was archived: new questions cannot use it." },
	{ "unarchived", "The role is back in use." },
	{ "changed", "The role was saved; adaptive interviews cover its skill"
	    " areas as they are now." },
	/* The add form sent twice (admin_role_create). */
	{ "created-twice", "The form was sent twice; the role was added"
	    " once." },
};

static struct view *
roles_view(struct req *r, const struct role *ro, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "id", ro[i].id);
		view_set_str(e, "slug", ro[i].slug);
		view_set_str(e, "name", ro[i].name);
		view_set_str(e, "skill_areas", ro[i].skill_areas_text);
		view_set_int(e, "n_questions", ro[i].n_questions);
		view_set_bool(e, "shipped", ro[i].org_id == 0);
		view_set_bool(e, "archived", ro[i].archived);
		view_push(list, e);
	}
	return list;
}

/* The page, with the add form f (values and errors). */
static enum status
render(struct req *r, int code, struct view *f)
{
	struct view	*v = page_view(r, "Roles", "questions");
	const char	*done = params_val(&r->query, "done");
	struct role	*ro;
	size_t		 n, i;
	enum status	 st;

	if ((st = role_list(r->a, r->db, r->user->org_id, 1, &ro, &n)) != ST_OK)
		return st;
	view_set(v, "roles", roles_view(r, ro, n));
	/* The one sent, for the form again: nothing was added with it. */
	page_set_form_id(r, f, 1);
	view_set(v, "form", f);
	for (i = 0; done != NULL && i < NITEMS(done_messages); i++)
		if (strcmp(done, done_messages[i][0]) == 0)
			view_set_str(v, "flash", done_messages[i][1]);
	return resp_render(r, code, "admin/roles", v);
}

/* GET /admin/roles */
enum status
admin_roles(struct req *r)
{
	return render(r, 200, view_map(r->a));
}

/* Each message of errs beside its field, unless the field has its own. */
static void
mark(struct req *r, struct view *f, const char *const errs[RF__MAX])
{
	size_t	i;

	for (i = 0; i < RF__MAX; i++)
		if (errs[i] != NULL)
			page_mark(r, f, role_field_names[i], errs[i]);
	view_set_bool(f, "has_errors", 1);
}

/* POST /admin/roles */
enum status
admin_role_create(struct req *r)
{
	const char	*errs[RF__MAX];
	struct view	*f = view_map(r->a);
	long long	 id;
	int		 repeated;
	enum status	 st;

	page_form_values(r, f);
	if (r->fields_st != ST_OK) {
		/* The role's own rules too, beside the fields without an error. */
		(void)role_check(r->a, req_field(r, "slug")->text,
		    req_field(r, "name")->text,
		    req_field(r, "skill_areas")->text, errs);
		mark(r, f, errs);
		return render(r, 400, f);
	}
	st = role_create_once(r->a, r->db, page_form_id_sent(r),
	    r->user->org_id, req_field(r, "slug")->text,
	    req_field(r, "name")->text, req_field(r, "skill_areas")->text, errs,
	    &id, &repeated);
	if (st == ST_INVALID) {
		mark(r, f, errs);
		return render(r, 400, f);
	}
	if (st != ST_OK)
		return st;
	/* The first submit's answer was replaced by this one: say so. */
	if (repeated)
		return resp_redirect(r, "/admin/roles?done=created-twice");
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, "role_created", arena_printf(r->a,
	    "{\"role_id\":%lld}", id), r->ip);
	return resp_redirect(r, "/admin/roles?done=created");
}

static enum status
set_archived(struct req *r, int archived)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	st = role_set_archived(r->a, r->db, r->user->org_id, id, archived);
	if (st == ST_NOTFOUND)
		r->error_detail = "There is no role of your organisation with"
		    " that id. Roles shipped with viva cannot be archived.";
	if (st != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, archived ? "role_archived" : "role_unarchived",
	    arena_printf(r->a, "{\"role_id\":%lld}", id), r->ip);
	return resp_redirect(r, archived ? "/admin/roles?done=archived" :
	    "/admin/roles?done=unarchived");
}

/* POST /admin/roles/:id/archive */
enum status
admin_role_archive(struct req *r)
{
	return set_archived(r, 1);
}

/* POST /admin/roles/:id/unarchive */
enum status
admin_role_unarchive(struct req *r)
{
	return set_archived(r, 0);
}

/* The edit page of role ro, f carrying the form's values and errors. */
static enum status
render_edit(struct req *r, int code, const struct role *ro, struct view *f)
{
	struct view	*v = page_view(r, "Edit role", "questions");

	view_set_int(v, "id", ro->id);
	view_set_str(v, "slug", ro->slug);
	view_set_str(v, "role_name", ro->name);
	view_set_int(v, "n_questions", ro->n_questions);
	view_set(v, "form", f);
	return resp_render(r, code, "admin/role_edit", v);
}

/* The org's own role in *ro; a shipped one is refused, saying why. */
static enum status
own_role(struct req *r, struct role *ro)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	st = role_get(r->a, r->db, r->user->org_id, id, ro);
	if (st == ST_NOTFOUND)
		r->error_detail = "There is no role with that id in your"
		    " organisation.";
	if (st == ST_OK && ro->org_id == 0) {
		r->error_detail = shipped_detail;
		r->error_link = "/admin/roles";
		r->error_link_text = "Back to the roles";
		return ST_DENIED;
	}
	return st;
}

/* GET /admin/roles/:id/edit */
enum status
admin_role_edit(struct req *r)
{
	struct view	*f = view_map(r->a);
	struct role	 ro;
	enum status	 st;

	if ((st = own_role(r, &ro)) != ST_OK)
		return st;
	view_set_str(f, "name", ro.name);
	view_set_str(f, "skill_areas", ro.skill_areas_text);
	return render_edit(r, 200, &ro, f);
}

/* POST /admin/roles/:id: a new name and skill areas, the slug kept. */
enum status
admin_role_update(struct req *r)
{
	const char	*errs[RF__MAX];
	const char	*name = req_field(r, "name")->text;
	const char	*skills = req_field(r, "skill_areas")->text;
	struct view	*f = view_map(r->a);
	struct role	 ro;
	enum status	 st;

	if ((st = own_role(r, &ro)) != ST_OK)
		return st;
	page_form_values(r, f);
	if (r->fields_st != ST_OK) {
		/* The role's own rules too, beside the fields without an error. */
		(void)role_check(r->a, ro.slug, name, skills, errs);
		mark(r, f, errs);
		return render_edit(r, 400, &ro, f);
	}
	st = role_update(r->a, r->db, r->user->org_id, ro.id, name, skills,
	    errs);
	if (st == ST_INVALID) {
		mark(r, f, errs);
		return render_edit(r, 400, &ro, f);
	}
	if (st != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, "role_changed", event_with(r->a, arena_printf(r->a,
	    "{\"role_id\":%lld}", ro.id), "name", name), r->ip);
	return resp_redirect(r, "/admin/roles?done=changed");
}

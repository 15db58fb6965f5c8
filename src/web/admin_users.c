/* admin_users.c: the org's users: list, add, edit, disable, enable, reset. */
#include <stdio.h>
#include <string.h>

#include "core/event.h"
#include "lib/crypto.h"
#include "lib/url.h"
#include "handlers.h"

const struct field user_fields[] = {
	{ "email",	F_EMAIL,	3, 254, FIELD_REQUIRED, NULL },
	{ "name",	F_LINE,		0, 200, 0, NULL },
	{ "role",	F_ENUM,		0, 0,   FIELD_REQUIRED, "interviewer|admin" },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* A user's name and role, changed on their edit page. */
const struct field user_edit_fields[] = {
	{ "name",	F_LINE,		0, 200, 0, NULL },
	{ "role",	F_ENUM,		0, 0,   FIELD_REQUIRED, "interviewer|admin" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const char last_admin[] = "The organisation needs an active admin:"
    " make another user an admin first, then change this one.";
static const char last_admin_me[] = "You are the organisation's last active"
    " admin: make another user an admin first, or nobody could manage users"
    " and settings.";

/* Users a page: an org's whole team, mostly, on one. */
#define USERS_PER_PAGE	100

static const char *const done_messages[][2] = {
	{ "disabled", "The user was disabled and signed out everywhere." },
	{ "enabled", "The user can sign in again." },
	{ "changed", "The user's name and role were saved." },
	/* The add form sent twice (admin_user_add). */
	{ "added-twice", "The form was sent twice; the user was added once."
	    " Their password was shown only on the first page: if you did not"
	    " copy it, use Reset password beside them." },
};

static struct view *
users_view(struct req *r, const struct user *u, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "id", u[i].id);
		view_set_str(e, "email", u[i].email);
		view_set_str(e, "name", u[i].name);
		view_set_str(e, "role", u[i].role);
		view_set_bool(e, "disabled", u[i].disabled);
		view_set_bool(e, "is_me", u[i].id == r->user->id);
		view_set_str(e, "created_at", u[i].created_at);
		view_push(list, e);
	}
	return list;
}

/* The users page, with v carrying a form being corrected or a secret to show once. */
static enum status
render_users(struct req *r, int code, struct view *v)
{
	struct user	*u;
	const char	*done = params_val(&r->query, "done");
	size_t		 n, i;
	int		 page = page_number(r), more;
	enum status	 st;

	if ((st = user_page(r->a, r->db, r->user->org_id, page, USERS_PER_PAGE,
	    &u, &n, &more)) != ST_OK)
		return st;
	view_set(v, "users", users_view(r, u, n));
	page_set_pager(r, v, "/admin/users", page, more, n);
	for (i = 0; done != NULL && i < NITEMS(done_messages); i++)
		if (strcmp(done, done_messages[i][0]) == 0)
			view_set_str(v, "flash", done_messages[i][1]);
	return resp_render(r, code, "admin/users", v);
}

enum status
admin_users(struct req *r)
{
	struct view	*v = page_view(r, "Users", "users");

	view_set_str(v, "role", "interviewer");
	page_set_form_id(r, v, 0);
	return render_users(r, 200, v);
}

/*
 * Shows a generated password once, on the response to the POST that made
 * it: a new user's (added), else a reset one.
 */
static enum status
show_password(struct req *r, const char *email, const char *password,
    int added, const char *note)
{
	struct view	*v = page_view(r, "Users", "users");

	if (note != NULL)
		view_set_str(v, "secret_note", note);
	view_set_str(v, "secret_email", email);
	view_set_str(v, "secret_password", password);
	view_set_bool(v, "secret_added", added);
	view_set_str(v, "role", "interviewer");
	page_set_form_id(r, v, 0);	/* for another user */
	r->no_store = 1;
	return render_users(r, 200, v);
}

/*
 * An account event's detail: which user, by id and by the email the
 * timeline shows (an admin's record of staff accounts, not a candidate's
 * data); role when it is news.
 */
static const char *
user_detail(struct req *r, long long id, const char *email, const char *role)
{
	const char	*d;

	d = event_with(r->a, arena_printf(r->a, "{\"user_id\":%lld}", id),
	    "email", email);
	return role != NULL ? event_with(r->a, d, "role", role) : d;
}

enum status
admin_user_add(struct req *r)
{
	struct view	*v;
	const char	*email = req_field(r, "email")->text;
	char		*pw;
	long long	 id;
	int		 repeated;
	enum status	 st;

	if (r->fields_st == ST_OK) {
		pw = crypto_password_generate(r->a);
		st = user_create_once(r->a, r->db, page_form_id_sent(r),
		    r->user->org_id, email, req_field(r, "name")->text,
		    req_field(r, "role")->text, pw, &id, &repeated);
		/* Sent twice: this page replaced the one with the password. */
		if (st == ST_OK && repeated)
			return resp_redirect(r, "/admin/users?done=added-twice");
		if (st == ST_OK) {
			(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
			    r->user->email, "user_added", user_detail(r, id,
			    email, req_field(r, "role")->text), r->ip);
			return show_password(r, email, pw, 1, NULL);
		}
		if (st != ST_CONFLICT)
			return st;
	}
	v = page_view(r, "Users", "users");
	page_form_values(r, v);
	page_set_form_id(r, v, 1);	/* nothing was added with it */
	view_set_bool(v, "role_is_admin",
	    strcmp(req_field(r, "role")->text, "admin") == 0);
	if (r->fields_st == ST_OK) {
		view_set_str(v, "email_error", "A user with this email already exists.");
		view_set_bool(v, "has_errors", 1);
	}
	return render_users(r, 400, v);
}

static enum status
set_disabled(struct req *r, int disabled)
{
	struct user	u;
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	if (id == r->user->id) {
		r->error_detail = "You cannot disable your own account.";
		return ST_INVALID;
	}
	if ((st = user_get(r->a, r->db, r->user->org_id, id, &u)) != ST_OK ||
	    (st = user_set_disabled(r->a, r->db, r->user->org_id, id,
	    disabled)) != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    disabled ? "user_disabled" : "user_enabled",
	    user_detail(r, id, u.email, NULL), r->ip);
	return resp_redirect(r, disabled ? "/admin/users?done=disabled" :
	    "/admin/users?done=enabled");
}

enum status
admin_user_disable(struct req *r)
{
	return set_disabled(r, 1);
}

enum status
admin_user_enable(struct req *r)
{
	return set_disabled(r, 0);
}

enum status
admin_user_reset(struct req *r)
{
	struct user	 u;
	long long	 id;
	long		 revoked;
	char		*pw;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = user_get(r->a, r->db, r->user->org_id, id, &u)) != ST_OK)
		return st;
	pw = crypto_password_generate(r->a);
	st = user_reset_password(r->a, r->db, r->user->org_id, id, pw, &revoked);
	if (st != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    "password_reset", user_detail(r, id, u.email, NULL), r->ip);
	if (id == r->user->id) {
		/* Our own sessions ended with the reset; this page still shows the password. */
		r->csrf = NULL;
	}
	return show_password(r, u.email, pw, 0, revoked > 0 ?
	    arena_printf(r->a, "Their sessions were ended and their %ld API"
	    " token%s revoked.", revoked, revoked == 1 ? " was" : "s were") :
	    "Their sessions were ended.");
}

/* The user of the path's id, in the admin's org. */
static enum status
path_user(struct req *r, long long *id, struct user *u)
{
	enum status	st;

	if ((st = req_arg_id(r, 0, id)) != ST_OK)
		return st;
	return user_get(r->a, r->db, r->user->org_id, *id, u);
}

/*
 * The page that asks before verb ("disable", "reset") is done to user id:
 * title and text say what it does, button does it, Cancel goes back to
 * the users.
 */
static enum status
user_confirm(struct req *r, long long id, const char *verb,
    const char *title, const char *text, const char *button)
{
	struct confirm	c;

	c.title = title;
	c.text = text;
	c.action = arena_printf(r->a, "/admin/users/%lld/%s", id, verb);
	c.button = button;
	c.back = "/admin/users";
	return page_confirm(r, "users", &c);
}

/* GET /admin/users/:id/disable: what it does, asked before it is done. */
enum status
admin_user_disable_confirm(struct req *r)
{
	struct user	 u;
	long long	 id;
	enum status	 st;

	if ((st = path_user(r, &id, &u)) != ST_OK)
		return st;
	if (id == r->user->id) {
		r->error_detail = "You cannot disable your own account.";
		return ST_INVALID;
	}
	if (u.disabled)
		return resp_redirect(r, "/admin/users");
	return user_confirm(r, id, "disable",
	    arena_printf(r->a, "Disable %s?", u.email),
	    "They are signed out at once, and cannot sign in nor use"
	    " their API tokens until an admin enables the account again. The"
	    " interviews they made stay.", "Disable the account");
}

/* GET /admin/users/:id/reset */
enum status
admin_user_reset_confirm(struct req *r)
{
	struct user	 u;
	long long	 id;
	enum status	 st;

	if ((st = path_user(r, &id, &u)) != ST_OK)
		return st;
	return user_confirm(r, id, "reset",
	    arena_printf(r->a, "Reset the password of %s?", u.email),
	    id == r->user->id ? "Your password stops working and every"
	    " session of yours ends, this one too, and your API tokens are"
	    " revoked. The next page shows your new password once." :
	    "Their password stops working, their sessions end and their API"
	    " tokens are revoked. The next page shows the new password once,"
	    " for you to give them.", "Reset the password");
}

/* The edit page of user u, v carrying a form being corrected, if any. */
static enum status
render_edit(struct req *r, int code, const struct user *u, const char *role,
    struct view *v)
{
	view_set_int(v, "id", u->id);
	view_set_str(v, "email", u->email);
	view_set_bool(v, "is_me", u->id == r->user->id);
	view_set_bool(v, "role_is_admin", strcmp(role, "admin") == 0);
	return resp_render(r, code, "admin/user_edit", v);
}

/* GET /admin/users/:id/edit */
enum status
admin_user_edit(struct req *r)
{
	struct view	*v = page_view(r, "Edit user", "users");
	struct user	 u;
	long long	 id;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = user_get(r->a, r->db, r->user->org_id, id, &u)) != ST_OK)
		return st;
	view_set_str(v, "name", u.name);
	view_set_str(v, "role", u.role);
	return render_edit(r, 200, &u, u.role, v);
}

/*
 * POST /admin/users/:id: a new name and role.  Demoting the org's last
 * active admin is refused beside the role; an admin who made themselves an
 * interviewer goes home, the users page being an admin's.
 */
enum status
admin_user_update(struct req *r)
{
	const char	*name = req_field(r, "name")->text;
	const char	*role = req_field(r, "role")->text;
	struct view	*v;
	struct user	 u;
	long long	 id;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = user_get(r->a, r->db, r->user->org_id, id, &u)) != ST_OK)
		return st;
	if (r->fields_st == ST_OK)
		st = user_update(r->a, r->db, r->user->org_id, id, name, role);
	if (r->fields_st == ST_OK && st == ST_OK) {
		(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
		    r->user->email, "user_changed", event_with(r->a,
		    user_detail(r, id, u.email, role), "name", name), r->ip);
		return resp_redirect(r, id == r->user->id &&
		    strcmp(role, "admin") != 0 ? "/admin" :
		    "/admin/users?done=changed");
	}
	if (st != ST_OK && st != ST_CONFLICT)
		return st;
	v = page_view(r, "Edit user", "users");
	page_form_values(r, v);
	if (st == ST_CONFLICT)
		page_mark(r, v, "role", id == r->user->id ? last_admin_me :
		    last_admin);
	return render_edit(r, 400, &u, role, v);
}

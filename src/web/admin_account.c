/* admin_account.c: a signed-in user changes their own password. */
#include <string.h>

#include "core/event.h"
#include "core/session.h"
#include "handlers.h"

#define MIN_PASSWORD	10

const struct field password_fields[] = {
	{ "current_password",	F_PASSWORD, 1, 1024, FIELD_REQUIRED, NULL },
	{ "new_password",	F_PASSWORD, MIN_PASSWORD, 1024, FIELD_REQUIRED, NULL },
	{ "confirm_password",	F_PASSWORD, 1, 1024, FIELD_REQUIRED, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum status
account_password_form(struct req *r)
{
	struct view	*v = page_view(r, "Change password", "password");

	if (params_val(&r->query, "done") != NULL)
		view_set_str(v, "flash", "Your password was changed."
		    " Other sessions were signed out.");
	view_set_int(v, "min", MIN_PASSWORD);
	return resp_render(r, 200, "admin/password", v);
}

static enum status
form_again_code(struct req *r, int code, const char *field, const char *msg)
{
	struct view	*v = page_view(r, "Change password", "password");

	page_form_values(r, v);
	if (field != NULL) {
		view_set_str(v, arena_printf(r->a, "%s_error", field), msg);
		view_set_bool(v, "has_errors", 1);
	}
	view_set_int(v, "min", MIN_PASSWORD);
	return resp_render(r, code, "admin/password", v);
}

static enum status
form_again(struct req *r, const char *field, const char *msg)
{
	return form_again_code(r, 400, field, msg);
}

enum status
account_password_change(struct req *r)
{
	const char	*cur = req_field(r, "current_password")->text;
	const char	*pw = req_field(r, "new_password")->text;
	struct login_from from = auth_login_from(r);
	char		*token, *csrf;
	enum status	 st;

	if (r->fields_st != ST_OK)
		return form_again(r, NULL, NULL);
	if (strcmp(pw, req_field(r, "confirm_password")->text) != 0)
		return form_again(r, "confirm_password", "The two new passwords differ.");
	st = password_recheck(r->a, r->db, r->user, cur, &from);
	if (st == ST_DENIED)
		return form_again(r, "current_password", "This is not your current password.");
	if (st == ST_TOOMANY) {
		r->retry_after_s = LOGIN_WINDOW_MINUTES * 60;
		return form_again_code(r, 429, "current_password", "Too many"
		    " wrong passwords. Wait 15 minutes and try again.");
	}
	if (st != ST_OK)
		return st;
	if ((st = user_set_password(r->a, r->db, r->user->org_id, r->user->id, pw)) != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    "password_changed", NULL, r->ip);
	/* Changing the password ended every session; start a fresh one here. */
	st = session_create(r->a, r->db, r->user->id, r->app->cfg.session_hours,
	    r->ip, r->ua, &token, &csrf);
	if (st != ST_OK)
		return st;
	resp_cookie(r, "viva_session", token, (long)r->app->cfg.session_hours * 3600);
	return resp_redirect(r, "/account/password?done=1");
}

/* admin_settings.c: the org's settings an admin changes: its name, retention. */
#include <string.h>

#include "core/account.h"
#include "core/event.h"
#include "core/retention.h"
#include "handlers.h"

/* The org's name, as the header of every page shows it. */
const struct field org_fields[] = {
	{ "org_name",	F_LINE, 1, 200, FIELD_REQUIRED, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field settings_fields[] = {
	{ "transcript_days",	F_INT, 1, RETENTION_MAX_DAYS, 0, NULL },
	{ "recording_days",	F_INT, 1, RETENTION_MAX_DAYS, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static struct view *
settings_view(struct req *r)
{
	struct view	*v = page_view(r, "Settings", "settings");

	view_set_int(v, "max_days", RETENTION_MAX_DAYS);
	view_set_str(v, "org_name", r->user->org_name);
	return v;
}

static const char *
days_text(struct req *r, int days)
{
	return days > 0 ? arena_printf(r->a, "%d", days) : "";
}

/* The stored retention in v: the form not being corrected shows it. */
static enum status
set_retention(struct req *r, struct view *v)
{
	struct retention_policy	 p;
	enum status		 st;

	if ((st = retention_get(r->a, r->db, r->user->org_id, &p)) != ST_OK)
		return st;
	view_set_str(v, "transcript_days", days_text(r, p.transcript_days));
	view_set_str(v, "recording_days", days_text(r, p.recording_days));
	return ST_OK;
}

enum status
admin_settings(struct req *r)
{
	struct view	*v = settings_view(r);
	const char	*saved = params_val(&r->query, "saved");
	enum status	 st;

	if ((st = set_retention(r, v)) != ST_OK)
		return st;
	if (saved != NULL)
		view_set_str(v, "flash", strcmp(saved, "name") == 0 ?
		    "The organisation was renamed." : "The settings were saved.");
	return resp_render(r, 200, "admin/settings", v);
}

/* POST /admin/settings/org: the org's new name. */
enum status
admin_settings_org(struct req *r)
{
	const char	*name = req_field(r, "org_name")->text;
	struct view	*v;
	enum status	 st;

	if (r->fields_st != ST_OK) {
		v = settings_view(r);
		if ((st = set_retention(r, v)) != ST_OK)
			return st;
		page_form_values(r, v);
		return resp_render(r, 400, "admin/settings", v);
	}
	if (strcmp(name, r->user->org_name) == 0)
		return resp_redirect(r, "/admin/settings?saved=name");
	if ((st = org_rename(r->a, r->db, r->user->org_id, name)) != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    "org_renamed", event_with(r->a, event_with(r->a, NULL, "from",
	    r->user->org_name), "name", name), r->ip);
	return resp_redirect(r, "/admin/settings?saved=name");
}

enum status
admin_settings_save(struct req *r)
{
	struct retention_policy	 p;
	struct view		*v;
	enum status		 st;

	if (r->fields_st != ST_OK) {
		v = settings_view(r);
		page_form_values(r, v);
		return resp_render(r, 400, "admin/settings", v);
	}
	p.transcript_days = (int)req_field(r, "transcript_days")->num;
	p.recording_days = (int)req_field(r, "recording_days")->num;
	if ((st = retention_set(r->a, r->db, r->user->org_id, &p)) != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id, r->user->email,
	    "retention_changed", arena_printf(r->a, "{\"transcript_days\":%d,"
	    "\"recording_days\":%d}", p.transcript_days, p.recording_days), r->ip);
	return resp_redirect(r, "/admin/settings?saved=1");
}

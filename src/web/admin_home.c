/* admin_home.c: the first page after sign-in: the org at a glance and recent activity. */
#include <string.h>

#include "core/event.h"
#include "core/session.h"
#include "handlers.h"

static struct view *
events_view(struct req *r, const struct event *ev, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_str(e, "when", ev[i].created_at);
		view_set_str(e, "actor", ev[i].actor);
		view_set_str(e, "type", event_text(r->a, ev[i].type,
		    ev[i].detail));
		view_set_str(e, "ip", ev[i].ip);
		/* Which interview: "Gave 5000 more tokens" alone says little. */
		if (ev[i].interview_id > 0) {
			view_set_int(e, "interview_id", ev[i].interview_id);
			view_set_str(e, "candidate_name", ev[i].candidate_name);
		}
		view_push(list, e);
	}
	return list;
}

enum status
admin_home(struct req *r)
{
	struct view	*v = page_view(r, "Home", "home");
	struct user	*users;
	struct event	*ev;
	size_t		 nusers, nev, i, admins = 0, disabled = 0;
	int		 admin = strcmp(r->user->role, "admin") == 0;
	enum status	 st;

	if ((st = user_list(r->a, r->db, r->user->org_id, &users, &nusers)) != ST_OK ||
	    (st = event_list(r->a, r->db, r->user->org_id, admin, 15,
	    &ev, &nev)) != ST_OK)
		return st;
	for (i = 0; i < nusers; i++) {
		admins += strcmp(users[i].role, "admin") == 0;
		disabled += users[i].disabled;
	}
	view_set_int(v, "users", (long long)nusers);
	view_set_str(v, "users_word", nusers == 1 ? "user" : "users");
	view_set_int(v, "admins", (long long)admins);
	view_set_str(v, "admins_word", admins == 1 ? "admin" : "admins");
	view_set_int(v, "disabled", (long long)disabled);
	view_set(v, "events", events_view(r, ev, nev));
	view_set_bool(v, "has_events", nev > 0);
	return resp_render(r, 200, "admin/home", v);
}

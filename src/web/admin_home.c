/*
 * admin_home.c: the first page after sign-in: what wants attention now
 * (interviews running, finished ones to review, invites about to run out
 * unopened), the org's interviews by kind, and recent activity.
 */
#include <string.h>

#include "core/analytics.h"
#include "core/event.h"
#include "core/interview.h"
#include "core/overview.h"
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

/* A running interview's clock in words, as the interviews list says it. */
static const char *
time_left(struct req *r, const struct ov_row *o)
{
	const char	*left = analytics_duration(r->a, o->time_left_s);

	if (o->untimed)
		return "No time limit";
	if (strcmp(o->kind, "oneway") == 0)
		return arena_printf(r->a, "%s of the day to answer", left);
	return left;
}

/*
 * One list of the summary as "<name>" (its rows, the extra one dropped),
 * "has_<name>" and "more_<name>": the list of all such interviews links
 * from there.
 */
static enum status
set_list(struct req *r, struct view *v, enum ov_list which, const char *name)
{
	struct view	*list = view_list(r->a), *e;
	struct ov_row	*rows;
	size_t		 n, i;
	enum status	 st;

	if ((st = overview_list(r->a, r->db, r->user->org_id, r->user->id,
	    which, &rows, &n)) != ST_OK)
		return st;
	for (i = 0; i < n && i < OVERVIEW_LIST_MAX; i++) {
		e = view_map(r->a);
		view_set_int(e, "id", rows[i].id);
		view_set_str(e, "candidate_name", rows[i].candidate_name);
		view_set_str(e, "kind", rows[i].kind);
		view_set_str(e, "status", rows[i].status);
		view_set_text(e, "when", rows[i].when);
		if (which == OV_RUNNING)
			view_set_str(e, "time_left", time_left(r, &rows[i]));
		view_push(list, e);
	}
	view_set(v, name, list);
	view_set_bool(v, arena_printf(r->a, "has_%s", name), n > 0);
	view_set_bool(v, arena_printf(r->a, "more_%s", name),
	    n > OVERVIEW_LIST_MAX);
	return ST_OK;
}

/* The org's interviews by kind; *total, of all kinds. */
static enum status
set_counts(struct req *r, struct view *v, long long *total)
{
	struct view	*list = view_list(r->a), *e;
	struct ov_count	*c;
	size_t		 n, i;
	enum status	 st;

	if ((st = overview_counts(r->a, r->db, r->user->org_id, &c, &n)) !=
	    ST_OK)
		return st;
	*total = 0;
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_num(e, "total", c[i].total);
		/* The list's filter for the kind: "oneway" reads "one-way". */
		view_set_str(e, "kind", c[i].kind);
		view_set_str(e, "label", strcmp(c[i].kind, "oneway") == 0 ?
		    "one-way" : c[i].kind);
		view_set_count(e, "running", c[i].running, "running",
		    "running");
		view_set_count(e, "waiting", c[i].waiting, "waiting to start",
		    "waiting to start");
		view_push(list, e);
		*total += c[i].total;
	}
	view_set(v, "kinds", list);
	return ST_OK;
}

/* How many people the org has: an admin's business, as managing them is. */
static enum status
set_people(struct req *r, struct view *v)
{
	struct user_counts	c;
	enum status		st;

	if ((st = user_counts(r->a, r->db, r->user->org_id, &c)) != ST_OK)
		return st;
	view_set_num(v, "users", c.users);
	view_set_str(v, "users_word", c.users == 1 ? "user" : "users");
	view_set_count(v, "admins", c.admins, "admin", "admins");
	view_set_count(v, "disabled", c.disabled, "disabled", "disabled");
	view_set_bool(v, "show_people", 1);
	return ST_OK;
}

/*
 * GET /admin.  Limits run out first, as on the interviews list, so that
 * nothing shows as running whose time is up.  Each list and count walks an
 * index (core/overview.c): the page costs the same at 10,000 interviews.
 */
enum status
admin_home(struct req *r)
{
	struct view	*v = page_view(r, "Home", "home");
	struct event	*ev;
	size_t		 nev;
	long long	 total;
	int		 admin = strcmp(r->user->role, "admin") == 0;
	enum status	 st;

	if ((st = interview_end_spent(r->a, r->db, r->user->org_id)) != ST_OK ||
	    (st = set_counts(r, v, &total)) != ST_OK ||
	    (st = set_list(r, v, OV_RUNNING, "running")) != ST_OK ||
	    (st = set_list(r, v, OV_REVIEW, "review")) != ST_OK ||
	    (st = set_list(r, v, OV_EXPIRING, "expiring")) != ST_OK ||
	    (admin && (st = set_people(r, v)) != ST_OK) ||
	    (st = event_list(r->a, r->db, r->user->org_id, admin, 15,
	    &ev, &nev)) != ST_OK)
		return st;
	view_set_int(v, "review_days", OVERVIEW_REVIEW_DAYS);
	view_set_int(v, "expiring_days", OVERVIEW_EXPIRING_DAYS);
	view_set_bool(v, "no_interviews", total == 0);
	view_set(v, "events", events_view(r, ev, nev));
	view_set_bool(v, "has_events", nev > 0);
	/* An interviewer sees no sign-ins (event_list): say what is shown. */
	view_set_bool(v, "with_accounts", admin);
	return resp_render(r, 200, "admin/home", v);
}

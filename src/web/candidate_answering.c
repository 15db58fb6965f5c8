/*
 * candidate_answering.c: the reply status that the candidate's page, without
 * JavaScript, shows in an <iframe> while a message of theirs is being
 * answered (sent from another tab or device, or before a reload).  The page
 * used to reload itself every 5 s meanwhile, and each reload threw away
 * what was being typed in its boxes; now only this frame reloads, and once
 * the reply is stored it links to it.  (With JavaScript, candidate.js asks
 * /api/v1/candidate/state instead; the frame is in <noscript>.)
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/interview.h"
#include "handlers.h"

/* Often enough to show the reply within moments, and one query each. */
#define ANSWERING_REFRESH_S	3

/* The replies the page had when it was rendered (?replies=N), else -1. */
static long long
replies_shown(const struct req *r)
{
	const char	*s = params_val(&r->query, "replies");
	char		*end;
	long long	 n;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	return errno != 0 || *end != '\0' || n > INT_MAX ? -1 : n;
}

/*
 * GET /c/answering[?replies=N][&all=1]: "answering", refreshing itself,
 * while a message is in flight; then whether a reply came since the page
 * had N, with a link that shows the page again at its latest message
 * (?all=1: the whole conversation, as the page had it).  Framed by the
 * candidate's page only.
 */
enum status
candidate_answering_frame(struct req *r)
{
	const char		*cookie = req_cookie(r, CANDIDATE_COOKIE);
	const char		*all = params_val(&r->query, "all");
	long long		 shown = replies_shown(r);
	struct answering	 ans;
	struct view		*v;
	enum status		 st;

	/* A refusal shows in the frame too, rather than a frame refused. */
	r->framed = 1;
	r->no_store = 1;
	if (cookie == NULL || *cookie == '\0')
		return candidate_not_valid(r);
	st = candidate_answering(r->a, r->db, cookie, &ans);
	if (st == ST_NOTFOUND)
		return candidate_not_valid(r);
	if (st != ST_OK)
		return st;
	v = page_view(r, "Your message", NULL);
	view_set_bool(v, "answering", ans.in_flight > 0);
	view_set_int(v, "refresh_s", ANSWERING_REFRESH_S);
	if (ans.in_flight == 0 && shown >= 0)
		/* Stored with its reply, or its call failed (nothing charged). */
		view_set_bool(v, ans.replies > shown ? "replied" : "unanswered",
		    1);
	/* The link reloads the page: its form's Save draft keeps the boxes. */
	view_set_bool(v, "can_save", ans.active);
	view_set_str(v, "page_href", all != NULL && strcmp(all, "1") == 0 ?
	    "/c/latest?all=1" : "/c/latest");
	return resp_render(r, 200, "candidate/answering", v);
}

/*
 * GET /c/latest[?all=1]: 303 to the page at its latest message, for the
 * frame's link.  A link straight to /c#latest from the page at /c would
 * only scroll the page it is on, which has no reply yet: a redirect makes
 * the browser load the page again.  /c checks the session.
 */
enum status
candidate_latest(struct req *r)
{
	const char	*all = params_val(&r->query, "all");

	return resp_redirect(r, all != NULL && strcmp(all, "1") == 0 ?
	    "/c?all=1#latest" : "/c#latest");
}

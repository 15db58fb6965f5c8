/*
 * conversation.c: an assisted interview's conversation as HTML, for the
 * candidate's page and the interviewer's.
 *
 * Both pages refresh themselves while the interview runs, and most refreshes
 * find no new message.  So each process keeps the rendered section in its
 * fragment cache under the messages' version (their count and last seq),
 * which the page's interview query reads from the same snapshot: a message
 * written by any process makes a new version, and the stale copy is never
 * served.  Messages are append-only; retention deletes them all at once.
 *
 * A long conversation shows its latest messages only, and a link to the
 * whole of it (?all=1): one link, not pages of 100, so that whoever wants
 * the earlier messages gets them in one go, in order, searchable with the
 * browser's find, and the newest ones stay on the page either way.
 */
#include <string.h>

#include "core/budget.h"
#include "core/interview.h"
#include "lib/fragcache.h"
#include "lib/log.h"
#include "lib/markdown.h"
#include "handlers.h"

/*
 * The reply's HTML: as stored (markdown_render's own output), else
 * rendered now and kept for the next view (a cache: failing to keep it
 * only means rendering again).
 */
static const struct html_safe *
message_html(struct req *r, const struct iv_message *m)
{
	const struct html_safe	*h;

	if (m->content_html != NULL)
		return html_safe_trusted(r->a, m->content_html,
		    strlen(m->content_html));
	h = markdown_render(r->a, m->content, strlen(m->content));
	(void)interview_keep_message_html(r->a, r->db, m->id,
	    arena_strndup(r->a, h->p, h->len));
	return h;
}

static struct view *
messages_view(struct req *r, const struct iv_message *m, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "seq", m[i].seq);
		view_set_str(e, "content", m[i].content);
		/* The model writes Markdown; what people typed stays as typed. */
		if (strcmp(m[i].role, "assistant") == 0)
			view_set_html(e, "content_html", message_html(r, &m[i]));
		view_set_bool(e, arena_printf(r->a, "is_%s", m[i].role), 1);
		view_set_num(e, "tokens_in", m[i].tokens_in);
		view_set_num(e, "tokens_out", m[i].tokens_out);
		view_set_str(e, "tokens_word", m[i].tokens_out == 1 ? "token" :
		    "tokens");
		view_set_num(e, "charged", m[i].tokens_in + m[i].tokens_out);
		view_set_int(e, "latency_ms", m[i].latency_ms);
		view_set_str(e, "created_at", m[i].created_at);
		view_set_str(e, "created_iso", m[i].created_iso);
		/* #latest: where the reply status's link leads (no script). */
		view_set_bool(e, "last", i + 1 == n);
		view_push(list, e);
	}
	return list;
}

/*
 * What a page shows of a long conversation: the rest is a link away.  At
 * the 2.4 KB a message averaged in a 1,500-message interview (a 3.6 MB
 * page), 100 make some 240 KB, within what the fragment cache keeps
 * (FRAGCACHE_MAX_BYTES), so the interviewer's refresh every 10 s is served
 * from it; and 50 exchanges are more than anyone scrolls back through
 * while writing the next, so most interviews still show whole.
 */
#define CONVERSATION_LATEST	100

int
interview_conversation_all(struct req *r)
{
	const char	*all = params_val(&r->query, "all");

	return all != NULL && strcmp(all, "1") == 0;
}

/*
 * The messages being answered now, after the conversation.  The
 * interviewer's page reads them on every view; the candidate's only when
 * its interview row says tokens are reserved (candidate.c), and shows the
 * candidate's own message from another tab or device with a plain line.
 */
static void
in_flight_view(struct req *r, struct view *ctx, const struct in_flight *fl,
    size_t nfl, int candidate)
{
	struct view	*list, *e;
	size_t		 i;

	if (nfl == 0)
		return;
	list = view_list(r->a);
	for (i = 0; i < nfl; i++) {
		e = view_map(r->a);
		view_set_str(e, "sent_at", fl[i].sent_at);
		view_set_str(e, "sent_iso", fl[i].sent_iso);
		view_set_str(e, "question", fl[i].question);
		view_set_bool(e, "for_candidate", candidate);
		view_push(list, e);
	}
	view_set(ctx, "in_flight", list);
}

/* Renders the section of m[0..n-1], ctx's links set, into out. */
static enum status
render(struct req *r, struct view *ctx, const struct iv_message *m, size_t n,
    struct buf *out)
{
	enum status	 st;

	view_set(ctx, "messages", messages_view(r, m, n));
	buf_init(out, r->a);
	if ((st = tmpl_render(r->app->tmpl, "candidate/conversation", ctx,
	    out)) != ST_OK)
		log_error("template candidate/conversation failed: %s",
		    status_str(st));
	return st;
}

/*
 * The latest messages, with a link to the earlier ones.  The link is
 * relative (?all=1) because the same copy serves the candidate's page and
 * the interviewer's.
 */
static enum status
render_latest(struct req *r, const struct interview *iv, struct view *ctx,
    struct buf *out)
{
	struct iv_message	*m;
	size_t			 n, total;
	enum status		 st;

	if ((st = interview_messages_latest(r->a, r->db, iv->id,
	    CONVERSATION_LATEST, &m, &n, &total)) != ST_OK)
		return st;
	if (total > n) {
		view_set_count(ctx, "earlier", (long long)(total - n),
		    "earlier message", "earlier messages");
		view_set_num(ctx, "shown", (long long)n);
	}
	return render(r, ctx, m, n, out);
}

/*
 * Every message, asked for now and then and mostly too large for the
 * fragment cache: rendered each time, with the way back to self.
 */
static enum status
render_all(struct req *r, const struct interview *iv, const char *self,
    struct view *ctx, struct buf *out)
{
	struct iv_message	*m;
	size_t			 n;
	enum status		 st;

	if ((st = interview_messages(r->a, r->db, iv->id, &m, &n)) != ST_OK)
		return st;
	if (n > CONVERSATION_LATEST) {
		view_set_num(ctx, "all", (long long)n);
		view_set_num(ctx, "latest", CONVERSATION_LATEST);
		view_set_str(ctx, "latest_href", arena_printf(r->a,
		    "%s#conversation", self));
	}
	return render(r, ctx, m, n, out);
}

enum status
interview_conversation(struct req *r, const struct interview *iv,
    const char *self, const struct in_flight *fl, size_t nfl, int candidate,
    struct view *page)
{
	struct fragment	 f;
	struct buf	 out;
	struct view	*ctx = view_map(r->a);
	enum status	 st;

	in_flight_view(r, ctx, fl, nfl, candidate);
	if (interview_conversation_all(r)) {
		if ((st = render_all(r, iv, self, ctx, &out)) != ST_OK)
			return st;
	} else if (nfl > 0) {
		/* Not kept: the version does not know of messages in flight. */
		if ((st = render_latest(r, iv, ctx, &out)) != ST_OK)
			return st;
	} else if (fragcache_get(iv->id, iv->messages_version, &f)) {
		view_set_html(page, "conversation_html",
		    html_safe_trusted(r->a, f.p, f.len));
		return ST_OK;
	} else {
		if ((st = render_latest(r, iv, ctx, &out)) != ST_OK)
			return st;
		fragcache_put(iv->id, iv->messages_version, out.p, out.len, 0);
	}
	view_set_html(page, "conversation_html",
	    html_safe_trusted(r->a, out.p, out.len));
	return ST_OK;
}

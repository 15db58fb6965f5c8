/* admin_export.c: downloads: one interview as Markdown, JSON or CSV; the list as CSV. */
#include <string.h>

#include <json-c/json.h>

#include "core/analytics.h"
#include "core/export.h"
#include "core/interview.h"
#include "handlers.h"

/* The list CSV stops after this many pages of INTERVIEW_PAGE_SIZE. */
#define LIST_MAX_PAGES	200

static enum status
load(struct req *r, struct interview *iv, struct an_interview *an,
    struct export_data *d)
{
	struct iv_message	*m;
	struct iv_event		*e;
	long long		 id;
	enum status		 st;

	memset(d, 0, sizeof(*d));
	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	st = interview_get(r->a, r->db, r->user->org_id, id, iv);
	if (st == ST_OK)
		st = interview_check_end(r->a, r->db, iv);
	if (st == ST_OK)
		st = analytics_interview(r->a, r->db, r->user->org_id, id, an);
	if (st == ST_OK)
		st = interview_messages(r->a, r->db, id, &m, &d->nmsgs);
	if (st == ST_OK)
		st = interview_events(r->a, r->db, id, &e, &d->nevents);
	if (st != ST_OK)
		return st;
	d->iv = iv;
	d->an = an;
	d->msgs = m;
	d->events = e;
	return ST_OK;
}

/* Content-Disposition for interview-<id>.<ext>: digits only, ASCII. */
static void
attachment(struct req *r, const char *name)
{
	resp_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s\"", name));
	r->no_store = 1;
}

/* GET /admin/interviews/:id/export.md */
enum status
admin_export_md(struct req *r)
{
	struct interview	 iv;
	struct an_interview	 an;
	struct export_data	 d;
	struct buf		 b;
	enum status		 st;

	if ((st = load(r, &iv, &an, &d)) != ST_OK)
		return st;
	buf_init(&b, r->a);
	export_markdown(&b, &d);
	resp_text(r, 200, "text/markdown; charset=utf-8", b.p, b.len);
	attachment(r, arena_printf(r->a, "interview-%lld.md", iv.id));
	return ST_OK;
}

/* GET /admin/interviews/:id/export.json */
enum status
admin_export_json(struct req *r)
{
	struct interview	 iv;
	struct an_interview	 an;
	struct export_data	 d;
	enum status		 st;

	if ((st = load(r, &iv, &an, &d)) != ST_OK)
		return st;
	resp_json(r, 200, export_json(&d));
	attachment(r, arena_printf(r->a, "interview-%lld.json", iv.id));
	return ST_OK;
}

/* GET /admin/interviews/:id/export.csv */
enum status
admin_export_csv(struct req *r)
{
	struct interview	 iv;
	struct an_interview	 an;
	struct export_data	 d;
	struct buf		 b;
	enum status		 st;

	if ((st = load(r, &iv, &an, &d)) != ST_OK)
		return st;
	buf_init(&b, r->a);
	export_csv_messages(&b, &d);
	resp_text(r, 200, "text/csv; charset=utf-8", b.p, b.len);
	attachment(r, arena_printf(r->a, "interview-%lld.csv", iv.id));
	return ST_OK;
}

/* GET /admin/interviews.csv: the list with its filters, every page. */
enum status
admin_export_list_csv(struct req *r)
{
	struct interview	*iv;
	struct iv_filter	 f;
	struct buf		 b;
	size_t			 n, i;
	int			 more = 1;
	enum status		 st;

	interview_filter_from_req(r, &f);
	buf_init(&b, r->a);
	export_csv_interviews_header(&b);
	for (f.page = 1; more && f.page <= LIST_MAX_PAGES; f.page++) {
		st = interview_list(r->a, r->db, r->user->org_id, &f, &iv, &n,
		    &more);
		if (st != ST_OK)
			return st;
		for (i = 0; i < n; i++)
			export_csv_interview_row(&b, &iv[i]);
	}
	resp_text(r, 200, "text/csv; charset=utf-8", b.p, b.len);
	attachment(r, "interviews.csv");
	return ST_OK;
}

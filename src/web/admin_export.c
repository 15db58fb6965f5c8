/* admin_export.c: downloads: one interview as Markdown, JSON or CSV; the list as CSV. */
#include <string.h>

#include <json-c/json.h>

#include "core/analytics.h"
#include "core/export.h"
#include "core/interview.h"
#include "handlers.h"

/* The list CSV reads its rows this many at a time. */
#define LIST_BATCH	500

static enum status
load(struct req *r, struct interview *iv, struct an_interview *an,
    struct adaptive *ad, struct export_data *d)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	st = export_load(r->a, r->db, r->user->org_id, id, iv, an, ad, d);
	d->base_url = r->app->cfg.base_url;
	return st;
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
	struct adaptive		 ad;
	struct export_data	 d;
	struct buf		 b;
	enum status		 st;

	if ((st = load(r, &iv, &an, &ad, &d)) != ST_OK)
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
	struct adaptive		 ad;
	struct export_data	 d;
	enum status		 st;

	if ((st = load(r, &iv, &an, &ad, &d)) != ST_OK)
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
	struct adaptive		 ad;
	struct export_data	 d;
	struct buf		 b;
	enum status		 st;

	if ((st = load(r, &iv, &an, &ad, &d)) != ST_OK)
		return st;
	buf_init(&b, r->a);
	export_csv_messages(&b, &d);
	resp_text(r, 200, "text/csv; charset=utf-8", b.p, b.len);
	attachment(r, arena_printf(r->a, "interview-%lld.csv", iv.id));
	return ST_OK;
}

/*
 * GET /admin/interviews.csv: the list with its filters, every row.  The
 * ids first, then the rows a batch at a time in an arena of their own, so
 * only the CSV itself grows with the org.  (It read the list page by page,
 * each an OFFSET further, and stopped at 200 pages without a word: an org
 * of 24,000 interviews got the newest 10,000, after 4 s.)
 */
enum status
admin_export_list_csv(struct req *r)
{
	struct interview	*iv;
	struct iv_filter	 f;
	struct arena		*batch;
	struct buf		 b;
	long long		*ids;
	size_t			 nids, n, i, j;
	enum status		 st;

	interview_filter_from_req(r, &f);
	st = interview_ids(r->a, r->db, r->user->org_id, &f, &ids, &nids);
	if (st != ST_OK)
		return st;
	buf_init(&b, r->a);
	export_csv_interviews_header(&b);
	batch = arena_new();
	for (i = 0; i < nids && st == ST_OK; i += LIST_BATCH) {
		st = interview_rows(batch, r->db, r->user->org_id, ids + i,
		    nids - i < LIST_BATCH ? nids - i : LIST_BATCH, &iv, &n);
		for (j = 0; st == ST_OK && j < n; j++)
			export_csv_interview_row(&b, &iv[j]);
		arena_reset(batch);
	}
	arena_free(batch);
	if (st != ST_OK)
		return st;
	resp_text(r, 200, "text/csv; charset=utf-8", b.p, b.len);
	attachment(r, "interviews.csv");
	return ST_OK;
}

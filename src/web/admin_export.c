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
    struct adaptive *ad, struct export_data *d)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	return export_load(r->a, r->db, r->user->org_id, id, iv, an, ad, d);
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

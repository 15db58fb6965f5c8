/*
 * admin_recordings.c: the voice answers of an interview, for its org's
 * interviewers: a player per recording on the interview page, the audio
 * itself sent by nginx once this file has checked the org.
 */
#include <string.h>

#include "core/recording.h"
#include "handlers.h"

enum status
admin_recordings_view(struct req *r, struct view *v, const struct interview *iv)
{
	struct recording_row	*rec;
	struct view		*list = view_list(r->a), *e;
	size_t			 n, i;
	enum status		 st;

	if ((st = recording_list(r->a, r->db, iv->org_id, iv->id, &rec, &n)) !=
	    ST_OK)
		return st;
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "n", rec[i].n);
		view_set_str(e, "url", arena_printf(r->a,
		    "/admin/interviews/%lld/recordings/%d", iv->id, rec[i].n));
		view_set_str(e, "seconds", arena_printf(r->a, "%.1f",
		    (double)rec[i].duration_ms / 1000));
		view_set_str(e, "format", rec[i].format);
		view_set_str(e, "transcript", rec[i].transcript);
		view_push(list, e);
	}
	view_set(v, "recordings", list);
	view_set_bool(v, "has_recordings", n > 0);
	return ST_OK;
}

/* GET /admin/interviews/:id/recordings/:n: the voice answer to question n. */
enum status
admin_recording_audio(struct req *r)
{
	struct recording_row	*rec;
	long long		 id, q;
	size_t			 n, i;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = req_arg_id(r, 1, &q)) != ST_OK)
		return st;
	/* The org in the query: another org's interview has no recordings. */
	if ((st = recording_list(r->a, r->db, r->user->org_id, id, &rec, &n)) !=
	    ST_OK)
		return st;
	for (i = 0; i < n; i++)
		if (rec[i].n == q)
			return recording_send(r, rec[i].path, rec[i].encrypted,
			    recording_ctype(rec[i].format, 0));
	return ST_NOTFOUND;
}

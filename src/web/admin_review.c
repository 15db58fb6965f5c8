/*
 * admin_review.c: every reviewer's recommendation of an interview's
 * candidate, whatever its kind, on the interviewer's page of it
 * (templates/admin/recommendation.mustache), and the signed-in
 * interviewer's own form, filled with their own: one-way interviews
 * always, the others once they ended; never a practice interview, nor one
 * its candidate never started (the section says why instead).
 */
#include <string.h>

#include "core/recommend.h"
#include "handlers.h"

const struct field recommend_fields[] = {
	{ "recommendation", F_ENUM, 0, 0,	FIELD_REQUIRED,
	    "strong_yes|yes|no|strong_no" },
	{ "notes",	F_TEXT,	0, 4000,	0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const char *const recommendations[][2] = {
	{ "strong_yes", "Strong yes" },
	{ "yes", "Yes" },
	{ "no", "No" },
	{ "strong_no", "Strong no" },
};

const char review_not_ended[] = "The interview has not ended yet: a"
    " recommendation is given once it has.";

const char *const review_refusals[REC__MAX] = {
	[REC_PRACTICE] = "Practice interviews are not reviewed: the feedback"
	    " went to the candidate.",
	[REC_UNSTARTED] = "The candidate never started this interview, so"
	    " there is nothing to review.",
};

void
admin_review_view(struct req *r, struct view *v, const struct interview *iv,
    const struct review *recs, size_t n)
{
	const struct review *mine;
	struct view	*list = view_list(r->a), *e;
	struct buf	 csv;
	size_t		 i;

	buf_init(&csv, r->a);
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_str(e, "rec_label", recommend_label(
		    recs[i].recommendation));
		view_set_str(e, "reviewer", recommend_reviewer(r->a, &recs[i]));
		view_set_bool(e, "review_mine", recs[i].user_id == r->user->id);
		view_set_str(e, "review_at", arena_strndup(r->a, recs[i].at,
		    16));
		view_set_text(e, "review_notes", recs[i].notes);
		view_push(list, e);
		buf_printf(&csv, "%s%s", i > 0 ? "," : "",
		    recs[i].recommendation);
	}
	view_set_bool(v, "reviewable", 1);
	/* Practice, or never started: the reason instead of the form. */
	view_set_text(v, "rec_closed", review_refusals[recommend_refusal(iv)]);
	view_set(v, "recs", list);
	view_set_bool(v, "has_recs", n > 0);
	/* Several: how they fall, "2 reviews: Strong yes, No". */
	if (n > 1)
		view_set_str(v, "rec_summary", recommend_summary(r->a, csv.p));
	mine = recommend_of(recs, n, r->user->id);
	view_set_bool(v, "recommended_by_me", mine != NULL);
	/* The form's box: one's own notes, or what a refused form had. */
	view_set_str(v, "rec_notes", mine != NULL ? mine->notes : "");
	/* None of one's own yet: "Choose…" picked, no one else's choice. */
	view_set_bool(v, "rec_unchosen", mine == NULL);
	view_set(v, "recommendations", page_options(r, recommendations,
	    NITEMS(recommendations), mine != NULL ? mine->recommendation :
	    ""));
}

enum status
admin_review_report(struct req *r, struct view *v, const struct interview *iv)
{
	const struct review	*recs;
	size_t			 n;
	enum status		 st;

	/*
	 * One-way's comes with its scorecards (admin_oneway_report); a
	 * running one shows none.  One that takes none says why.
	 */
	if (strcmp(iv->kind, "oneway") == 0 ||
	    recommend_refusal(iv) == REC_RUNNING)
		return ST_OK;
	st = recommend_list(r->a, r->db, iv->org_id, iv->id, &recs, &n);
	if (st == ST_OK)
		admin_review_view(r, v, iv, recs, n);
	return st;
}

/* The interview's page again after a refused recommendation: nothing saved. */
static enum status
recommend_again(struct req *r, long long id)
{
	const struct field_val	*rec = req_field(r, "recommendation");
	const struct field_val	*notes = req_field(r, "notes");
	struct view		*v;
	enum status		 st;

	if ((st = admin_interview_page(r, id, "recommend", &v)) != ST_OK)
		return st;
	if (view_get(v, "reviewable") == NULL) {
		r->error_detail = review_not_ended;
		return ST_CONFLICT;
	}
	view_set(v, "recommendations", page_options(r, recommendations,
	    NITEMS(recommendations), rec->err == NULL ? rec->text : NULL));
	view_set_bool(v, "rec_unchosen", rec->err != NULL);
	view_set_str(v, "rec_notes", notes->text);
	if (rec->err != NULL)
		view_set_str(v, "rec_error", rec->err);
	if (notes->err != NULL)
		view_set_str(v, "rec_notes_error", notes->err);
	view_set_bool(v, "has_errors", 1);
	return resp_render(r, 400, "admin/interview", v);
}

void
admin_review_event(struct req *r, long long id, const char *rec,
    const char *was)
{
	/* Both from the field's list: nothing to escape. */
	(void)interview_event(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, id, "recommendation", *was != '\0' ?
	    arena_printf(r->a, "{\"recommendation\":\"%s\",\"was\":\"%s\"}",
	    rec, was) : arena_printf(r->a, "{\"recommendation\":\"%s\"}", rec),
	    r->ip);
}

/*
 * The interview's page again, 409, for a recommendation of one that takes
 * none (a practice interview, one never started): it says why.
 */
static enum status
recommend_refused(struct req *r, long long id, enum rec_refusal why)
{
	struct view	*v;
	enum status	 st;

	if ((st = admin_interview_page(r, id, NULL, &v)) != ST_OK)
		return st;
	view_set_str(v, "refused", arena_printf(r->a, "Your recommendation"
	    " was not saved. %s", review_refusals[why]));
	return resp_render(r, 409, "admin/interview", v);
}

/* POST /admin/interviews/:id/recommendation: the reviewer's own. */
enum status
admin_review_recommend(struct req *r)
{
	const char		*rec = req_field(r, "recommendation")->text;
	const char		*was;
	struct interview	 iv;
	enum rec_refusal	 why;
	long long		 id;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	/* Ended by its clock but not yet marked so: it has ended. */
	if ((st = interview_get(r->a, r->db, r->user->org_id, id, &iv)) !=
	    ST_OK || (st = interview_check_end(r->a, r->db, &iv)) != ST_OK)
		return st;
	/* Whatever the fields: the interview's state refuses them all. */
	why = recommend_refusal(&iv);
	if (review_refusals[why] != NULL)
		return recommend_refused(r, id, why);
	if (why == REC_RUNNING) {
		r->error_detail = review_not_ended;
		return ST_CONFLICT;
	}
	if (r->fields_st != ST_OK)
		return recommend_again(r, id);
	st = recommend_save(r->a, r->db, r->user->org_id, id, r->user->id,
	    rec, req_field(r, "notes")->text, &was);
	if (st == ST_CONFLICT)
		r->error_detail = review_not_ended;
	if (st != ST_OK)
		return st;
	admin_review_event(r, id, rec, was);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/interviews/%lld#recommendation", id));
}

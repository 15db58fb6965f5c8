/* export.h: an interview as Markdown, JSON or CSV, and the list as CSV. */
#ifndef VIVA_EXPORT_H
#define VIVA_EXPORT_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/csv.h"
#include "adaptive.h"
#include "analytics.h"
#include "interview.h"
#include "oneway.h"

struct json_object;

/* Everything an export shows of one interview. */
struct export_data {
	const struct interview		*iv;
	const struct iv_message		*msgs;
	size_t				 nmsgs;
	const struct iv_event		*events;	/* newest first */
	size_t				 nevents;
	const struct an_interview	*an;
	/* When it ended, "YYYY-MM-DD HH:MI:SS" (UTC); "" or NULL: not yet. */
	const char			*ended_at;
	/* Adaptive interviews only (ad NULL otherwise): */
	const struct adaptive		*ad;
	const struct adaptive_question	*qs;
	size_t				 nqs;
	/* One-way interviews only (ow NULL otherwise): */
	const struct oneway		*ow;
	const struct oneway_question	*owq;
	size_t				 nowq;
	/* Every kind: each reviewer's recommendation, oldest first. */
	const struct review		*recs;
	size_t				 nrecs;
	/* The site's address for links in a file; NULL: paths alone. */
	const char			*base_url;
};

/* Fills d (and iv, an) for one interview of the org, adaptive parts included. */
enum status	 export_load(struct arena *, struct db *, long long org_id,
		    long long id, struct interview *iv, struct an_interview *an,
		    struct adaptive *ad, struct export_data *d);

/* A readable transcript with metadata and analytics; plain text, not HTML. */
void		 export_markdown(struct buf *, const struct export_data *);
/* Everything, as a new json-c object (the caller owns it). */
struct json_object *export_json(const struct export_data *);
/*
 * The messages as CSV (RFC 4180: CRLF, fields quoted when needed, quotes
 * doubled; cells starting with = + - @ get a ' in front against formula
 * injection): seq, role, created_at, tokens_in, tokens_out, latency_ms,
 * content.
 */
void		 export_csv_messages(struct buf *, const struct export_data *);
/*
 * A row's last cells in an assisted or adaptive interview's CSV (each row
 * says it, as one-way's do): recommendation (the code every reviewer
 * gave, "mixed", ""), recommendation_notes, recommendations (each
 * reviewer's, "a@x.test: yes; b@x.test: no").
 */
void		 export_csv_recommendation_cells(struct buf *,
		    const struct export_data *);
/* The header row, then one row per interview (export_csv_interview_row). */
void		 export_csv_interviews_header(struct buf *);
void		 export_csv_interview_row(struct buf *, const struct interview *);
/*
 * A list row's last columns, what compares candidates (each empty when
 * there is none): recommendation (the code every reviewer gave, "mixed"),
 * recommendations ("2 reviews: Yes, No"), result (as the list says it),
 * band and average_score (adaptive), average_rating (one-way).
 */
void		 export_csv_interview_result(struct buf *,
		    const struct interview *);
/* The adaptive parts (export_adaptive.c), called by the above when d->ad is set. */
void		 export_adaptive_markdown(struct buf *, const struct export_data *);
struct json_object *export_adaptive_json(const struct export_data *);
/*
 * An adaptive interview's CSV: one row per question instead of messages,
 * with its score, quality and reasons, and on every row the interview's
 * id, candidate, band, its basis and the skill boundaries.
 */
void		 export_adaptive_csv(struct buf *, const struct export_data *);
/*
 * The one-way parts (export_oneway.c): answers, every reviewer's ratings
 * and recommendation.
 */
void		 export_oneway_markdown(struct buf *, const struct export_data *);
struct json_object *export_oneway_json(const struct export_data *);
void		 export_oneway_csv(struct buf *, const struct export_data *);
/*
 * The reviewers' words (export_review.c), each reviewer's recommendation
 * or rating in list[0..n-1]: the reviewers for a single field,
 * "a@x.test; b@x.test"; their notes, one reviewer's as written, several
 * reviewers' each after its email, a blank line between; their values,
 * "a@x.test: 4; b@x.test: 1" or "a@x.test: yes; b@x.test: no".
 */
const char	*export_reviewers_joined(struct arena *,
		    const struct review *, size_t n);
const char	*export_notes_joined(struct arena *, const struct review *,
		    size_t n);
const char	*export_values_joined(struct arena *, const struct review *,
		    size_t n);
/* Markdown: ", by REVIEWER, TIME" and ": notes" when there are some. */
void		 export_md_review_tail(struct buf *, const struct review *);
/* Markdown: "- Recommendation: Yes, by ..." lines, or "none yet". */
void		 export_md_recommendations(struct buf *,
		    const struct review *, size_t n);
/* One reviewer's rating or recommendation as the arrays hold it; the array. */
struct json_object *export_review_json(const struct review *);
struct json_object *export_reviews_json(const struct review *, size_t n);
/*
 * Every kind's "review" object: recommendation (the one every reviewer
 * gave, "mixed", ""), recommendation_notes, recommended_by (joined as
 * above) and recommendations[] (each reviewer's).
 */
struct json_object *export_recommendation_json(struct arena *,
		    const struct review *, size_t n);

/*
 * Text others wrote (a candidate, a model, an interviewer's note) in the
 * Markdown export, where it must not make headings, links or HTML of its
 * own: _text inline, its punctuation backslash-escaped and its lines
 * joined; _block verbatim in a fence longer than any run of backticks in it.
 */
void		 export_md_text(struct buf *, const char *);
void		 export_md_block(struct buf *, const char *);

/*
 * A time "2026-05-01 09:30[:15]" (UTC) as the API and every export write
 * times, "2026-05-01T09:30[:15]Z", in buf of sz bytes; returns buf, or s
 * itself when it is shorter than a time ("" for NULL).
 */
const char	*export_isotime(char *buf, size_t sz, const char *s);
/*
 * Writes every double in this process's JSON (API replies, exports) to 15
 * significant digits: json-c's default 17 showed a percentage of 14.95 as
 * 14.949999999999999.  Call once at start, before any fork.
 */
void		export_json_numbers(void);

#endif

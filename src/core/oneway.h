/*
 * oneway.h: one-way recorded interviews: a fixed list of questions, each
 * answered by a recording (audio or video) the candidate may take again
 * up to max_attempts times before submitting one; each interviewer rates
 * each submitted answer and gives an overall recommendation, their own
 * (a scorecard per reviewer: saving one's own changes no one else's).
 */
#ifndef VIVA_ONEWAY_H
#define VIVA_ONEWAY_H

#include "core/interview.h"
#include "core/recommend.h"
#include "core/provider.h"
#include "core/recording.h"
#include "lib/arena.h"
#include "lib/db.h"
#include "lib/seal.h"
#include "lib/status.h"

#define ONEWAY_MAX_QUESTIONS	50
#define ONEWAY_QUESTION_MAX	4000	/* characters of one question's text */
#define ONEWAY_PREP_MAX		600	/* seconds to prepare for one question */
#define ONEWAY_CHUNK_MAX	(1L << 20)	/* one chunk of a resumable upload */
/* A take's transcript, 'failed', when there was no provider to make one. */
#define ONEWAY_NOT_CONFIGURED	\
	"not transcribed: no speech-to-text provider was configured"

struct oneway_question_new {
	long long	 question_id;	/* from the bank, or 0: written in */
	const char	*body;
	int		 prep_s;
};

struct oneway_new {
	const char	*candidate_name;
	const char	*candidate_email;
	const char	*media;		/* "audio" or "video" */
	int		 answer_s;
	int		 max_attempts;
	int		 expiry_days;
	int		 prep_s;	/* for questions without their own */
	const struct oneway_question_new *q;
	size_t		 nq;
	const char	*form_id;	/* form_use.h; NULL: none */
};

struct oneway {
	const char	*media;
	int		 answer_s;
	int		 max_attempts;
	/* The interview's preparation time; -1: made before it was kept. */
	int		 prep_s;
	/* Every reviewer's recommendation, oldest first (oneway_reviews). */
	const struct review *recs;
	size_t		 nrecs;
};

/* A question with its submitted answer, as both sides see it. */
struct oneway_question {
	int		 n;
	const char	*body;
	int		 prep_s;
	int		 takes;		/* recordings made for it */
	int		 submitted;	/* the submitted attempt, or 0 */
	/* Every reviewer's rating, oldest first (oneway_reviews). */
	const struct review *ratings;
	size_t		 nratings;
	/* The submitted take (or, before submission, the latest one). */
	int		 attempt;	/* 0: none */
	const char	*path;
	const char	*format;
	const char	*ctype;
	long long	 bytes;
	long long	 duration_ms;
	int		 encrypted;
	const char	*transcript;	/* "" if none */
	const char	*transcript_state;	/* "pending", ..., "" if no take */
};

/* One take of a question, as the candidate chooses among them. */
struct oneway_take {
	int		 attempt;
	const char	*path;
	const char	*format;
	const char	*ctype;
	long long	 bytes;
	long long	 duration_ms;
	int		 encrypted;
};

/* What a take is stored with, from the config and the process's key. */
struct oneway_env {
	struct recording_env	 rec;	/* storage_dir, max_bytes, max_seconds */
	const unsigned char	*key;	/* SEAL_KEY_LEN bytes; NULL: stored plain */
	int			 answer_s;	/* the interview's limit; 0: rec's */
	int			 audio_only;	/* the interview's media is audio */
};

/*
 * A take may run this much past the interview's answer limit: the page's
 * recorder stops on a one-second clock, and a container rounds up.
 */
#define ONEWAY_GRACE_S	3

/*
 * Fits env to the interview: its answer limit where that is the tighter
 * one, and its media, for refusals that say what it takes.
 */
void		oneway_env_limit(struct oneway_env *, int answer_s,
		    const char *media);

/* A written line the parser refused: its place among the written ones. */
struct oneway_line_problem {
	size_t		 line;	/* 1-based, blank lines not counted */
	int		 code;	/* -2, -3 or -4, as below */
};

/*
 * Appends the written questions of text (one a line; blank lines skipped;
 * "[90] text" gives that one 90 s to prepare, others get prep) to q[*n..],
 * bodies pointing into a copy in a.  Every line is
 * read: each refused one goes into bad[*nbad..] (up to maxbad) and is left
 * out: -2 when it is longer than ONEWAY_QUESTION_MAX characters, -3 when
 * its "[N]" is out of 0..ONEWAY_PREP_MAX seconds, -4 when it is only its
 * "[N]".  Returns -1 when there were more than max good ones in all, else 0.
 */
int		oneway_parse_questions(struct arena *, const char *text,
		    int prep, struct oneway_question_new *q, size_t max,
		    size_t *n, struct oneway_line_problem *bad, size_t maxbad,
		    size_t *nbad);
/*
 * Makes the interview, its settings and questions; *token shown once.  A
 * repeat of in->form_id: *token NULL, *id the first one's (interview_create).
 */
enum status	oneway_create(struct arena *, struct db *, long long org,
		    long long user, const struct oneway_new *, char **token,
		    long long *id);
/* The settings of one-way interview iv; ST_NOTFOUND if it is not one. */
enum status	oneway_get(struct arena *, struct db *, long long iv,
		    struct oneway *);
/* The questions in order, with their takes; *n may be 0. */
enum status	oneway_questions(struct arena *, struct db *, long long org,
		    long long iv, struct oneway_question **, size_t *n);
/* Every take of question n, oldest first; *count may be 0. */
enum status	oneway_takes(struct arena *, struct db *, long long org,
		    long long iv, int n, struct oneway_take **, size_t *count);
/* The first question not submitted (1-based), or n + 1 when all are. */
int		oneway_current(const struct oneway_question *, size_t n);

/*
 * Checks and stores a take of question n: audio by libsndfile, WebM and
 * MP4 by their structure (lib/webm, lib/mp4), one with pictures only when
 * media is "video" (RR_VIDEO); sealed under env->key, synced
 * and renamed into storage_dir/org-ORG/oneway/.  rec->sha256 and
 * rec->bytes describe the bytes as sent.  ST_INVALID with *why when
 * refused (RR_TOO_LONG: rec->duration_ms its length, for the refusal's
 * words), ST_UNAVAILABLE when the disk was full (logged); nothing is
 * left on disk but a stored file on ST_OK.
 */
enum status	oneway_store(struct arena *, const struct oneway_env *,
		    const char *media, long long org, long long iv, int n,
		    const void *p, size_t len, struct recording *rec,
		    enum recording_refusal *why);
/* A take the disk had no room for, in words for the candidate. */
#define ONEWAY_UNSTORED_TEXT	"The server could not store your" \
	" recording just now, so nothing was kept. Try again later."
/*
 * Why a take was refused, in words for the candidate; rec (or NULL) is
 * the refused take as oneway_store left it, whose length a take too long
 * names beside the limit.
 */
const char	*oneway_refusal_text(struct arena *, const struct oneway_env *,
		    enum recording_refusal, const struct recording *rec);
/*
 * Whether question n may take another recording now: ST_OK, or
 * ST_CONFLICT with *why in words (not the current question, no attempts
 * left, the interview not running).
 */
enum status	oneway_can_record(struct arena *, struct db *,
		    const struct interview *, int n, const char **why);
/*
 * Adds a stored take's row (the next attempt); ST_CONFLICT as above.
 * Claims form_id (form_use.h; NULL: none) with it: a repeat of the form
 * adds nothing and sets *repeated, and the caller discards rec.
 */
enum status	oneway_take_add(struct arena *, struct db *,
		    const struct interview *, int n, const struct recording *,
		    const char *form_id, int *attempt, int *repeated,
		    const char **why);
/*
 * Submits take attempt of question n.  why NULL: it waits 'pending' for
 * oneway_transcript_run; else it will not be transcribed now, and why is
 * its transcript, 'failed' (the interviewer may try again later).  The
 * interview completes with its last question.  ST_CONFLICT when n was
 * submitted or is not the current one.  *done is 1 when that was the last.
 */
enum status	oneway_submit(struct arena *, struct db *,
		    const struct interview *, int n, int attempt,
		    const char *why, int *done);
/* What a transcription reported using (0 when none was made). */
struct oneway_stt_usage {
	int		 input_tokens;
	int		 output_tokens;
	double		 seconds;	/* when billed by the minute */
	int		 made;		/* the provider answered */
};

/*
 * The transcript of a take in *text: ST_OK with the provider's words;
 * ST_UNAVAILABLE when the provider did not answer (worth trying again);
 * ST_INVALID when it never can be (no provider, too large, unreadable).
 * On failure *text says why, for the interviewer.
 */
enum status	oneway_transcribe(struct arena *, const struct oneway_env *,
		    struct provider *, const char *model, const char *language,
		    const struct oneway_question *, const char **text,
		    struct oneway_stt_usage *);
/*
 * A transcription as a settled usage row (model, tokens, cost_micros from
 * the price table), its cost added to interview iv's.
 */
enum status	oneway_charge(struct arena *, struct db *, long long iv,
		    const char *model, const struct oneway_stt_usage *,
		    long long cost_micros);
/*
 * Reviewer user's own rating of question n's answer, and notes: made, or
 * their earlier one replaced; another reviewer's stays as it is.
 * ST_CONFLICT while it has no submitted answer.  *was is the rating it
 * replaced, 0 for a first one.
 */
enum status	oneway_rate(struct arena *, struct db *, long long org,
		    long long iv, int n, long long user, int rating,
		    const char *notes, int *was);
/*
 * Every reviewer's ratings into q[0..n-1] (by question number) and
 * recommendations into ow, each oldest first.
 */
enum status	oneway_reviews(struct arena *, struct db *, long long org,
		    long long iv, struct oneway *ow, struct oneway_question *q,
		    size_t n);
/*
 * The average of the ratings, to two places; 0 when there are none.  As
 * text: "4", "2.5", "3.33".
 */
double		oneway_rating_avg(const struct oneway_question *);
const char	*oneway_rating_text(struct arena *, double);
/*
 * A take's length as measured when it was stored, in seconds to a tenth,
 * for files: "72.4", "3", "0.5" (for people: recording_duration_text).
 */
const char	*oneway_seconds_text(struct arena *, long long ms);

/* A chunked upload in progress. */
struct oneway_upload {
	const char	*id;
	int		 n;
	int		 total_chunks;
	long long	 total_bytes;
	const char	*dir;		/* storage_dir/tmp/up-ID */
};

enum status	oneway_upload_start(struct arena *, struct db *,
		    const struct oneway_env *, const struct interview *,
		    int n, int chunks, long long bytes, const char *ctype,
		    struct oneway_upload *);
/* Interview iv's upload id; ST_NOTFOUND for another's or none. */
enum status	oneway_upload_get(struct arena *, struct db *,
		    const struct oneway_env *, long long iv, const char *id,
		    struct oneway_upload *);
/* Forgets the upload: its row and its chunks. */
void		oneway_upload_drop(struct arena *, struct db *,
		    const struct oneway_upload *);

#endif

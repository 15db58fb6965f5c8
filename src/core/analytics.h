/* analytics.h: what an interview used (tokens, time, cost) and the org's overview. */
#ifndef VIVA_ANALYTICS_H
#define VIVA_ANALYTICS_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* A gap between candidate messages longer than this counts as idle. */
#define ANALYTICS_IDLE_GAP_S	120
#define ANALYTICS_IDLE_GAP_STR	"120"
/* The overview's lists of most and least efficient sessions. */
#define ANALYTICS_TOP		5
#define ANALYTICS_TOP_STR	"5"

struct an_point {
	double		 minute;	/* since the start (or creation) */
	long long	 tokens;	/* cumulative, the charged in + out */
};

struct an_interview {
	int		 messages;	/* all roles */
	int		 user_messages;
	int		 assistant_messages;
	/*
	 * The prompt and reply tokens of every call charged to the budget:
	 * the chat's replies (assistant messages), an adaptive interview's
	 * evaluations and questions, a live voice session; so in + out is
	 * tokens_used.  A candidate's message holds its own size in
	 * tokens_out; that is counted in the prompt of the reply, and not
	 * again here.  Transcriptions are priced, not budgeted: not here.
	 */
	long long	 tokens_in;
	long long	 tokens_out;
	int		 tokens_used;	/* interviews.tokens_used (charged) */
	int		 token_budget;
	double		 budget_pct;	/* tokens_used / token_budget * 100 */
	long long	 limit_s;	/* time limit plus extensions */
	long long	 used_s;	/* clock time used (pauses excluded) */
	long long	 left_s;
	/* Adaptive with no time limit: used_s is the time taken, no clock ran down. */
	int		 untimed;
	/*
	 * Adaptive: questions asked so far and answered; one-way: questions
	 * set and answers submitted; assisted: 0 and 0 (it has messages).
	 */
	int		 questions;
	int		 answers;
	/*
	 * Idle: the gaps longer than ANALYTICS_IDLE_GAP_S between
	 * candidate activity (the start, each candidate message, adaptive
	 * answer or one-way recording, the end or now), capped at used_s;
	 * active = used_s - idle_s.
	 */
	long long	 active_s;
	long long	 idle_s;
	double		 avg_prompt_chars;	/* candidate messages */
	double		 avg_prompt_tokens;
	double		 avg_latency_ms;	/* assistant replies */
	long long	 cost_micros;	/* interviews.cost_micros, else usage */
	struct an_point	*timeline;	/* one point per message, and 0 */
	size_t		 npoints;
	/*
	 * The timeline's extent: minutes from the start to the end (or the
	 * pause, or now while it runs), on the timeline's clock, so that the
	 * quiet after the last message shows; 0 before the start.
	 */
	double		 span_min;
};

/* One interview's figures; ST_NOTFOUND for another org's or none. */
enum status	analytics_interview(struct arena *, struct db *,
		    long long org_id, long long id, struct an_interview *);

struct an_status {
	const char	*status;
	long long	 count;
};

/*
 * Efficiency of a completed session: the share of its token budget it used
 * to finish (tokens_used / token_budget); the lower, the more efficient.
 * Tokens per candidate message are shown beside it.
 */
struct an_session {
	long long	 id;
	const char	*candidate_name;
	const char	*challenge_title;
	int		 tokens_used;
	int		 token_budget;
	double		 budget_pct;
	int		 user_messages;
	double		 tokens_per_message;
};

struct an_org {
	struct an_status *by_status;
	size_t		 nstatus;
	long long	 interviews;
	double		 avg_tokens;
	double		 avg_budget_pct;
	double		 avg_messages;
	double		 avg_latency_ms;
	long long	 cost_micros;
	/* Completed adaptive interviews: how many, questions, answers' score. */
	long long	 adaptive_done;
	long long	 adaptive_practice;	/* of them, practice runs */
	double		 adaptive_avg_answered;
	double		 adaptive_avg_score;	/* composite %, -1: none scored */
	/* Completed one-way interviews: reviewed, ratings, recommendations. */
	long long	 oneway_done;
	long long	 oneway_reviewed;	/* with a recommendation */
	long long	 oneway_ratings;
	double		 oneway_avg_rating;	/* 1-5, 0: none rated */
	struct an_status *oneway_recs;		/* by recommendation, counted */
	size_t		 noneway_recs;
	long long	 sessions;	/* completed sessions to compare */
	/* No row in both: one session alone is in most, and not compared. */
	struct an_session *most;	/* most efficient first */
	size_t		 nmost;
	struct an_session *least;	/* least efficient first */
	size_t		 nleast;
};

enum status	analytics_org(struct arena *, struct db *, long long org_id,
		    struct an_org *);

/*
 * "$0.0123": micros of the currency unit as dollars, rounded to 4 decimals;
 * "under $0.0001" for a cost too small to show, never "$0.0000".
 */
const char	*analytics_usd(struct arena *, long long micros);
/* "1 h 02 min", "4 min 05 s", "0 min 12 s": every page that shows a duration. */
const char	*analytics_duration(struct arena *, long long s);

#endif

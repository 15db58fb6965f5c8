/* budget.h: token reservations: no race takes an interview past its budget. */
#ifndef VIVA_BUDGET_H
#define VIVA_BUDGET_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* Messages a candidate may send per minute. */
#define BUDGET_RATE_PER_MINUTE	6

/* Why a reservation was refused. */
enum budget_refusal {
	BR_NONE,
	BR_NOT_STARTED,
	BR_PAUSED,
	BR_ENDED,
	BR_LOCKED,
	BR_TIME,
	BR_TOKENS,
	BR_RATE,
	BR_REPEATED,	/* the form was sent before: usage_id is its hold */
	BR__MAX
};

struct reservation {
	long long		 usage_id;
	int			 prompt;	/* tokens of the request */
	int			 cap;		/* the longest reply allowed */
	int			 total;		/* prompt + cap, held */
	/* On refusal: */
	enum budget_refusal	 why;
	int			 needs;		/* for BR_TOKENS */
	int			 left;
	int			 own;		/* BR_TOKENS: the message's share of needs */
	/* BR_RATE, or the provider busy: seconds until one may go. */
	int			 retry_s;
	/* assistant_send: the model replied, so a failure after was ours. */
	int			 answered;
};

/*
 * Under the interview's row lock, checks that it is active, unlocked, has
 * time, is under the rate limit, and holds prompt plus a reply cap of at most
 * max_cap (at least min_cap) tokens.  ST_OK: res is filled and the tokens are
 * reserved; ST_CONFLICT: refused, res->why says why; nothing is charged.
 * The hold lasts hold_ms: past it, the caller is taken for dead (killed
 * mid-call) and the tokens go back at the interview's next reservation or
 * at budget_release_abandoned.  form_id (form_use.h; NULL: none) is
 * claimed with the hold: the same form sent again while its hold lives or
 * after it was settled is refused with BR_REPEATED and the first's
 * usage_id; after a release (the call failed) it reserves again.
 * question (NULL: none) is kept on the hold until it is settled or
 * released, for budget_in_flight.
 */
enum status	budget_reserve(struct arena *, struct db *, long long iv,
		    int prompt, int min_cap, int max_cap, const char *model,
		    int hold_ms, const char *form_id, const char *question,
		    struct reservation *res);
/*
 * Waits (polling) until the hold usage_id is settled or released, or has
 * outlived its time, for at most max_ms: the reply to a form sent twice.
 */
enum status	budget_wait(struct arena *, struct db *, long long usage_id,
		    int max_ms);
/* One exchange as it is charged and recorded by budget_settle. */
struct exchange {
	int		 prompt;	/* tokens charged for the request */
	int		 completion;	/* tokens charged for the reply */
	long long	 cost_micros;	/* provider cost, millionths of USD */
	const char	*question;
	int		 question_tokens;
	const char	*reply;
	int		 latency_ms;
	const char	*model;		/* recorded with the reply */
};

/*
 * Charges ex->prompt + ex->completion and the cost, gives back the rest of
 * the reservation and records the exchange as two messages, in one
 * transaction.  The caller keeps the charge within res->total; a provider
 * that reports more is charged what it reports (tokens_used may then pass
 * the budget; the reservation's reply cap makes that a provider bug).
 * ST_UNAVAILABLE, nothing charged or recorded, when the hold was released
 * meanwhile as abandoned.
 */
enum status	budget_settle(struct arena *, struct db *, long long iv,
		    const struct reservation *res, const struct exchange *ex);
/* Gives the reservation back, charging nothing; error goes on the usage row. */
enum status	budget_release(struct arena *, struct db *, long long iv,
		    const struct reservation *res, const char *error);
/* A message whose reply is being written: its hold, still in time. */
struct in_flight {
	const char	*sent_at;	/* HH:MM:SS, UTC */
	const char	*sent_iso;
	const char	*question;
};

/*
 * The interview's messages being answered now, oldest first, in the
 * arena: the holds still reserved and in time that keep their question
 * (budget_reserve).  Settled, the message is in messages; released (the
 * call failed), it was not sent: either way it is no longer here.
 */
enum status	budget_in_flight(struct arena *, struct db *, long long iv,
		    struct in_flight **out, size_t *n);
/* Gives back every hold past its time, in every interview (`viva jobs`);
 * dry: only counts them. */
enum status	budget_release_abandoned(struct arena *, struct db *, int dry,
		    long *released);

#endif

/*
 * realtime.h: what the realtime worker asks of the product: the interview
 * behind a ticket, the model's instructions built from the adaptive
 * engine's state, the model's tool calls run through the same code as the
 * turn-by-turn interview, transcripts and usage stored.  The worker relays
 * bytes; every decision and every row is made here.
 */
#ifndef VIVA_REALTIME_H
#define VIVA_REALTIME_H

#include "core/adaptive.h"
#include "core/interview.h"
#include "lib/arena.h"
#include "lib/config.h"
#include "lib/db.h"
#include "lib/status.h"

/* The interview as a voice session sees it. */
struct realtime_iv {
	struct interview	 iv;
	struct adaptive		 ad;
	int			 n;		/* current question, 0: none */
	const char		*question;	/* its text, "" when none */
	const char		*answer;	/* said to it by voice so far, "" */
	const char		*instructions;	/* for session.update */
};

/*
 * Loads interview id for a voice session: the instructions, and the answer
 * to the current question said in an earlier session (a reconnect goes on
 * with it).  ST_NOTFOUND: no such adaptive interview or voice not offered;
 * ST_CONFLICT: not running.  *why says so in words a candidate can act on.
 */
enum status	 realtime_load(struct arena *, struct db *, long long id,
		    struct realtime_iv *, const char **why);
/*
 * Whether interview id still runs, asked again and again during a voice
 * session: the interviewer may pause or end it, its time or tokens may run
 * out (interview_check_end ends it then).  ST_OK: running; ST_CONFLICT:
 * not running, *ended 0 when paused (it may go on), 1 when it is over.
 */
enum status	 realtime_running(struct arena *, struct db *, long long id,
		    int *ended);
/* The tools the model is given, as a JSON array (static text). */
const char	*realtime_tools_json(void);
/* Stores one side's transcript as a message (role "user" or "assistant"). */
enum status	 realtime_store(struct arena *, struct db *, long long id,
		    const char *role, const char *text);
/* Charges one response.done's usage: a settled usage row and the totals. */
enum status	 realtime_charge(struct arena *, struct db *,
		    const struct config *, long long id, const char *model,
		    int input_tokens, int output_tokens);
/*
 * Runs evaluate_candidate_answer: records answer with the model's
 * evaluation args through the adaptive engine, and returns in *output the
 * JSON text for function_call_output (the decision and the next question,
 * or that the interview is complete, or why it was refused).
 * *complete is set when the interview has ended.
 */
enum status	 realtime_evaluate(struct arena *, struct db *, long long id,
		    const char *answer, const char *args, const char **output,
		    int *complete);
/* Runs end_interview: the interview ends with end_reason "ai". */
enum status	 realtime_end(struct arena *, struct db *, long long id,
		    const char **output);

#endif

/*
 * worker.h: viva-worker's shared types: one struct session per candidate
 * connection, holding the browser's and the provider's WebSocket, the two
 * bounded queues between them, and what barge-in needs to know.
 */
#ifndef VIVA_WORKER_H
#define VIVA_WORKER_H

#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include "lib/clock.h"
#include "lib/config.h"
#include "lib/db.h"
#include "lib/ticket.h"
#include "net.h"

/* A 20 ms frame is 960 bytes; a browser may batch up to 1 s (48,000). */
#define FRAME_MAX		48000
#define AUDIO_BYTES_PER_S	48000	/* PCM16 mono 24 kHz */
/* Bytes queued toward one side before the other side is no longer read. */
#define QUEUE_HIGH		(16 * 1024)	/* 340 ms of binary audio */
#define QUEUE_LOW		(4 * 1024)
/* The largest provider event assembled (audio deltas, transcripts). */
#define PROVIDER_MSG_MAX	(1024 * 1024)
#define BROWSER_MSG_MAX		(FRAME_MAX + 1)
/* How long a side may refuse to read before the session is closed (default). */
#define STALL_SECS		15
/* How long an evaluation waits for the transcript of the turn it judges. */
#define TRANSCRIPT_WAIT_US	3000000
/* How often a live session asks whether its interview still runs (paused, ended, out of time). */
#define CHECK_SECS		10
/* How long the AI may say goodbye once it ended the interview, before the session is closed. */
#define GOODBYE_US		30000000
/* WebSocket close codes the worker sends (RFC 6455 section 7.4.1). */
#define CLOSE_NORMAL		1000
#define CLOSE_GOING_AWAY	1001
/* Database threads, and the jobs each may hold before refusing more. */
#define DBQ_THREADS		2
#define DBQ_THREADS_MAX		8
#define DBQ_MAX			1024

/* Buckets of the sessions-by-interview index: chains of one or two at 500 sessions. */
#define IV_BUCKETS		1024

/* What the browser hears when the provider cannot be reached (browser.c, provider.c). */
#define PROVIDER_UNAVAILABLE	"The AI voice service is not reachable; try" \
	" again, or answer in writing."

/* What a browser hears on a restart (main.c drain, browser.c). */
#define WORKER_DRAINING	"The server is restarting; reconnect with a new" \
	" ticket."

/* One message waiting to be written. */
struct msg {
	struct msg	*next;
	size_t		 len;
	int		 binary;
	int64_t		 t_in;		/* us when it came in, for the histogram */
	unsigned char	 buf[];		/* len */
};

struct queue {
	struct msg	*head, *tail;
	size_t		 bytes;
	size_t		 n;
};

enum session_state {
	SS_REFUSED,	/* ticket or interview refused: error event, then close */
	SS_CONNECTING,	/* waiting for the provider */
	SS_LIVE,	/* relaying */
	SS_CLOSING,	/* one side is gone: flushing the other, then close */
	SS__MAX
};

struct worker;
struct json_object;

struct session {
	struct worker		*w;
	struct session		*prev, *next;
	/* The sessions of one interview share a bucket of worker's by_iv. */
	struct session		*iv_prev, *iv_next;
	enum session_state	 state;
	long long		 iv;		/* 0 until its ticket is checked */
	struct conn		*browser, *provider;
	struct queue		 to_browser, to_provider;
	int			 browser_paused, provider_paused;
	int64_t			 stalled_since;	/* us; 0: not stalled */
	/* Audio the browser may send: a token bucket against faster than real time. */
	double			 credit;
	int64_t			 credit_at, warned_at, ctl_warned_at;
	/* The AI's reply being played, for barge-in; the last one cut short. */
	char			 ai_item[80], cut_item[80];
	int64_t			 ai_first_us;
	size_t			 ai_bytes;
	long long		 played_ms;	/* as the browser reported, -1: none */
	/* What the candidate said since the last evaluation. */
	char			*answer;
	size_t			 answer_len;
	/* Turns committed whose transcript has not come; a call waiting for them. */
	int			 transcribing;
	struct json_object	*held;
	int64_t			 held_at;
	int			 connected;	/* "connected" was said */
	int64_t			 complete_at;	/* "interview.complete" said, us */
	int			 close_code;
	const char		*close_why;
	/* Database jobs not yet handed back: the session outlives them. */
	int			 jobs;
	/* When the interview was last found running; a check is out. */
	int64_t			 checked_at;
	int			 checking;
	char			*instructions;	/* for session.update */
};

/*
 * One database call made off the loop (dbq.c).  The database thread reads
 * the inputs and writes the results; s is touched only on the loop's
 * thread, when done runs.
 */
enum job_kind { J_LOAD, J_STORE, J_CHARGE, J_EVALUATE, J_END, J_CHECK,
    J__MAX };

struct job {
	STAILQ_ENTRY(job) next;
	enum job_kind	 kind;
	struct session	*s;
	void		(*done)(struct session *, struct job *);
	long long	 iv;
	/* Inputs (malloc'd, freed with the job). */
	const char	*role;		/* static: "user", "assistant" */
	char		*text, *args, *call_id;
	int		 in, out;
	/* Results. */
	enum status	 st;
	char		*result;	/* malloc'd: instructions, output */
	char		*answer;	/* malloc'd: a load's answer so far */
	const char	*why;		/* static: why a load was refused */
	int		 complete;
	int64_t		 t_queued;
};

struct dbq;

/* Counters for GET /metrics (Prometheus text). */
enum dir { D_BROWSER_IN, D_BROWSER_OUT, D_PROVIDER_IN, D_PROVIDER_OUT, D__MAX };
#define HIST_BUCKETS	10

struct hist {
	unsigned long long	 b[HIST_BUCKETS + 1];	/* last: +Inf */
	double			 sum;
	unsigned long long	 count;
};

struct metrics {
	unsigned long long	 sessions_total;
	unsigned long long	 frames[D__MAX];
	unsigned long long	 bytes[D__MAX];
	unsigned long long	 refused_ticket, refused_interview;
	unsigned long long	 dropped_bad_frame, dropped_too_fast;
	unsigned long long	 provider_bad_json, provider_unknown;
	unsigned long long	 provider_drops, provider_unreachable;
	unsigned long long	 provider_errors, provider_errors_benign;
	unsigned long long	 replaced;
	unsigned long long	 barge_ins, tool_calls;
	unsigned long long	 stalled;
	unsigned long long	 db_jobs, db_refused, db_unavailable;
	struct hist		 relay;	/* read to written, us */
	struct hist		 db;	/* job queued to result on the loop */
};

/* What the database threads are doing, for /metrics. */
struct dbq_stats {
	int		 threads;
	int		 queued, in_flight;
	unsigned long	 reconnects;
};

/* A ticket that opened a connection, kept until it expires: one use each. */
struct used_ticket {
	char		 text[TICKET_TEXT_LEN + 1];
	long long	 expires;
};

struct worker {
	struct config		 cfg;
	struct dbq		*dbq;
	int			 stall_secs;
	struct net		*net;
	unsigned char		 key[TICKET_KEY_LEN];
	struct session		*sessions;
	int			 nsessions;
	struct session		*by_iv[IV_BUCKETS];	/* by interview id */
	int			 draining;
	struct used_ticket	*used;
	size_t			 nused, capused;
	struct metrics		 m;
	/* The provider's realtime endpoint, parsed from ai_base_url. */
	char			 p_host[256], p_path[512], p_auth[512];
	int			 p_port, p_tls;
};

/* queue.c */
struct msg	*msg_new(size_t len, int binary);
void		 queue_push(struct queue *, struct msg *);
struct msg	*queue_pop(struct queue *);
void		 queue_clear(struct queue *);

/* dbq.c */
int		 dbq_start(struct worker *, int nthreads);
struct job	*job_new(enum job_kind, struct session *,
		    void (*)(struct session *, struct job *));
void		 dbq_submit(struct worker *, struct job *);
void		 dbq_complete(struct worker *);
int		 dbq_idle(struct worker *);
void		 dbq_stop(struct worker *, int64_t until);
void		 dbq_stats(struct worker *, struct dbq_stats *);

/* metrics.c */
void		 metrics_latency(struct metrics *, int64_t us);
void		 metrics_db(struct metrics *, int64_t us);
char		*metrics_render(struct worker *, size_t *len);

/* session.c */
struct session	*session_new(struct worker *, struct conn *browser);
void		 session_maybe_free(struct session *);
void		 session_claim(struct session *, long long iv);
void		 session_event(struct session *, const char *type,
		    const char *code, const char *message);
void		 session_send_browser(struct session *, struct msg *);
void		 session_send_provider(struct session *, struct msg *);
void		 session_flush(struct session *, struct conn *, struct queue *,
		    enum dir);
void		 session_close(struct session *, int code, const char *why);
void		 session_flow(struct session *);
void		 session_answer_add(struct session *, const char *text);
void		 session_db_lost(struct session *);
void		 session_check(struct session *, int64_t now);

/* browser.c */
extern const struct conn_ops browser_ops;
void		 browser_forget_tickets(struct worker *, long long now);

/* provider.c */
int		 provider_parse_url(struct worker *);
int		 provider_connect(struct session *);
void		 provider_send_json(struct session *, struct json_object *);
struct json_object *provider_obj(const char *type);

/* event.c */
void		 event_in(struct session *, const char *text, size_t len);
void		 event_hold_expired(struct session *, int64_t now);

#endif

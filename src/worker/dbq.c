/*
 * dbq.c: the worker's database calls, made off the event loop.  A few
 * threads, each with its own PostgreSQL connection and a bounded FIFO of
 * jobs; a job goes to the thread chosen by its interview id, so one
 * interview's jobs run one at a time and in the order they were made.
 * A finished job goes on the done list and wakes the loop
 * (net_wake); the loop runs its done callback there.  The
 * threads never touch a session: a session lives until its jobs are back
 * (struct session jobs), so a browser that leaves mid-query frees nothing
 * a job still needs.
 *
 * Why threads and not libpq's async API on the loop (STYLE.md section 3):
 * the calls are the same core code viva.fcgi runs (realtime.c, the
 * adaptive engine: several statements in a row-locked transaction), written
 * against the blocking db_query; making each of them a state machine of
 * PQsendQueryParams steps would fork that code.  A thread runs it as is.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "core/realtime.h"
#include "lib/log.h"
#include "worker.h"

/* The most any statement of the worker may take (db_statement_timeout_ms caps it lower). */
#define WORKER_STATEMENT_MS	5000

struct dbt {
	struct dbq	*q;
	pthread_t	 th;
	pthread_cond_t	 cv;
	struct db	*db;
	STAILQ_HEAD(, job) queue;	/* FIFO under q->mu */
	int		 n, busy, started;
	unsigned long	 reconnects;
};

struct dbq {
	pthread_mutex_t	 mu;
	struct net	*net;	/* NULL once the loop is gone */
	const struct config *cfg;
	struct dbt	 t[DBQ_THREADS_MAX];
	int		 nthreads;
	int		 stopping;
	STAILQ_HEAD(jobs, job) done;	/* back to the loop, in order */
};

static void
job_free(struct job *j)
{
	free(j->text);
	free(j->args);
	free(j->call_id);
	free(j->result);
	free(j->answer);
	free(j);
}

struct job *
job_new(enum job_kind kind, struct session *s,
    void (*done)(struct session *, struct job *))
{
	struct job	*j;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		abort();
	j->kind = kind;
	j->s = s;
	j->iv = s->iv;
	j->done = done;
	j->st = ST_INTERNAL;
	return j;
}

/* On a database thread: the call, its results copied out of the arena. */
static void
job_run(struct db *db, const struct config *cfg, struct job *j)
{
	struct arena		*a = arena_new();
	struct realtime_iv	 rt;
	const char		*out = NULL;

	switch (j->kind) {
	case J_LOAD:
		j->st = realtime_load(a, db, j->iv, &rt, &j->why);
		out = j->st == ST_OK ? rt.instructions : NULL;
		if (j->st == ST_OK && (j->answer = strdup(rt.answer)) == NULL)
			abort();
		break;
	case J_STORE:
		j->st = realtime_store(a, db, j->iv, j->role, j->text);
		break;
	case J_CHARGE:
		j->st = realtime_charge(a, db, cfg, j->iv,
		    cfg->ai_realtime_model, j->in, j->out);
		break;
	case J_EVALUATE:
		j->st = realtime_evaluate(a, db, j->iv, j->text != NULL ?
		    j->text : "", j->args, &out, &j->complete);
		break;
	case J_END:
		j->st = realtime_end(a, db, j->iv, &out);
		j->complete = 1;
		break;
	case J_CHECK:
		j->st = realtime_running(a, db, j->iv, &j->complete);
		break;
	default:
		abort();
	}
	if (j->st == ST_OK && out != NULL && (j->result = strdup(out)) == NULL)
		abort();
	arena_free(a);
}

static void
wake_loop(struct dbq *q)
{
	/* Under q->mu: the loop clears net (under it) before destroying it. */
	if (q->net != NULL)
		net_wake(q->net);
}

static void *
thread_main(void *arg)
{
	struct dbt	*t = arg;
	struct dbq	*q = t->q;
	struct job	*j;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (STAILQ_EMPTY(&t->queue) && !q->stopping)
			pthread_cond_wait(&t->cv, &q->mu);
		if ((j = STAILQ_FIRST(&t->queue)) == NULL)
			break;	/* stopping, and nothing left to run */
		STAILQ_REMOVE_HEAD(&t->queue, next);
		t->n--;
		t->busy = 1;
		pthread_mutex_unlock(&q->mu);
		job_run(t->db, q->cfg, j);
		pthread_mutex_lock(&q->mu);
		t->busy = 0;
		t->reconnects = db_reconnects(t->db);
		STAILQ_INSERT_TAIL(&q->done, j, next);
		wake_loop(q);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

static int
thread_start(struct dbq *q, struct dbt *t, const struct config *cfg)
{
	sigset_t	all, old;
	int		rc;

	t->q = q;
	STAILQ_INIT(&t->queue);
	pthread_cond_init(&t->cv, NULL);
	/* A connection that fails now is retried by the first job (db.c). */
	if (db_open(cfg->database_url, &t->db) != ST_OK)
		return -1;
	/*
	 * A live interview cannot wait long for a row lock: the provider is
	 * waiting for the function's output, the candidate for the next
	 * question.  A job cut short reports database_unavailable.
	 */
	db_statement_timeout(t->db, cfg->db_statement_timeout_ms > 0 &&
	    cfg->db_statement_timeout_ms < WORKER_STATEMENT_MS ?
	    cfg->db_statement_timeout_ms : WORKER_STATEMENT_MS);
	/*
	 * Signals are the loop's: its handler sets the flag it reads.  But
	 * SIGSYS, the sandbox's report of a refused call, goes to the thread
	 * that made the call, and a thread blocking it would die of it.
	 */
	sigfillset(&all);
	sigdelset(&all, SIGSYS);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&t->th, NULL, thread_main, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_error("database thread: %s", strerror(rc));
		return -1;
	}
	t->started = 1;
	return 0;
}

/* Opens nthreads connections and starts their threads; -1 if one fails. */
int
dbq_start(struct worker *w, int nthreads)
{
	struct dbq	*q;
	int		 i;

	if ((q = calloc(1, sizeof(*q))) == NULL)
		abort();
	pthread_mutex_init(&q->mu, NULL);
	STAILQ_INIT(&q->done);
	q->net = w->net;
	q->cfg = &w->cfg;
	q->nthreads = nthreads;
	w->dbq = q;
	for (i = 0; i < nthreads; i++)
		if (thread_start(q, &q->t[i], &w->cfg) != 0)
			return -1;
	return 0;
}

/*
 * Hands j to its interview's thread.  A full queue (or a stopping worker)
 * refuses it: it comes back as ST_UNAVAILABLE through the same done path,
 * on a later turn of the loop, never from inside the caller.
 */
void
dbq_submit(struct worker *w, struct job *j)
{
	struct dbq	*q = w->dbq;
	struct dbt	*t;

	if (q == NULL) {	/* stopped: only teardown runs now */
		job_free(j);
		return;
	}
	t = &q->t[(unsigned long long)j->iv % q->nthreads];
	j->s->jobs++;
	j->t_queued = clock_us();
	w->m.db_jobs++;
	pthread_mutex_lock(&q->mu);
	if (t->n < DBQ_MAX && !q->stopping) {
		STAILQ_INSERT_TAIL(&t->queue, j, next);
		t->n++;
		pthread_cond_signal(&t->cv);
	} else {
		w->m.db_refused++;
		j->st = ST_UNAVAILABLE;
		STAILQ_INSERT_TAIL(&q->done, j, next);
		wake_loop(q);
	}
	pthread_mutex_unlock(&q->mu);
}

/* On the loop: runs the done callbacks of finished jobs, in order. */
void
dbq_complete(struct worker *w)
{
	struct dbq	*q = w->dbq;
	struct jobs	 list = STAILQ_HEAD_INITIALIZER(list);
	struct job	*j;
	struct session	*s;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	STAILQ_CONCAT(&list, &q->done);
	pthread_mutex_unlock(&q->mu);
	while ((j = STAILQ_FIRST(&list)) != NULL) {
		STAILQ_REMOVE_HEAD(&list, next);
		s = j->s;
		metrics_db(&w->m, clock_us() - j->t_queued);
		if (j->st == ST_UNAVAILABLE)
			w->m.db_unavailable++;
		/* A closing session only waited for the job to be back. */
		if (s->state != SS_CLOSING)
			j->done(s, j);
		s->jobs--;
		job_free(j);
		session_maybe_free(s);
	}
}

/* Nothing queued, running or waiting for the loop. */
int
dbq_idle(struct worker *w)
{
	struct dbq	*q = w->dbq;
	struct dbq_stats st;
	int		 done;

	if (q == NULL)
		return 1;
	dbq_stats(w, &st);
	pthread_mutex_lock(&q->mu);
	done = !STAILQ_EMPTY(&q->done);
	pthread_mutex_unlock(&q->mu);
	return st.queued == 0 && st.in_flight == 0 && !done;
}

void
dbq_stats(struct worker *w, struct dbq_stats *st)
{
	struct dbq	*q = w->dbq;
	int		 i;

	memset(st, 0, sizeof(*st));
	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	st->threads = q->nthreads;
	for (i = 0; i < q->nthreads; i++) {
		st->queued += q->t[i].n;
		st->in_flight += q->t[i].busy;
		st->reconnects += q->t[i].reconnects;
	}
	pthread_mutex_unlock(&q->mu);
}

/*
 * Stops the threads once their queues are empty, waiting until `until`
 * (us).  A thread still stuck in a query then is left to the process's
 * exit, with its connection: freeing them under it would be worse.
 */
void
dbq_stop(struct worker *w, int64_t until)
{
	struct dbq	*q = w->dbq;
	struct timespec	 ts;
	int		 i, stuck = 0;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	q->stopping = 1;
	q->net = NULL;
	for (i = 0; i < q->nthreads; i++)
		pthread_cond_signal(&q->t[i].cv);
	pthread_mutex_unlock(&q->mu);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (until - clock_us()) / 1000000 + 1;
	for (i = 0; i < q->nthreads; i++) {
		if (!q->t[i].started)
			continue;
		if (pthread_timedjoin_np(q->t[i].th, NULL, &ts) != 0) {
			stuck++;
			continue;
		}
		q->t[i].started = 0;
	}
	if (stuck > 0) {
		log_error("%d database thread%s still in a query at exit;"
		    " their jobs are lost", stuck, stuck == 1 ? "" : "s");
		return;	/* q and the connections stay with the stuck threads */
	}
	dbq_complete(w);	/* anything finished since; sessions are gone */
	for (i = 0; i < q->nthreads; i++) {
		db_close(q->t[i].db);
		pthread_cond_destroy(&q->t[i].cv);
	}
	pthread_mutex_destroy(&q->mu);
	free(q);
	w->dbq = NULL;
}

/*
 * pool.c: pre-forked request processes sharing one listening socket (like
 * kore's workers), grown while some wait on the AI provider.
 *
 * A process streaming a reply is busy for seconds; with a fixed pool, as
 * many candidates waiting on replies as there are processes would stall
 * every other page.  So each process tells the supervisor, through a slot in
 * shared memory and a SIGUSR1, when it starts and stops waiting on another
 * server, and the supervisor keeps `active` processes free of such waits by
 * forking extras, up to `max` in all.  When the waits end and more than
 * `base` are free, surplus extras are marked to retire and exit within
 * EXTRA_LOOK_MS, handing the connections they keep to the others (conns.c).
 * The reserve (below) absorbs the first waits: keeping all of `base` free
 * forked a process, and opened it a database connection, for every message
 * sent to a model, only to retire it a moment later.
 *
 * Of the base processes, only `active` (one per core by default) take every
 * request; the others are a reserve that takes requests only while one of
 * the active ones is stuck: waiting on another server, on one request for
 * RESERVE_AFTER_MS, or gone.  All of them in accept() at once cost a
 * context switch per request more: the kernel wakes them in turn, so each
 * finds the backlog empty and sleeps again (login page at 64 connections
 * on 2 cores: 4.2 switches a request against 2.0, and 13.3k against 18.5k
 * requests a second), where one per core mostly finds work waiting.
 */
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/http.h"
#include "lib/log.h"
#include "conns.h"
#include "metrics.h"
#include "pool.h"

/* A reserve process steps in once an active one is this long on one request. */
#define RESERVE_AFTER_MS	50
#define RESERVE_POLL_MS		10
#define RESERVE_LOOK_MS		50
#define EXTRA_LOOK_MS		500

/* One per process place, shared with the children; each writes only its own. */
struct slot {
	volatile sig_atomic_t	 waiting;	/* in a call to another server */
	volatile sig_atomic_t	 retire;	/* set by the supervisor */
	volatile sig_atomic_t	 up;		/* set by the supervisor: a process is there */
	int64_t			 busy_since;	/* ms (monotonic) into a request, else 0 */
	int64_t			 nudged;	/* the busy_since a reserve nudged */
	pid_t			 pid;		/* set by the supervisor */
};

struct pool {
	int		 active, base, max;
	int		 fd;
	void		(*serve)(int, void *);
	void		*arg;
	struct slot	*slots;		/* max of them, shared */
	pid_t		*kids;		/* 0: a free place */
	time_t		*born;
	sigset_t	 open_mask;	/* the mask outside the supervisor's waits */
};

/*
 * The reserve's doorbell, shared: a process rings it as it starts a request
 * (and the supervisor when a process died), so that a reserve process with
 * every active one idle sleeps on it instead of polling; nothing can get
 * stuck before a request starts.  sleepers counts the reserves asleep, so
 * that a ring makes a system call only when someone is there to wake.
 */
struct bell {
	uint32_t	 seq;		/* the futex word */
	uint32_t	 sleepers;
};

static volatile sig_atomic_t	stopping;
static struct bell		*bell;
static struct slot		*my_slot;	/* in a child: its own */
static const struct slot	*active_slots;	/* in a reserve: the active ones */
static int			 n_active;
static struct slot		*all_slots;	/* in a child: every slot */
static int			 n_slots;
static void			(*wait_hook)(int);
static int			 is_extra;	/* in a child: forked beyond base */
static int			 my_index;	/* in a child: its slot */

void
pool_on_wait(void (*fn)(int waiting))
{
	wait_hook = fn;
}

int
pool_slot(void)
{
	return my_index;
}

/*
 * A reserve on duty looks every RESERVE_LOOK_MS whether it is still needed
 * and whether an active process is stuck; an extra, every EXTRA_LOOK_MS
 * whether it was told to retire (nginx may never send it another request:
 * it keeps its connections to the others); an active one waits for work.
 */
int
pool_look_ms(void)
{
	return active_slots != NULL ? RESERVE_LOOK_MS :
	    is_extra ? EXTRA_LOOK_MS : -1;
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;	/* the loop reads it; nothing else is safe here */
}

static void
on_change(int sig)
{
	(void)sig;	/* only to interrupt waitpid: the loop rebalances */
}

/* The http wait hook of a child: mark the slot and wake the supervisor. */
static void
child_waiting(int waiting)
{
	if (wait_hook != NULL)
		wait_hook(waiting);
	my_slot->waiting = waiting;
	kill(getppid(), SIGUSR1);
}

int
pool_retiring(void)
{
	return my_slot != NULL && my_slot->retire;
}

static void
bell_ring(void)
{
	__atomic_add_fetch(&bell->seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&bell->sleepers, __ATOMIC_SEQ_CST) > 0)
		syscall(SYS_futex, &bell->seq, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

void
pool_request(int started)
{
	if (my_slot == NULL)
		return;
	__atomic_store_n(&my_slot->busy_since, started ? clock_ms() : 0,
	    __ATOMIC_RELAXED);
	if (started)
		bell_ring();
}

/* Whether an active process is stuck: waiting, long on a request, or gone. */
static int
active_stuck(void)
{
	int64_t	now = clock_ms(), since;
	int	i;

	for (i = 0; i < n_active; i++) {
		since = __atomic_load_n(&active_slots[i].busy_since,
		    __ATOMIC_RELAXED);
		if (!active_slots[i].up || active_slots[i].waiting ||
		    (since != 0 && now - since >= RESERVE_AFTER_MS))
			return 1;
	}
	return 0;
}

/* Whether every active process is there and between requests. */
static int
actives_idle(void)
{
	int	i;

	for (i = 0; i < n_active; i++)
		if (!active_slots[i].up || active_slots[i].waiting ||
		    __atomic_load_n(&active_slots[i].busy_since,
		    __ATOMIC_RELAXED) != 0)
			return 0;
	return 1;
}

/*
 * SIGUSR2, once a request, to a process that keeps idle connections nginx
 * may send new requests to, for it to hand them over (conns.c):
 *   - from a reserve on duty, to an active process long on one request;
 *   - from any process, to one waiting on another server that kept some
 *     because, as it began to wait, no process took requests (the reserve
 *     resting, the others waiting or gone): it gave the rest away then.
 */
void
pool_nudge_stuck(void)
{
	int64_t	now = clock_ms(), since;
	int	i, stuck;

	for (i = 0; all_slots != NULL && i < n_slots; i++) {
		since = __atomic_load_n(&all_slots[i].busy_since,
		    __ATOMIC_RELAXED);
		if (i == my_index || since == 0 || all_slots[i].nudged == since)
			continue;
		stuck = all_slots[i].waiting ? conns_stranded(i) > 0 :
		    active_slots != NULL && i < n_active &&
		    now - since >= RESERVE_AFTER_MS;
		/* Others race to it: one signal is enough. */
		if (stuck && __atomic_exchange_n(&all_slots[i].nudged, since,
		    __ATOMIC_RELAXED) != since && all_slots[i].pid > 0)
			kill(all_slots[i].pid, SIGUSR2);
	}
}

int
pool_resting(void)
{
	return active_slots != NULL && !active_stuck();
}

/*
 * While requests come, polled: one turns slow without telling anyone, and
 * RESERVE_POLL_MS is 100 wake-ups a second.  Once a whole poll passed with
 * no request started and every active process is idle, asleep on the bell
 * (a second at most, in case a ring is missed): an idle pool's reserve no
 * longer wakes 100 times a second.  Under load the bell rings between any
 * two polls, so the reserve never sleeps on it and the requests make no
 * system call to wake it (sleeping whenever the actives were between two
 * requests cost a wake-up a request: 15% of the sign-in page's rate).  The
 * sleeper is counted before the bell is read again, and a request marks
 * its slot before it rings, so a ring is either seen in seq or wakes it.
 */
void
pool_await_turn(void)
{
	const struct timespec	pause = { 0, RESERVE_POLL_MS * 1000000L };
	const struct timespec	most = { 1, 0 };
	uint32_t		seen, last;

	if (active_slots == NULL)
		return;
	last = __atomic_load_n(&bell->seq, __ATOMIC_SEQ_CST);
	while (!active_stuck()) {
		seen = __atomic_load_n(&bell->seq, __ATOMIC_SEQ_CST);
		if (seen != last || !actives_idle()) {
			last = seen;
			nanosleep(&pause, NULL);
			continue;
		}
		__atomic_add_fetch(&bell->sleepers, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&bell->seq, __ATOMIC_SEQ_CST) == seen &&
		    actives_idle())
			syscall(SYS_futex, &bell->seq, FUTEX_WAIT, seen, &most,
			    NULL, 0);
		__atomic_sub_fetch(&bell->sleepers, 1, __ATOMIC_SEQ_CST);
	}
}

static void
spawn(struct pool *p, int i)
{
	pid_t	pid;

	p->slots[i].waiting = 0;
	p->slots[i].retire = 0;
	p->slots[i].busy_since = 0;
	p->slots[i].nudged = 0;
	p->slots[i].pid = 0;
	p->slots[i].up = 0;
	if ((pid = fork()) == -1) {
		log_error("fork: %s", strerror(errno));
		p->kids[i] = 0;
		return;
	}
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGUSR1, SIG_IGN);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, &p->open_mask, NULL);
		my_slot = &p->slots[i];
		my_index = i;
		all_slots = p->slots;
		n_slots = p->max;
		is_extra = i >= p->base;
		if (i >= p->active && i < p->base) {
			active_slots = p->slots;
			n_active = p->active;
		}
		http_set_wait_hook(child_waiting);
		p->serve(p->fd, p->arg);
		_exit(0);
	}
	p->kids[i] = pid;
	p->born[i] = time(NULL);
	p->slots[i].pid = pid;
	p->slots[i].up = 1;
}

/* Processes that can take a request now: alive, not waiting, not retiring. */
static int
free_count(const struct pool *p)
{
	int	i, n = 0;

	for (i = 0; i < p->max; i++)
		n += p->kids[i] > 0 && !p->slots[i].waiting && !p->slots[i].retire;
	return n;
}

/* Forks extras while fewer than active are free; retires those beyond base. */
static void
rebalance(struct pool *p)
{
	int	i, n = free_count(p);

	for (i = p->base; i < p->max && n < p->active; i++)
		if (p->kids[i] == 0) {
			spawn(p, i);
			if (p->kids[i] > 0) {
				n++;
				metrics_pool_extra(1);
				log_info("processes wait on another server:"
				    " started extra process %d", (int)p->kids[i]);
			}
		}
	for (i = p->max - 1; i >= p->base && n > p->base; i--)
		if (p->kids[i] > 0 && !p->slots[i].waiting && !p->slots[i].retire) {
			p->slots[i].retire = 1;
			n--;
		}
}

/* A child ended: a retired extra frees its place; any other is replaced. */
static void
reap(struct pool *p, pid_t pid, int wstatus)
{
	int	i;

	for (i = 0; i < p->max && p->kids[i] != pid; i++)
		continue;
	if (i == p->max)
		return;
	p->slots[i].up = 0;
	conns_forward(i);
	bell_ring();	/* a reserve asleep must see an active one gone */
	if (i >= p->base && p->slots[i].retire && WIFEXITED(wstatus) &&
	    WEXITSTATUS(wstatus) == 0) {
		p->kids[i] = 0;
		metrics_pool_extra(-1);
		return;
	}
	log_warn("process %d %s %d; replacing it", (int)pid,
	    WIFSIGNALED(wstatus) ? "killed by signal" : "exited with",
	    WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus));
	metrics_worker_restart();
	if (time(NULL) - p->born[i] < 1)
		sleep(1);
	if (i < p->base)
		spawn(p, i);
	else {
		p->kids[i] = 0;	/* an extra: rebalance decides */
		metrics_pool_extra(-1);
	}
}

static void
stop_all(struct pool *p)
{
	int	i;

	for (i = 0; i < p->max; i++)
		if (p->kids[i] > 0)
			kill(p->kids[i], SIGTERM);
	for (i = 0; i < p->max; i++)
		if (p->kids[i] > 0)
			waitpid(p->kids[i], NULL, 0);
}

/*
 * The supervisor keeps its signals blocked but in sigsuspend, so none that
 * arrives while it rebalances is lost: the next sigsuspend returns at once.
 */
static void
handle_signals(sigset_t *open_mask)
{
	struct sigaction	sa;
	sigset_t		block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_change;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, open_mask);
}

int
pool_run(int active, int base, int max, int fd, void (*serve)(int, void *),
    void *arg)
{
	struct pool	 p;
	pid_t		 pid;
	int		 i, wstatus;

	memset(&p, 0, sizeof(p));
	p.active = active < 1 ? 1 : active > base ? base : active;
	p.base = base;
	p.max = max > base ? max : base;
	p.fd = fd;
	p.serve = serve;
	p.arg = arg;
	handle_signals(&p.open_mask);
	/* Inherited: a nudge before a child catches them must not kill it. */
	signal(SIGUSR2, SIG_IGN);
	p.slots = mmap(NULL, (size_t)p.max * sizeof(*p.slots),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	bell = mmap(NULL, sizeof(*bell), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p.slots == MAP_FAILED || bell == MAP_FAILED || (p.kids = calloc((size_t)p.max,
	    sizeof(*p.kids))) == NULL || (p.born = calloc((size_t)p.max,
	    sizeof(*p.born))) == NULL)
		abort();
	for (i = 0; i < base; i++)
		spawn(&p, i);
	log_info("viva.fcgi serving with %d processes, %d of them in reserve for"
	    " slow requests (up to %d while some wait on the AI provider)",
	    base, base - p.active, p.max);
	while (!stopping) {
		while ((pid = waitpid(-1, &wstatus, WNOHANG)) > 0)
			reap(&p, pid, wstatus);
		rebalance(&p);
		if (!stopping)
			sigsuspend(&p.open_mask);
	}
	stop_all(&p);
	sigprocmask(SIG_SETMASK, &p.open_mask, NULL);
	munmap(p.slots, (size_t)p.max * sizeof(*p.slots));
	munmap(bell, sizeof(*bell));
	free(p.kids);
	free(p.born);
	log_info("viva.fcgi stopped");
	return 0;
}

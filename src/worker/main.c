/*
 * main.c: viva-worker, the realtime relay.  One process, one epoll event
 * loop (net.c): browsers connect through nginx at /rt/interviews/ID with a
 * ticket from viva.fcgi; each gets a client connection to the provider's
 * realtime API.  SIGTERM drains: every browser is told to reconnect, then
 * the loop ends.
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/crypto.h"
#include "lib/log.h"
#include "lib/sandbox.h"
#include "worker.h"

#define DRAIN_SECS	5

struct options {
	const char	*config;
	const char	*pidfile;
	int		 port;		/* 0: the config's worker_port */
	int		 ping_secs;
	int		 stall_secs;
	int		 db_threads;
};

static volatile sig_atomic_t	stop;
static struct net		*net_for_signal;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
	if (net_for_signal != NULL)
		net_wake(net_for_signal);	/* a write(): safe here */
}

/* The usage on f (stdout when asked for, with status 0). */
static void
usage(FILE *f, int rc)
{
	fputs("usage: viva-worker [--config FILE] [--port N] [--ping-secs N]"
	    " [--stall-secs N] [--db-threads N] [--pidfile FILE]\n", f);
	exit(rc);
}

/*
 * flag's value v as a number from min to max; otherwise says so and exits.
 * Not atoi: "--port 80x" or "--port abc" would run on port 80 or 0 (the
 * config's) without a word.
 */
static int
num_arg(const char *flag, const char *v, long min, long max)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
		fprintf(stderr, "viva-worker: %s takes a number from %ld to %ld,"
		    " not \"%s\"\n", flag, min, max, v);
		usage(stderr, 2);
	}
	return (int)n;
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	const char	*flag;
	int		 i;

	memset(o, 0, sizeof(*o));
	o->ping_secs = 30;
	o->stall_secs = STALL_SECS;
	o->db_threads = DBQ_THREADS;
	for (i = 1; i < argc; i++) {
		flag = argv[i];
		if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0)
			usage(stdout, 0);
		if (strcmp(flag, "--config") != 0 &&
		    strcmp(flag, "--pidfile") != 0 &&
		    strcmp(flag, "--port") != 0 &&
		    strcmp(flag, "--ping-secs") != 0 &&
		    strcmp(flag, "--stall-secs") != 0 &&
		    strcmp(flag, "--db-threads") != 0) {
			fprintf(stderr, "viva-worker: unknown argument \"%s\"\n",
			    flag);
			usage(stderr, 2);
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "viva-worker: %s needs a value\n", flag);
			usage(stderr, 2);
		}
		if (strcmp(flag, "--config") == 0)
			o->config = argv[++i];
		else if (strcmp(flag, "--pidfile") == 0)
			o->pidfile = argv[++i];
		else if (strcmp(flag, "--port") == 0)
			o->port = num_arg(flag, argv[++i], 1, 65535);
		else if (strcmp(flag, "--ping-secs") == 0)
			o->ping_secs = num_arg(flag, argv[++i], 1, 3600);
		else if (strcmp(flag, "--stall-secs") == 0)
			o->stall_secs = num_arg(flag, argv[++i], 1, 3600);
		else
			o->db_threads = num_arg(flag, argv[++i], 1,
			    DBQ_THREADS_MAX);
	}
}

static int
setup(struct worker *w, const struct options *o)
{
	char	err[512];

	if (config_load(o->config, &w->cfg, err, sizeof(err)) != ST_OK) {
		log_error("config: %s", err);
		return -1;
	}
	if (crypto_init() != ST_OK)
		return -1;
	if (ticket_key_parse(w->cfg.ticket_key, w->key) != ST_OK) {
		log_error("config: ticket_key must be 64 hex characters"
		    " (shared with viva.fcgi)");
		return -1;
	}
	/* Without a provider the worker still runs, and says so to each browser. */
	if (provider_parse_url(w) != 0) {
		log_warn("ai_base_url is not set: voice sessions will be"
		    " refused (voice needs a realtime provider)");
		w->p_host[0] = '\0';
	}
	w->stall_secs = o->stall_secs;
	return 0;
}

static int
start(struct worker *w, const struct options *o)
{
	int	port = o->port != 0 ? o->port : w->cfg.worker_port;

	if ((w->net = net_new(port, &browser_ops, o->ping_secs,
	    w->cfg.ai_ca_file, w)) == NULL) {
		log_error("cannot listen on 127.0.0.1:%d (or read the CA"
		    " certificates)", port);
		return -1;
	}
	net_for_signal = w->net;
	/* The database threads wake this loop: they start once it exists. */
	if (dbq_start(w, o->db_threads) != 0)
		return -1;
	log_info("listening on 127.0.0.1:%d, provider %s:%d%s", port,
	    w->p_host, w->p_port, w->p_path);
	return 0;
}

/*
 * Tells every browser to come back with a new ticket, and closes; waits up
 * to DRAIN_SECS for the sessions to go and the database jobs they made to
 * finish (a transcript queued is a transcript kept).
 */
static void
drain(struct worker *w)
{
	struct session	*s, *next;
	int64_t		 until = clock_us() + DRAIN_SECS * 1000000LL;

	w->draining = 1;
	log_info("draining %d sessions", w->nsessions);
	for (s = w->sessions; s != NULL; s = next) {
		next = s->next;
		session_event(s, "worker.draining", "restart", WORKER_DRAINING);
		session_close(s, 1012, "restarting");
	}
	while ((w->nsessions > 0 || !dbq_idle(w)) && clock_us() < until) {
		if (net_turn(w->net, 100) < 0)
			break;
		dbq_complete(w);
		net_tick(w->net, clock_us());
	}
	if (!dbq_idle(w))
		log_warn("database jobs still running after %d s", DRAIN_SECS);
	dbq_stop(w, until + 1000000LL);
}

/*
 * Sessions whose reader stalled too long are closed (a tab that stopped
 * reading); live ones ask now and then whether their interview still runs.
 */
static void
prune(struct worker *w)
{
	struct session	*s;
	int64_t		 now = clock_us();

	for (s = w->sessions; s != NULL; s = s->next) {
		session_check(s, now);
		event_hold_expired(s, now);
		/* Connecting, it is the worker that waits, not a side. */
		if (s->stalled_since != 0 && s->state == SS_LIVE &&
		    now - s->stalled_since > w->stall_secs * 1000000LL) {
			w->m.stalled++;
			log_info("interview %lld: a side stopped reading for"
			    " %d s; closing", s->iv, w->stall_secs);
			session_event(s, "error", "stalled", "The connection"
			    " stopped reading; closing it.");
			session_close(s, 1008, "stalled");
		}
	}
}

/*
 * Resolves the provider's host once before the sandbox: a resolver module
 * the system's configuration names is loaded now, while mapping code is
 * still allowed.  Failure is fine here; each connection resolves anew.
 */
static void
warm_resolver(const char *host)
{
	struct addrinfo	 hints, *res;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (host[0] != '\0' && getaddrinfo(host, NULL, &hints, &res) == 0)
		freeaddrinfo(res);
}

/* Removes the pidfile only while it is still ours: a successor may have written its own. */
static void
remove_pid(const char *path)
{
	FILE	*f;
	long	 pid = 0;

	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid == (long)getpid())
		unlink(path);
}

static void
write_pid(const char *path)
{
	FILE	*f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%ld\n", (long)getpid());
	fclose(f);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct worker	*w;
	int64_t		 last = 0;
	int		 rc = 1;

	parse_args(argc, argv, &o);
	log_init("viva-worker");
	signal(SIGPIPE, SIG_IGN);
	if ((w = calloc(1, sizeof(*w))) == NULL)
		abort();
	if (setup(w, &o) != 0 || start(w, &o) != 0)
		goto out;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	write_pid(o.pidfile);
	/* It talks to browsers, a provider and PostgreSQL, and nothing else. */
	warm_resolver(w->p_host);
	if (sandbox_worker() != 0)
		log_warn("no seccomp filter: %s", strerror(errno));
	while (!stop && net_turn(w->net, 1000) >= 0) {
		dbq_complete(w);	/* net_wake woke the loop */
		if (clock_us() - last > 1000000) {
			last = clock_us();
			prune(w);
			net_tick(w->net, last);
			browser_forget_tickets(w, (long long)time(NULL));
		}
	}
	drain(w);
	rc = 0;
out:
	if (rc != 0)
		dbq_stop(w, clock_us());
	if (w->net != NULL)
		net_free(w->net);
	sodium_memzero(w->key, sizeof(w->key));
	/* A database thread stuck in a query still reads the config: leave it. */
	if (w->dbq == NULL) {
		config_free(&w->cfg);
		free(w->used);
		free(w);
	}
	if (rc == 0)
		remove_pid(o.pidfile);
	return rc;
}

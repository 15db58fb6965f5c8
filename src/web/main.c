/* main.c: viva.fcgi: set up once, then serve requests from a pool (or one, as CGI). */
#include <dirent.h>
#include <errno.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/export.h"
#include "core/tokenizer.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "lib/http.h"
#include "lib/seal.h"
#include "lib/ticket.h"
#include "lib/log.h"
#include "lib/sandbox.h"
#include "handlers.h"
#include "metrics.h"
#include "conns.h"
#include "pool.h"
#include "router.h"
#include "snapshot.h"

struct options {
	const char	*config;
	const char	*socket;	/* bind this path (implies --listen) */
	const char	*pidfile;
	int		 listen;	/* bind the configured socket */
	int		 workers;
};

/* The usage on f (stdout when asked for, with status 0). */
static void
usage(FILE *f, int rc)
{
	fputs("usage: viva.fcgi [--config FILE] [--listen] [--socket PATH]"
	    " [--workers N] [--pidfile FILE]\n"
	    "  Without --listen or --socket, serves the FastCGI socket it was\n"
	    "  given (systemd socket activation, or fd 0), or answers one\n"
	    "  request as plain CGI.\n", f);
	exit(rc);
}

/* A mistake in the arguments: which, then the usage; status 2. */
static void
usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "viva.fcgi: %s \"%s\"\n", what, arg);
	usage(stderr, 2);
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	char	*end;
	long	 n;
	int	 i;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			usage(stdout, 0);
		else if (strcmp(argv[i], "--listen") == 0)
			o->listen = 1;
		else if (strcmp(argv[i], "--config") != 0 &&
		    strcmp(argv[i], "--socket") != 0 &&
		    strcmp(argv[i], "--pidfile") != 0 &&
		    strcmp(argv[i], "--workers") != 0)
			usage_error("unknown argument", argv[i]);
		else if (i + 1 >= argc)
			usage_error("a value is needed after", argv[i]);
		else if (strcmp(argv[i], "--config") == 0)
			o->config = argv[++i];
		else if (strcmp(argv[i], "--socket") == 0)
			o->socket = argv[++i];
		else if (strcmp(argv[i], "--pidfile") == 0)
			o->pidfile = argv[++i];
		else {
			/* Not atoi: "--workers 8x" would run 8, "abc" the default. */
			errno = 0;
			n = strtol(argv[++i], &end, 10);
			if (errno != 0 || end == argv[i] || *end != '\0' ||
			    n < 1 || n > 256)
				usage_error("--workers takes a number from 1 to"
				    " 256, not", argv[i]);
			o->workers = (int)n;
		}
	}
}

/*
 * The tokenizers the assistant's models need (o200k_base always: the
 * offline assistant and most models use it) and the provider.  Loaded
 * once, before the pool forks, so every process shares them.
 */
static int
setup_assistant(struct app *app)
{
	const struct config	*c = &app->cfg;
	struct tokenizer	*t;
	char			 path[1024], model[256];
	const char		*p, *e;
	int			 need[TOK__MAX] = { [TOK_O200K_BASE] = 1 };
	int			 i;

	app->assistant.cfg = c;
	if (*c->ai_base_url != '\0') {
		provider_init(&app->prov, c->ai_base_url, c->ai_api_key);
		app->prov.timeout_ms = c->ai_timeout_ms;
		app->prov.breaker_threshold = c->ai_breaker_failures;
		/* Retries included; a request's calls together: REQUEST_AI_MS. */
		app->prov.deadline_ms = 2 * c->ai_timeout_ms;
		app->assistant.prov = &app->prov;
		for (p = c->ai_models; p != NULL;
		    p = e != NULL ? e + 1 : NULL) {
			e = strchr(p, ',');
			snprintf(model, sizeof(model), "%.*s", e != NULL ?
			    (int)(e - p) : (int)strlen(p), p);
			need[tokenizer_for_model(model)] = 1;
		}
		log_info("AI provider %s, models %s", c->ai_base_url,
		    c->ai_models);	/* never the key */
	}
	config_path(c, "data", path, sizeof(path));
	for (i = 0; i < TOK__MAX; i++) {
		if (!need[i])
			continue;
		if (tokenizer_load(path, (enum tok_encoding)i, &t) != ST_OK)
			return -1;
		app->assistant.tok[i] = t;
		if (i == TOK_O200K_BASE)
			app->tok = t;
	}
	return 0;
}

/*
 * A changed static file gets a new URL (?v=, the newest mtime in static/),
 * so browsers may cache them for long.  Every file counts: a page loads
 * several scripts, and a script loads the worklet, all with the same ?v=.
 */
static void
static_version(struct app *app)
{
	char		 dir[1024], path[1300];
	struct dirent	*e;
	struct stat	 sb;
	unsigned long	 newest = 0;
	DIR		*d;

	config_path(&app->cfg, "static", dir, sizeof(dir));
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (e->d_name[0] != '.' && stat(path, &sb) == 0 &&
			    (unsigned long)sb.st_mtime > newest)
				newest = (unsigned long)sb.st_mtime;
		}
		closedir(d);
	}
	snprintf(app->static_version, sizeof(app->static_version), "%lx", newest);
}

static int
setup_app(struct app *app, const struct options *o)
{
	char		 err[512], path[1024];

	if (config_load(o->config, &app->cfg, err, sizeof(err)) != ST_OK) {
		log_error("config: %s", err);
		return -1;
	}
	if (crypto_init() != ST_OK)
		return -1;
	http_set_ca_file(app->cfg.ai_ca_file);
	app->tmpl = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	config_path(&app->cfg, "templates", path, sizeof(path));
	if (tmpl_set_load_dir(app->tmpl, path, err, sizeof(err)) != ST_OK) {
		log_error("templates: %s", err);
		return -1;
	}
	if (setup_assistant(app) != 0)
		return -1;
	if (*app->cfg.ticket_key != '\0') {
		if (ticket_key_parse(app->cfg.ticket_key, app->ticket_key) != ST_OK) {
			log_error("config: ticket_key must be 64 hex characters");
			return -1;
		}
		app->has_ticket_key = 1;
	}
	if (*app->cfg.recording_key != '\0') {
		if (seal_key_parse(app->cfg.recording_key,
		    app->recording_key) != ST_OK) {
			log_error("config: recording_key must be 64 hex characters");
			return -1;
		}
		app->has_recording_key = 1;
	} else
		log_warn("config: no recording_key: recordings are stored"
		    " unencrypted");
	static_version(app);
	return 0;
}

/* nginx's fastcgi_read_timeout (120 s) less a margin for the page. */
#define REQUEST_AI_MS	110000

/* Answers one request into r; returns 1 if the whole request was read. */
static int
handle(struct app *app, struct arena *a, FCGX_Request *fr, struct req *r)
{
	enum status	st;

	/*
	 * All of a request's AI calls (an adaptive answer makes up to four,
	 * each allowed 2 x ai_timeout_ms) end inside nginx's 120 s
	 * fastcgi_read_timeout, so the candidate gets our page, not a 504.
	 */
	app->prov.until_ms = clock_ms() + REQUEST_AI_MS;
	if ((st = req_begin(r, app, a, fr)) == ST_OK)
		router_dispatch(r);
	else
		error_reply(r, st);
	req_end(r);
	return st == ST_OK;
}

/* The request's deferred work, once its response has gone to nginx. */
static void
after(struct req *r)
{
	if (r->after != NULL)
		r->after(r, r->after_arg);
}

/*
 * Reads what is left of the request's body, so that the connection nginx
 * keeps starts clean for its next request.  nginx sent it whole
 * (fastcgi_request_buffering), so this ends at once.
 */
static void
drain_stdin(FCGX_Request *fr)
{
	char	buf[4096];

	while (FCGX_GetStr(buf, sizeof(buf), fr->in) > 0)
		continue;
}

/* Answers the request waiting on connection cfd, if there is one. */
static void
serve_one(struct app *app, struct arena *a, FCGX_Request *fr, int cfd)
{
	struct req	r;

	fr->ipcFd = cfd;
	fr->keepConnection = 1;	/* or Accept_r's finish would close cfd */
	if (FCGX_Accept_r(fr) < 0) {	/* not a request: libfcgi closed it */
		conns_done(cfd, 0);
		return;
	}
	pool_request(1);
	/*
	 * libfcgi's close lingers until nginx hangs up, to keep a TCP
	 * peer from seeing a reset; that idles this process for a round
	 * trip per request.  When the request was read in full, to the
	 * empty record that ends it (req.c read_stdin_end), nothing is
	 * left to reset over, so a connection nginx does not keep closes
	 * at once ("detached" skips it).
	 */
	if (handle(app, a, fr, &r) && FCGX_HasSeenEOF(fr->in) == EOF)
		fr->detached = 1;
	if (fr->keepConnection)
		drain_stdin(fr);
	FCGX_Finish_r(fr);
	conns_done(cfd, fr->ipcFd >= 0);
	fr->ipcFd = -1;
	app->prov.until_ms = 0;	/* the page is out: nginx waits no more */
	after(&r);
	pool_request(0);
	arena_reset(a);
}

/* One pool process: its own database connection and arena, then serve forever. */
static void
serve(int fd, void *arg)
{
	struct app	*app = arg;
	struct arena	*a = arena_new();
	FCGX_Request	 fr;
	int		 cfd;

	/*
	 * Keep freed heap for the next request: by default glibc hands it back
	 * (brk) after each large page and faults it in again on the next one,
	 * which measured at 18% of a pool process's time on the dashboard.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 8 * 1024 * 1024);
	(void)db_open(app->cfg.database_url, &app->db);	/* retried per request if down */
	db_statement_timeout(app->db, app->cfg.db_statement_timeout_ms);
	if (conns_open(fd, pool_slot()) != 0 || conns_catch_nudges() != 0)
		return;
	pool_on_wait(conns_waiting);
	/* It parses every request's bytes: none may load kernel code or trace. */
	if (sandbox_no_intrusion() != 0)
		log_warn("no seccomp filter: %s", strerror(errno));
	FCGX_InitRequest(&fr, -1, 0);	/* conns accepts; libfcgi never does */
	while (!pool_retiring()) {
		if (pool_resting()) {
			/* With connections nobody took, it serves them on. */
			if (conns_rest(1) == 0)
				pool_await_turn();
			conns_rest(0);
		}
		pool_nudge_stuck();
		if ((cfd = conns_next(pool_look_ms())) >= 0)
			serve_one(app, a, &fr, cfd);
	}
	(void)conns_rest(1);
	db_close(app->db);
	arena_free(a);
}

static int
open_socket(const char *path)
{
	int	fd;

	unlink(path);
	umask(007);	/* the socket is for nginx (same user or group) only */
	if ((fd = FCGX_OpenSocket(path, 1024)) < 0)
		log_error("cannot listen on %s: %s", path, strerror(errno));
	return fd;
}

static int
listen_fd(const struct options *o, const struct config *cfg)
{
	const char	*pid = getenv("LISTEN_PID");

	if (getenv("LISTEN_FDS") != NULL && pid != NULL && atoi(pid) == getpid())
		return 3;	/* systemd socket activation: SD_LISTEN_FDS_START */
	if (o->socket != NULL)
		return open_socket(o->socket);
	if (o->listen)
		return open_socket(cfg->socket);
	return FCGX_IsCGI() ? -2 : 0;
}

static int
run_cgi(struct app *app)
{
	struct arena	*a = arena_new();
	struct req	 r;

	(void)db_open(app->cfg.database_url, &app->db);
	db_statement_timeout(app->db, app->cfg.db_statement_timeout_ms);
	handle(app, a, NULL, &r);
	/* The web server's response ends when our stdout does. */
	fclose(stdout);
	after(&r);
	arena_free(a);
	db_close(app->db);
	return 0;
}

static void
write_pidfile(const char *path)
{
	FILE	*f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	static struct app app;
	int		 fd, n, most, cores, rc;

	parse_args(argc, argv, &o);
	/*
	 * A file-size limit (ulimit -f, systemd's LimitFSIZE=) met while
	 * storing an upload fails that write with EFBIG, which the request
	 * answers in words, instead of killing the process mid-request.
	 */
	signal(SIGXFSZ, SIG_IGN);
	log_init("viva.fcgi");
	export_json_numbers();
	if (FCGX_Init() != 0 || setup_app(&app, &o) != 0)
		return 1;
	if ((fd = listen_fd(&o, &app.cfg)) == -2)
		return run_cgi(&app);
	cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	n = o.workers > 0 ? o.workers : app.cfg.workers > 0 ? app.cfg.workers :
	    2 * cores;
	most = app.cfg.max_workers > 0 ? app.cfg.max_workers : 3 * n;
	most = most > n ? most : n;
	if (fd < 0 || metrics_init() != 0 || snapshot_init() != 0 ||
	    conns_shared_init(most) != 0)
		return 1;
	write_pidfile(o.pidfile);
	rc = pool_run(app.cfg.active_workers > 0 ? app.cfg.active_workers : cores,
	    n, most, fd, serve, &app);
	if (o.pidfile != NULL)
		unlink(o.pidfile);
	if (o.socket != NULL || o.listen)
		unlink(o.socket != NULL ? o.socket : app.cfg.socket);
	return rc;
}

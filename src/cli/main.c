/* main.c: viva, the command-line tool: migrate, user add, jobs, recordings reseal, export, tokens. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/account.h"
#include "core/export.h"
#include "core/migrate.h"
#include "core/retention.h"
#include "lib/config.h"
#include "lib/crypto.h"
#include "lib/form.h"
#include "lib/http.h"
#include "lib/log.h"
#include "export.h"
#include "jobs.h"
#include "tokens.h"

/* The usage on f; exits with status rc (0 when help was asked for). */
static void	usage_to(FILE *, int) __attribute__((noreturn));

static void
usage_to(FILE *f, int rc)
{
	fputs("usage: viva [--config FILE] COMMAND ...\n"
	    "  migrate                        apply new sql/ migrations\n"
	    "  user add --email E [--org NAME] [--name N] [--role admin|interviewer]\n"
	    "           (no --org: the only org; --org NAME is made if missing;\n"
	    "           no --role: interviewer)\n"
	    "           [--first]             add a user; prints a generated password once\n"
	    "                                 (--first: an admin, only if there are no\n"
	    "                                 users yet)\n"
	    "  user password --email E        set a new generated password; prints it once\n"
	    "  jobs run [--dry-run]           delete transcripts and recordings past each\n"
	    "                                 org's retention; transcribe one-way answers\n"
	    "                                 still waiting; release tokens held by calls\n"
	    "                                 that died; forget unfinished uploads,\n"
	    "                                 temporary files and form ids a day old\n"
	    "                                 (every 15 minutes from viva-jobs.timer)\n"
	    "  recordings reseal [--dry-run]  re-encrypt recordings kept in the older\n"
	    "                                 whole-file format in chunks, so that a\n"
	    "                                 seek reads only what it plays (once,\n"
	    "                                 after upgrading)\n"
	    "  export --org NAME [--interview ID] [--format json|md|csv]\n"
	    "         [--sort created|activity|name] [--out DIR]\n"
	    "                                 write the org's interviews (or one) as files\n"
	    "                                 interview-ID.FORMAT, and the list as\n"
	    "                                 interviews.csv, into DIR (default .); the\n"
	    "                                 list newest first, last active first or by\n"
	    "                                 name, as on the interviews page\n"
	    "  tokens [--encoding o200k_base|cl100k_base] [--ids] [--data DIR]\n"
	    "                                 count the tokens of standard input (--ids:\n"
	    "                                 print their ids); DIR holds the encodings'\n"
	    "                                 .bpe files: share_dir/data by default\n"
	    "--config FILE may also follow the command; without it, $VIVA_CONFIG,\n"
	    "else ./viva.conf.  --help after a command prints this.\n", f);
	exit(rc);
}

static void	usage_error(const char *, ...)
		    __attribute__((format(printf, 1, 2), noreturn));

/* A mistake in the arguments: which one, then the usage; exit status 2. */
static void
usage_error(const char *fmt, ...)
{
	va_list	ap;

	fputs("viva: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_to(stderr, 2);
}

/*
 * --help or -h anywhere but in tokens' arguments (it has its own): the
 * usage on standard output, status 0, before any file or database is
 * opened.
 */
static void
help_if_asked(int argc, char **argv)
{
	int	i;

	if (argc > 1 && strcmp(argv[1], "tokens") == 0)
		return;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0 ||
		    (i == 1 && strcmp(argv[i], "help") == 0))
			usage_to(stdout, 0);
}

/*
 * Takes --config FILE out of argv wherever it is: before the command, as
 * the usage writes it, or after it, as viva-jobs.service and
 * docs/OPERATIONS.md do (`viva migrate --config FILE`), which each command
 * would otherwise refuse or, worse, ignore for ./viva.conf.  The commands
 * see only their own arguments.  Returns the file, or NULL.
 */
static const char *
take_config(int *argc, char **argv)
{
	const char	*file = NULL;
	int		 i, j;

	for (i = j = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--config") != 0) {
			argv[j++] = argv[i];
			continue;
		}
		if (file != NULL)
			usage_error("--config is given twice");
		if (i + 1 >= *argc)
			usage_error("--config needs a file");
		file = argv[++i];
	}
	argv[j] = NULL;
	*argc = j;
	return file;
}

struct ctx {
	const char	*config;	/* --config FILE, or NULL */
	struct config	 cfg;
	struct arena	*a;
	struct db	*db;
};

/*
 * Reads the configuration, then connects: once the command's arguments
 * were checked, so that a mistake in them is told as such, not as a
 * missing file or database.
 */
static int
open_db(struct ctx *c)
{
	char	err[768];

	if (config_load(c->config, &c->cfg, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "viva: %s\n", err);
		return -1;
	}
	http_set_ca_file(c->cfg.ai_ca_file);
	/* Where and why, never database_url itself: it may hold a password. */
	if (db_open(c->cfg.database_url, &c->db) != ST_OK) {
		fprintf(stderr, "viva: cannot connect to the database: %s\n",
		    db_why(c->db, err, sizeof(err)));
		return -1;
	}
	return 0;
}

static int
cmd_migrate(struct ctx *c, int argc, char **argv)
{
	char	dir[1024];

	if (argc > 0)
		usage_error("migrate takes no arguments, not \"%s\"", argv[0]);
	if (open_db(c) != 0)
		return 1;
	config_path(&c->cfg, "sql", dir, sizeof(dir));
	return migrate_run(c->a, c->db, dir, stdout) == ST_OK ? 0 : 1;
}

struct user_args {
	const char	*email, *org, *name, *role;
	int		 first;
};

/* As the web's forms check them (admin_users.c, admin_settings.c). */
static const struct field user_add_fields[] = {
	{ "--email",	F_EMAIL,	3, 254, FIELD_REQUIRED, NULL },
	{ "--name",	F_LINE,		0, 200, 0, NULL },
	{ "--org",	F_LINE,		1, 200, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/*
 * The options' values checked and trimmed as the web's forms do, before
 * anything is opened: a bad one is a usage error that names it, and
 * nothing is made.
 */
static void
check_user_args(struct arena *a, struct user_args *u)
{
	struct param		 p[3];
	struct params		 in = { p, 0 };
	struct field_val	*v;
	const char		*given[3];
	size_t			 i;

	given[0] = u->email;
	given[1] = u->name;
	given[2] = u->org;
	memset(p, 0, sizeof(p));
	for (i = 0; i < 3; i++)
		if (given[i] != NULL) {
			p[in.n].name = user_add_fields[i].name;
			p[in.n].val = given[i];
			p[in.n++].vlen = strlen(given[i]);
		}
	(void)fields_check(a, user_add_fields, &in, &v);
	for (i = 0; i < 3; i++)
		if (v[i].err != NULL)
			usage_error("user add: %s \"%s\": %s",
			    user_add_fields[i].name, given[i], v[i].err);
	/* Optional, but not empty when given: the database refuses that. */
	if (given[2] != NULL && !v[2].present)
		usage_error("user add: --org needs a name, not \"%s\"",
		    given[2]);
	u->email = v[0].text;
	u->name = v[1].text;
	u->org = given[2] != NULL ? v[2].text : NULL;
}

/*
 * The arguments of user add.  The role is interviewer unless said: an admin
 * manages users and settings, and one made by leaving --role out was a
 * privilege nobody chose.  --first, make run's first user, is the org's
 * admin; an interviewer there would leave nobody to manage it.
 */
static void
parse_user_args(struct arena *a, int argc, char **argv, struct user_args *u)
{
	int	i;

	memset(u, 0, sizeof(*u));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--first") == 0)
			u->first = 1;
		else if (strcmp(argv[i], "--email") != 0 &&
		    strcmp(argv[i], "--org") != 0 &&
		    strcmp(argv[i], "--name") != 0 &&
		    strcmp(argv[i], "--role") != 0)
			usage_error("user add: unknown argument \"%s\"", argv[i]);
		else if (i + 1 >= argc)
			usage_error("user add: %s needs a value", argv[i]);
		else if (strcmp(argv[i], "--email") == 0)
			u->email = argv[++i];
		else if (strcmp(argv[i], "--org") == 0)
			u->org = argv[++i];
		else if (strcmp(argv[i], "--name") == 0)
			u->name = argv[++i];
		else
			u->role = argv[++i];
	}
	if (u->email == NULL)
		usage_error("user add needs --email");
	if (u->role == NULL)
		u->role = u->first ? "admin" : "interviewer";
	if (strcmp(u->role, "admin") != 0 && strcmp(u->role, "interviewer") != 0)
		usage_error("user add: --role is admin or interviewer, not \"%s\"",
		    u->role);
	if (u->first && strcmp(u->role, "admin") != 0)
		usage_error("user add: --first makes the org's first admin;"
		    " --role %s does not go with it", u->role);
	check_user_args(a, u);
}

/*
 * The new user's org: --org's, made if missing (and said so); without it,
 * the server's only org, or "Default" on a server with none.  A server of
 * several orgs must be told which: a user put in a new one by mistake
 * would see none of the others' interviews.
 */
static enum status
user_org(struct ctx *c, struct user_args *u, long long *org)
{
	enum status	st;

	if (u->org == NULL && (st = org_only(c->a, c->db, org, &u->org)) !=
	    ST_NOTFOUND) {
		if (st == ST_CONFLICT)
			fprintf(stderr, "viva: this server has several"
			    " organisations; name one with --org\n");
		else if (st != ST_OK)
			fprintf(stderr, "viva: could not read the organisations"
			    " (%s)\n", status_str(st));
		return st;
	}
	if (u->org == NULL)
		u->org = "Default";
	if ((st = org_find(c->a, c->db, u->org, org)) == ST_NOTFOUND) {
		if ((st = org_create(c->a, c->db, u->org, org)) == ST_OK)
			printf("viva: made the organisation \"%s\"\n", u->org);
	}
	if (st != ST_OK)
		fprintf(stderr, "viva: could not find or make the organisation"
		    " (%s)\n", status_str(st));
	return st;
}

static int
cmd_user_add(struct ctx *c, int argc, char **argv)
{
	struct user_args u;
	long long	 org, n;
	char		*pw;
	enum status	 st;

	parse_user_args(c->a, argc, argv, &u);
	if (open_db(c) != 0 || crypto_init() != ST_OK)
		return 1;
	if (u.first && user_count(c->a, c->db, &n) == ST_OK && n > 0) {
		printf("viva: users exist already; no first admin made\n");
		return 0;
	}
	if ((st = user_org(c, &u, &org)) != ST_OK)
		return 1;
	pw = crypto_password_generate(c->a);
	st = user_create(c->a, c->db, org, u.email, u.name, u.role, pw, NULL);
	if (st == ST_CONFLICT) {
		fprintf(stderr, "viva: a user with email %s exists already\n", u.email);
		return 1;
	}
	if (st != ST_OK) {
		fprintf(stderr, "viva: could not add the user (%s)\n", status_str(st));
		return 1;
	}
	printf("org:      %s\nemail:    %s\nrole:     %s\npassword: %s\n",
	    u.org, u.email, u.role, pw);
	printf("(shown once: only a hash of it is stored)\n");
	return 0;
}

static int
cmd_user_password(struct ctx *c, int argc, char **argv)
{
	struct user	 u;
	const char	*email;
	char		*pw;
	size_t		 len;
	long		 revoked = 0;
	enum status	 st;

	if (argc != 2 || strcmp(argv[0], "--email") != 0)
		usage_error("user password takes --email E, and only that");
	/* Trimmed, as user add stores it: " a@b.test " is that user. */
	email = argv[1] + strspn(argv[1], " \t");
	for (len = strlen(email); len > 0 && (email[len - 1] == ' ' ||
	    email[len - 1] == '\t'); len--)
		continue;
	email = arena_strndup(c->a, email, len);
	if (open_db(c) != 0 || crypto_init() != ST_OK)
		return 1;
	if ((st = user_find_email(c->a, c->db, email, &u)) == ST_NOTFOUND) {
		fprintf(stderr, "viva: no user with email %s\n", email);
		return 1;
	}
	pw = crypto_password_generate(c->a);
	if (st == ST_OK)
		st = user_reset_password(c->a, c->db, u.org_id, u.id, pw,
		    &revoked);
	if (st != ST_OK) {
		fprintf(stderr, "viva: could not set the password (%s)\n", status_str(st));
		return 1;
	}
	printf("email:    %s\npassword: %s\n(shown once; the user's sessions were"
	    " ended and %ld API token%s revoked)\n", u.email, pw, revoked,
	    revoked == 1 ? "" : "s");
	return 0;
}

/* 1 for a lone --dry-run, 0 for nothing; anything else is refused. */
static int
dry_run(int argc, char **argv, const char *cmd)
{
	if (argc == 0)
		return 0;
	if (argc > 1)
		usage_error("%s takes one argument at most: --dry-run", cmd);
	if (strcmp(argv[0], "--dry-run") != 0)
		usage_error("%s takes only --dry-run, not \"%s\"", cmd, argv[0]);
	return 1;
}

/*
 * The timer's jobs: retention (each deletion is also in the org's events),
 * the tokens held by calls that died, then the one-way answers a pool
 * process could not transcribe.
 */
static int
cmd_jobs_run(struct ctx *c, int argc, char **argv)
{
	struct retention_report	 rep;
	int			 dry = dry_run(argc, argv, "jobs run");
	enum status		 st;

	if (open_db(c) != 0)
		return 1;
	if ((st = retention_run(c->a, c->db, c->cfg.storage_dir, dry, &rep)) !=
	    ST_OK) {
		fprintf(stderr, "viva: retention failed (%s)\n", status_str(st));
		return 1;
	}
	printf("retention: %s %lld transcripts (%lld messages, %lld answers) in %lld orgs;"
	    " %lld recordings; %lld temporary files a day old\n", dry ?
	    "would delete" : "deleted", rep.interviews, rep.messages,
	    rep.answers, rep.orgs, rep.recordings, rep.temp_files);
	if (cli_reservations(c->a, c->db, dry) != 0)
		return 1;
	return cli_transcripts(&c->cfg, c->a, c->db, dry);
}

static int
cmd_reseal(struct ctx *c, int argc, char **argv)
{
	int	dry = dry_run(argc, argv, "recordings reseal");

	return open_db(c) != 0 ? 1 : cli_reseal(&c->cfg, c->db, dry);
}

/*
 * tokens needs no database, only share_dir's data/: from the configuration
 * when a file is named, as an installed viva's is not ./data.
 */
static int
cmd_tokens(struct ctx *c, int argc, char **argv)
{
	char	err[512];
	int	rc;

	if (c->config == NULL && getenv("VIVA_CONFIG") == NULL)
		return cli_tokens(argc, argv, NULL);
	if (config_load(c->config, &c->cfg, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "viva: %s\n", err);
		rc = 1;
	} else
		rc = cli_tokens(argc, argv, c->cfg.share_dir);
	config_free(&c->cfg);
	return rc;
}

static int
cmd_export(struct ctx *c, int argc, char **argv)
{
	struct export_args	 x;
	const char		*why;

	if ((why = cli_export_args(argc, argv, &x)) != NULL) {
		fprintf(stderr, "viva: export: %s\nusage: viva export --org NAME"
		    " [--interview ID] [--format json|md|csv]\n"
		    "           [--sort created|activity|name] [--out DIR]\n",
		    why);
		return 2;
	}
	return open_db(c) != 0 ? 1 : cli_export(c->db, &x);
}

static const struct command {
	const char	*name;
	const char	*sub;		/* its second word, or NULL */
	int		(*run)(struct ctx *, int, char **);
} commands[] = {
	{ "migrate",	NULL,		cmd_migrate },
	{ "user",	"add",		cmd_user_add },
	{ "user",	"password",	cmd_user_password },
	{ "jobs",	"run",		cmd_jobs_run },
	{ "recordings",	"reseal",	cmd_reseal },
	{ "export",	NULL,		cmd_export },
};

/* The command argv names, or a usage error that says what is wrong. */
static const struct command *
find_command(int argc, char **argv)
{
	const struct command	*cmd;
	char			 subs[64] = "";
	size_t			 i, n;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		cmd = &commands[i];
		if (strcmp(argv[0], cmd->name) != 0)
			continue;
		if (cmd->sub == NULL ||
		    (argc > 1 && strcmp(argv[1], cmd->sub) == 0))
			return cmd;
		n = strlen(subs);
		snprintf(subs + n, sizeof(subs) - n, "%s%s", n > 0 ? " or " : "",
		    cmd->sub);
	}
	if (subs[0] != '\0')
		usage_error("%s %s? (%s %s)", argv[0], argc > 1 ? argv[1] : "what",
		    argv[0], subs);
	usage_error("unknown command \"%s\"", argv[0]);
}

int
main(int argc, char **argv)
{
	const struct command	*cmd;
	struct ctx		 c;
	int			 rc, skip;

	log_init("viva");
	export_json_numbers();
	memset(&c, 0, sizeof(c));
	c.config = take_config(&argc, argv);
	help_if_asked(argc, argv);
	if (argc < 2)
		usage_error("which command?");
	if (strcmp(argv[1], "tokens") == 0)
		return cmd_tokens(&c, argc - 1, argv + 1);
	cmd = find_command(argc - 1, argv + 1);
	skip = cmd->sub == NULL ? 2 : 3;
	c.a = arena_new();
	rc = cmd->run(&c, argc - skip, argv + skip);
	arena_free(c.a);
	db_close(c.db);
	config_free(&c.cfg);
	return rc;
}

/* stack.h: start a throwaway stack (PostgreSQL, nginx, viva.fcgi) on loopback, and talk HTTP to it. */
#ifndef VIVA_TEST_STACK_H
#define VIVA_TEST_STACK_H

#include <stddef.h>

struct stack {
	char	var[256];	/* its own directory, removed by stack_stop */
	int	port;
	char	base[64];	/* http://127.0.0.1:PORT */
	char	conf[320];
};

/* Starts everything on a free port; returns 0 or -1 (with the reason on stderr). */
int	 stack_start(struct stack *);
/* A free loopback port whose successor is free too, below the ephemeral range. */
int	 stack_free_port(void);
/* Lines of $VAR/log/<log> that match the grep pattern re. */
long	 stack_log_count(const struct stack *, const char *log, const char *re);
/* Milliseconds on the monotonic clock. */
long long ms_now(void);
void	 stack_stop(struct stack *);
/* Runs a shell command with VIVA_VAR, VIVA_PORT and VIVA_BIN_DIR set; returns its exit status. */
int	 stack_sh(const struct stack *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Like stack_sh, returning the command's standard output (malloc'd, trailing newline cut). */
char	*stack_out(const struct stack *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Like stack_out, reading the output as a number (0 when it is not one). */
long long stack_num(const struct stack *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A command's output has (or lacks) s, else the test fails showing it. */
#define assert_output_has(out, s)	expect_output(__FILE__, __LINE__, (out), (s), 1)
#define assert_output_lacks(out, s)	expect_output(__FILE__, __LINE__, (out), (s), 0)
void	 expect_output(const char *file, int line, const char *out,
	    const char *s, int want);
/* Runs SQL with psql against the stack's database; returns the output (malloc'd). */
char	*stack_sql(const struct stack *, const char *sql);
/*
 * An exclusive lock on table, held from another session until released:
 * what a request needs of the table waits (or is cut off), what it does
 * not need answers.  stack_hold_lock returns 0 once it is granted.
 */
int	 stack_hold_lock(const struct stack *, const char *table);
void	 stack_release_lock(const struct stack *, const char *table);
/* How many times needle occurs in hay, the occurrences apart. */
int	 str_count(const char *hay, const char *needle);
/* Adds a user with `viva user add`; returns the generated password (malloc'd) or NULL. */
char	*stack_user_add(const struct stack *, const char *org, const char *email,
	    const char *role);
/* The supervisor's pid, and its children's pids (up to max). */
int	 stack_fcgi_pid(const struct stack *);
int	 stack_fcgi_children(const struct stack *, int *pids, int max);
/* viva-worker: its pid (from its pidfile, 0 if none) and its port (port + 1). */
int	 stack_worker_pid(const struct stack *);
int	 stack_worker_port(const struct stack *);

struct http;

struct resp {
	long	 status;
	char	*body;
	size_t	 len;
	char	*headers;	/* raw header block of the last response */
	double	 first_body_s;	/* from the request to the body's first byte; -1: none */
	double	 total_s;	/* the whole exchange */
};

/* A client with its own cookie jar (a browser, as far as the server can tell). */
struct http	*http_new(const struct stack *);
void		 http_free(struct http *);
/*
 * A client with a copy of h's cookies on a connection of its own: a second
 * tab.  A forked child posting through h itself would share its socket,
 * and the server would take the two requests one after the other.
 */
struct http	*http_twin(struct http *h);
/* path is appended to the base URL; body (urlencoded) makes it a POST. Follows no redirects. */
int		 http_req(struct http *, const char *method, const char *path,
		    const char *ctype, const char *body, size_t len,
		    const char *const *headers, struct resp *);
int		 http_get(struct http *, const char *path, struct resp *);
int		 http_post(struct http *, const char *path, const char *form, struct resp *);
/* A sample's value in a Prometheus text page (a /metrics body), or -1 when absent. */
double		 metric_in(const char *page, const char *series);
void		 resp_free(struct resp *);
/* A response header's value (malloc'd), or NULL. */
char		*resp_header(const struct resp *, const char *name);
/* The value of the first <input name="csrf" value="..."> in the body (malloc'd), or NULL. */
char		*resp_csrf(const struct resp *);
/* Signs in through the form; returns 0 when the server redirected to next. */
int		 http_login(struct http *, const char *email, const char *password);
/* The value of a cookie in the client's jar (malloc'd), or NULL. */
char		*http_cookie(struct http *, const char *name);
/* URL-encodes s (malloc'd). */
char		*http_escape(const char *s);

#endif

/* flow.h: steps the interview tests share: a stack, accounts, an interview, a candidate. */
#ifndef VIVA_TEST_FLOW_H
#define VIVA_TEST_FLOW_H

#include "stack.h"

extern struct stack	S;	/* the one stack of a test program */

struct account {
	const char	*org;
	const char	*email;
	const char	*role;
	char		*pw;
};

struct created {
	long long	 id;
	char		*token;
};

/* Starts S (with curl and libsodium) and adds each account, keeping its password. */
int		flow_start(struct account *const *acc, size_t n);
/* flow_start, then seed_test_bank(role). */
int		flow_start_bank(struct account *const *acc, size_t n,
		    const char *role);
/* Stops S and forgets the passwords. */
void		flow_stop(struct account *const *acc, size_t n);
/* A group teardown: flow_stop of the accounts flow_start was given. */
int		flow_teardown(void **state);

/* Assertions that name the caller's line and show the response. */
#define assert_status(r, code)	expect_status(__FILE__, __LINE__, (r), (code))
#define assert_has(r, s)	expect_body(__FILE__, __LINE__, (r), (s), 1)
#define assert_lacks(r, s)	expect_body(__FILE__, __LINE__, (r), (s), 0)
/* A form field (by its label's for=) shown with an error beside it, or not. */
#define assert_marked(r, id)	expect_marked(__FILE__, __LINE__, (r), (id), 1)
#define assert_unmarked(r, id)	expect_marked(__FILE__, __LINE__, (r), (id), 0)

char *		fmt(const char *f, ...);
long long	sql_num(const char *f, ...);
void		sql_do(const char *f, ...);
/*
 * Waits out the candidate page's copies (web/snapshot.h): a write made
 * outside the app, as sql_do's are, shows on that page once this returns.
 */
void		outside_write_settles(void);
/* A multipart answer: csrf, n, form_id, and one file part named field. */
struct file_part {
	const char	*csrf;
	int		 n;
	const char	*field;		/* "audio", "media" */
	const char	*filename;
	const char	*ctype;
	const void	*p;
	size_t		 len;
	const char	*form_id;	/* NULL: none, as from an old page */
};
/* POSTs f to path as multipart/form-data; returns the status. */
long		file_post(struct http *h, const char *path,
		    const struct file_part *f, struct resp *r);
/* Waits for a query of one boolean to give true (work done after a response). */
void		sql_wait(const char *f, ...);
/* One value as text (malloc'd), trailing newline cut. */
char *		sql_str(const char *f, ...);
/* A file (tests/fixtures/...), whole, malloc'd and NUL-ended; fails the test if unread. */
char *		slurp(const char *path, size_t *len);
/* A test of its own, last in a program: no 5xx, no sanitizer report in the app's log. */
void		test_no_request_failed_on_the_server_side(void **state);
void		expect_status(const char *file, int line, const struct resp *r, long code);
void		expect_body(const char *file, int line, const struct resp *r, const char *s, int want);
void		expect_marked(const char *file, int line, const struct resp *r, const char *id, int want);
int		field_marked(const char *body, const char *id, const char *msg);
void		get(struct http *h, const char *path, struct resp *r);
void		post(struct http *h, const char *path, const char *form, struct resp *r);
void		post_ok(struct http *h, const char *path, const char *csrf, const char *form, const char *where);
struct http *	signin(const struct account *acc);
char *		csrf_of(struct http *h, const char *path);
/* An API token named name, made on /admin/tokens as h's user (malloc'd). */
char *		api_token(struct http *h, const char *name);
/* The same, acc signed in for it alone. */
char *		api_token_of(const struct account *acc, const char *name);
/* The first form_id on the page (a copy): the form that acts once. */
char *		form_id_of(const struct resp *r);
/*
 * A form that acts once, sent twice.  From new_path's page (its csrf and
 * form_id) it posts bad to path and asserts that the answer, bad_status,
 * keeps the form's id (nothing was done with it); then it posts good twice:
 * *first and *again are the two answers.  bad and good are the fields after
 * csrf and form_id.  Returns the form's id (malloc'd).
 */
char *		form_sent_twice(struct http *h, const char *new_path,
		    const char *path, const char *bad, long bad_status,
		    const char *good, struct resp *first, struct resp *again);
/* How often s occurs in the body. */
int		count_in(const struct resp *r, const char *s);
/*
 * The server's milliseconds for GET path (its log's "ms" on the last line of
 * route, e.g. "GET /admin/analytics"), the best of three; each answer
 * must be 200.  last, unless NULL, keeps the last answer (the caller frees it).
 */
double		best_server_ms(struct http *h, const char *path,
		    const char *route, struct resp *last);
/* A 303 to where (asserted). */
#define assert_redirect(r, where) \
	expect_redirect(__FILE__, __LINE__, (r), (where))
void		expect_redirect(const char *file, int line,
		    const struct resp *r, const char *where);
void		create(struct http *h, const char *form, struct created *c);
/*
 * POSTs the create form of /admin/KIND ("adaptive", "oneway"): the csrf of
 * /admin/KIND/new, then the fields f makes.  The page shows the invite once:
 * c gets its token and the new interview's id.
 */
void		create_form(struct http *h, const char *kind, struct created *c,
		    const char *f, ...);
/*
 * The interviewer's page of interview id, or what follows its path
 * (suffix: "/export.md"); 200 asserted.
 */
void		interview_page(struct http *h, long long id, const char *suffix,
		    struct resp *r);
void		create_custom(struct http *h, const char *name, int budget, struct created *c);
struct http *	open_invite(const struct created *c, char **csrf);
struct http *	start(const struct created *c, char **csrf);
/* The candidate sends text to the assistant; returns the status (303 when sent). */
long		message_post(struct http *h, const char *csrf, const char *text,
		    struct resp *r);

/*
 * Covers both of seed_test_bank's rubric points, in sentences with a
 * reason: the builtin scorer scores it well.
 */
#define GOOD_ANSWER "First I would write a failing unit test because the" \
	" regression must stay fixed, then I fix the boundary condition so" \
	" that the empty input is handled. For example, with an empty list" \
	" the function returns zero, which means callers never crash. Finally" \
	" I run the whole suite."

/* A shipped role "QA tester" (skills testing, debugging) with two questions per
 * skill and level, every rubric wanting "unit test" and "boundary condition". */
int		seed_test_bank(const char *role);
/* Creates an adaptive interview with the form; extra carries role, model, counts. */
void		create_adaptive(struct http *h, const char *name, const char *extra,
		    struct created *c);
/* The number of the question on the candidate's page, 0 if none. */
int		current_n(struct http *h);
/* One column (expr) of interview id's question n, as text (malloc'd). */
char *		question_field(long long id, int n, const char *expr);
/* POSTs an answer to question n; returns the status (303 when recorded). */
long		answer_post(struct http *h, const char *csrf, int n, const char *text,
		    struct resp *r);
void		answer_ok(struct http *h, const char *csrf, int n, const char *text);
/* POST /c/ticket with the page's token; the response. */
void		ticket_post(struct http *h, const char *token, struct resp *r);
/* The path of a fresh voice ticket for h's interview (malloc'd). */
char *		ticket_url(struct http *h, const char *token);

#endif

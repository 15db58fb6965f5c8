/* auth.c: sign in, sign out, and who is asking (session cookie or bearer token). */
#include <string.h>
#include <strings.h>

#include "core/event.h"
#include "core/session.h"
#include "lib/crypto.h"
#include "handlers.h"

#define SESSION_COOKIE	"viva_session"
#define LOGIN_COOKIE	"viva_csrf"
/*
 * Set at each sign-in, kept a year: the browser is then known to the
 * account wherever it goes, so that others' wrong passwords do not lock it
 * out (core/session.c).  Not a credential: the password is still asked.
 */
#define DEVICE_COOKIE	"viva_device"
#define DEVICE_DAYS	365

const struct field login_fields[] = {
	{ "email",	F_EMAIL,	3, 254,  FIELD_REQUIRED, NULL },
	{ "password",	F_PASSWORD,	1, 1024, FIELD_REQUIRED, NULL },
	{ "next",	F_LINE,		0, 500,  0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum status
auth_load_session(struct req *r)
{
	const char	*token = req_cookie(r, SESSION_COOKIE);
	enum status	 st;

	if (token == NULL || *token == '\0' || r->user != NULL)
		return ST_OK;
	st = session_lookup(r->a, r->db, token, &r->sess);
	if (st == ST_NOTFOUND)
		return ST_OK;	/* expired or forged: treated as signed out */
	if (st != ST_OK)
		return st;
	r->user = &r->sess.user;
	r->csrf = r->sess.csrf;
	return ST_OK;
}

enum status
auth_load_bearer(struct req *r)
{
	const char	*h = req_env(r, "HTTP_AUTHORIZATION");
	struct user	*u;
	enum status	 st;

	/* "Bearer" 1*SP token (RFC 6750, 2.1): any number of spaces. */
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0)
		for (h += 7; *h == ' '; h++)
			;
	else
		h = NULL;
	if (h == NULL || *h == '\0') {
		r->error_detail = "Send an API token in the header"
		    " Authorization: Bearer <token>.";
		return ST_UNAUTH;
	}
	u = arena_calloc(r->a, 1, sizeof(*u));
	if ((st = apitoken_auth(r->a, r->db, h, u, &r->token_name)) ==
	    ST_NOTFOUND) {
		r->error_detail = "The API token is not valid, has been revoked,"
		    " has expired or belongs to a disabled user.";
		return ST_UNAUTH;
	}
	if (st == ST_OK)
		r->user = u;
	return st;
}

enum status
auth_home(struct req *r)
{
	enum status	st;

	if ((st = auth_load_session(r)) != ST_OK)
		return st;
	return resp_redirect(r, r->user != NULL ? "/admin" : "/login");
}

/*
 * Only a local path may follow sign-in, so the form cannot send people
 * elsewhere: no "//host" or "/\\host", and no control character or space
 * anywhere, for browsers drop a tab or a newline from a URL ("/\t/host" is
 * "//host" to them).
 */
static const char *
safe_next(const char *next)
{
	const unsigned char	*p;

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/admin";
	for (p = (const unsigned char *)next; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			return "/admin";
	return next;
}

static enum status
render_login(struct req *r, int code, const char *message, const char *email)
{
	struct view	*v = page_view(r, "Sign in", NULL);
	const char	*next = params_val(&r->query, "next");

	if (r->method == M_POST)
		next = params_val(&r->form, "next");
	view_set_str(v, "next", next != NULL ? next : "");
	view_set_str(v, "email", email != NULL ? email : "");
	if (message != NULL)
		view_set_str(v, "message", message);
	if (params_val(&r->query, "bye") != NULL)
		view_set_bool(v, "signed_out", 1);
	if (r->fields != NULL)
		page_form_values(r, v);
	return resp_render(r, code, "login", v);
}

enum status
auth_login_form(struct req *r)
{
	enum status	st;

	if ((st = auth_load_session(r)) != ST_OK)
		return st;
	if (r->user != NULL)
		return resp_redirect(r, "/admin");
	/* Double-submit token: the form must echo the cookie this page set. */
	if ((r->csrf = req_cookie(r, LOGIN_COOKIE)) == NULL || strlen(r->csrf) < 32) {
		r->csrf = crypto_token(r->a, 32);
		resp_cookie(r, LOGIN_COOKIE, r->csrf, 0);
	}
	return render_login(r, 200, NULL, NULL);
}

static const char *
device_cookie(struct req *r)
{
	const char	*v = req_cookie(r, DEVICE_COOKIE);

	return v != NULL && strlen(v) >= 32 && strlen(v) <= 64 ? v : NULL;
}

/* An attempt from r's address with device cookie value v (NULL: none). */
static struct login_from
from_device(struct req *r, const char *v)
{
	struct login_from	 f = { r->ip, "" };

	if (v != NULL)
		f.device = crypto_token_hash(r->a, v, strlen(v));
	return f;
}

struct login_from
auth_login_from(struct req *r)
{
	return from_device(r, device_cookie(r));
}

enum status
auth_login(struct req *r)
{
	const char		*email = req_field(r, "email")->text;
	const char		*device = device_cookie(r);
	char			*token, *csrf;
	struct login_from	 from;
	struct user		 u;
	enum status		 st;

	r->csrf = req_cookie(r, LOGIN_COOKIE);
	if (r->fields_st != ST_OK)
		return render_login(r, 400, NULL, email);
	/* A browser without one gets its device cookie with this sign-in. */
	if (device == NULL)
		device = crypto_token(r->a, 32);
	from = from_device(r, device);
	st = login_check(r->a, r->db, email, req_field(r, "password")->text,
	    &from, &u);
	if (st == ST_DENIED)
		return render_login(r, 403,
		    "The email or password is incorrect.", email);
	if (st == ST_TOOMANY) {
		r->retry_after_s = LOGIN_WINDOW_MINUTES * 60;
		return render_login(r, 429, "Too many failed sign-in attempts."
		    " Wait 15 minutes and try again.", email);
	}
	if (st != ST_OK)
		return st;
	st = session_create(r->a, r->db, u.id, r->app->cfg.session_hours, r->ip,
	    r->ua, &token, &csrf);
	if (st != ST_OK)
		return st;
	resp_cookie(r, SESSION_COOKIE, token, (long)r->app->cfg.session_hours * 3600);
	resp_cookie(r, DEVICE_COOKIE, device, DEVICE_DAYS * 86400L);
	return resp_redirect(r, safe_next(req_field(r, "next")->text));
}

enum status
auth_logout(struct req *r)
{
	enum status	st;

	st = session_delete(r->a, r->db, req_cookie(r, SESSION_COOKIE));
	if (st != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, "logout", NULL, r->ip);
	resp_cookie(r, SESSION_COOKIE, "", -1);
	r->user = NULL;
	return resp_redirect(r, "/login?bye=1");
}

/*
 * candidate_upload.c: resumable uploads of one-way answers, for the page's
 * script: start (how many chunks, how many bytes), send each chunk with
 * its checksum in any order and as often as needed, ask which chunks
 * arrived (after a dropped connection), then finalise: every chunk there,
 * assembled, checked, sealed and renamed into the store, or refused with
 * nothing left behind.  JSON in and out; the page's token in X-CSRF-Token.
 */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/oneway.h"
#include "lib/chunks.h"
#include "lib/crypto.h"
#include "lib/filestore.h"
#include "lib/log.h"
#include "handlers.h"

const struct field upload_start_fields[] = {
	{ "n",		F_INT,	1, ONEWAY_MAX_QUESTIONS, FIELD_REQUIRED, NULL },
	{ "chunks",	F_INT,	1, CHUNKS_MAX,	FIELD_REQUIRED, NULL },
	{ "bytes",	F_INT,	1, 1LL << 40,	FIELD_REQUIRED, NULL },
	{ "type",	F_LINE,	0, 100,		0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* {"error":{"code","message"}} at any HTTP status. */
static enum status
fail(struct req *r, int code, const char *what, const char *msg)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*e = json_object_new_object();

	json_object_object_add(e, "code", json_object_new_string(what));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(e, "request_id", json_object_new_string(r->id));
	json_object_object_add(o, "error", e);
	return resp_json(r, code, o);
}

/* The candidate's interview, the page's token in the header (or form). */
static enum status
load(struct req *r, struct interview *iv)
{
	const char	*sent = req_env(r, "HTTP_X_CSRF_TOKEN");
	enum status	 st;

	r->api = 1;
	if ((st = candidate_session_load(r, iv)) != ST_OK)
		return st;
	if (sent == NULL)
		sent = params_val(&r->form, "csrf");
	if (r->method == M_POST && (sent == NULL || r->csrf == NULL ||
	    *r->csrf == '\0' || !crypto_str_eq(sent, r->csrf))) {
		r->error_detail = "Send the page's form token in the header"
		    " X-CSRF-Token.";
		return ST_DENIED;
	}
	if (strcmp(iv->kind, "oneway") != 0)
		return ST_NOTFOUND;
	return ST_OK;
}

static struct json_object *
state_json(const struct oneway_upload *u)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*got = json_object_new_array();
	struct json_object	*miss = json_object_new_array();
	unsigned char		*have = calloc(1, (size_t)u->total_chunks);
	long long		 bytes;
	int			 i;

	if (have == NULL)
		abort();
	(void)chunks_have(u->dir, u->total_chunks, have, &bytes);
	for (i = 0; i < u->total_chunks; i++)
		json_object_array_add(have[i] ? got : miss,
		    json_object_new_int(i));
	free(have);
	json_object_object_add(o, "id", json_object_new_string(u->id));
	json_object_object_add(o, "n", json_object_new_int(u->n));
	json_object_object_add(o, "chunks", json_object_new_int(
	    u->total_chunks));
	json_object_object_add(o, "bytes", json_object_new_int64(
	    u->total_bytes));
	json_object_object_add(o, "received", got);
	json_object_object_add(o, "missing", miss);
	return o;
}

/* POST /c/oneway/uploads: n, chunks, bytes, type. */
enum status
candidate_upload_start(struct req *r)
{
	struct oneway_env	 env = oneway_env_of(r);
	struct oneway_upload	 u;
	struct interview	 iv;
	const char		*why;
	long long		 bytes = req_field(r, "bytes")->num;
	int			 chunks = (int)req_field(r, "chunks")->num;
	int			 n = (int)req_field(r, "n")->num;
	enum status		 st;

	if ((st = load(r, &iv)) != ST_OK)
		return st;
	if (r->fields_st != ST_OK)
		return fail(r, 400, "invalid", arena_printf(r->a, "Send n (the"
		    " question), chunks (1 to %d) and bytes (the whole file's"
		    " size).", CHUNKS_MAX));
	if (bytes > env.rec.max_bytes)
		return fail(r, 413, "too_large", oneway_refusal_text(r->a, &env,
		    RR_TOO_LARGE, NULL));
	/* A chunk is never empty: more chunks than bytes never all come. */
	if (chunks > bytes)
		return fail(r, 400, "invalid", arena_printf(r->a, "An upload of"
		    " %lld bytes cannot come in %d chunks: each chunk holds at"
		    " least one byte.", bytes, chunks));
	if (bytes > (long long)chunks * ONEWAY_CHUNK_MAX)
		return fail(r, 400, "invalid", "Chunks are at most 1 MiB: send"
		    " more of them.");
	if (oneway_can_record(r->a, r->db, &iv, n, &why) != ST_OK)
		return fail(r, 409, "conflict", why);
	if ((st = oneway_upload_start(r->a, r->db, &env, &iv, n, chunks, bytes,
	    req_field(r, "type")->text, &u)) != ST_OK)
		return st;
	r->no_store = 1;
	return resp_json(r, 201, state_json(&u));
}

static enum status
upload_of(struct req *r, struct interview *iv, struct oneway_upload *u)
{
	struct oneway_env	 env = oneway_env_of(r);
	enum status		 st;

	if ((st = load(r, iv)) != ST_OK)
		return st;
	if ((st = oneway_upload_get(r->a, r->db, &env, iv->id, r->args[0], u)) ==
	    ST_NOTFOUND)
		r->error_detail = "No such upload: start a new one.";
	return st;
}

/* GET /c/oneway/uploads/:id: which chunks arrived, which are missing. */
enum status
candidate_upload_status(struct req *r)
{
	struct oneway_upload	 u;
	struct interview	 iv;
	enum status		 st;

	if ((st = upload_of(r, &iv, &u)) != ST_OK)
		return st;
	r->no_store = 1;
	return resp_json(r, 200, state_json(&u));
}

/* The chunk's checksum from the query: sha256=HEX or blake2b=HEX. */
static const char *
sum_of(struct req *r, enum chunk_sum *alg)
{
	const char	*h;

	*alg = CS_SHA256;
	if ((h = params_val(&r->query, "sha256")) != NULL)
		return h;
	*alg = CS_BLAKE2B;
	return params_val(&r->query, "blake2b");
}

/* POST /c/oneway/uploads/:id/chunks/:i?total=N&sha256=HEX: the body is the chunk. */
enum status
candidate_upload_chunk(struct req *r)
{
	struct oneway_upload	 u;
	struct interview	 iv;
	enum chunk_sum		 alg;
	const char		*hex, *total = params_val(&r->query, "total");
	int			 i;
	enum status		 st;

	if ((st = upload_of(r, &iv, &u)) != ST_OK)
		return st;
	if (req_arg_index(r, 1, &i) != ST_OK)
		return fail(r, 400, "invalid", "The chunk index is not a"
		    " number.");
	/* As text: "2x" read as far as it is a number would pass for 2. */
	if (total != NULL && strcmp(total, arena_printf(r->a, "%d",
	    u.total_chunks)) != 0)
		return fail(r, 400, "invalid", arena_printf(r->a, "This upload"
		    " has %d chunks, not %s.", u.total_chunks, total));
	if (!chunks_sum_valid(hex = sum_of(r, &alg)))
		return fail(r, 400, "invalid", "Send the chunk's SHA-256 (or"
		    " BLAKE2b-256) checksum as 64 hex characters in sha256="
		    " (or blake2b=).");
	if (r->raw_len > ONEWAY_CHUNK_MAX)
		return fail(r, 413, "too_large", "A chunk is at most 1 MiB.");
	if (i < u.total_chunks && !chunks_fits(u.dir, u.total_chunks, i,
	    r->raw_len, u.total_bytes))
		return fail(r, 413, "too_large", arena_printf(r->a, "The chunks"
		    " add up to more than the %lld bytes announced.",
		    u.total_bytes));
	switch (chunks_put(r->a, u.dir, i, u.total_chunks, alg, r->raw,
	    r->raw_len, hex)) {
	case CH_OK:
		break;
	case CH_BAD_INDEX:
		return fail(r, 400, "invalid", arena_printf(r->a, "Chunk %d"
		    " is out of range: this upload has chunks 0 to %d.", i,
		    u.total_chunks - 1));
	case CH_BAD_SUM:
		return fail(r, 422, "checksum", arena_printf(r->a, "Chunk %d"
		    " does not match its checksum: it was damaged on the way."
		    " Send it again.", i));
	case CH_EMPTY:
		return fail(r, 400, "invalid", "The chunk is empty.");
	case CH_FULL:
		return fail(r, 503, "unavailable", ONEWAY_UNSTORED_TEXT);
	default:
		return ST_INTERNAL;
	}
	return resp_json(r, 200, state_json(&u));
}

/* The chunks as one file in storage_dir/tmp, mapped; *fd and *tmp to drop. */
static enum status
assemble(struct req *r, const struct oneway_upload *u, long long max,
    int *fd, char **tmp, void **m, long long *len)
{
	const struct oneway_env	 env = oneway_env_of(r);
	enum status		 st;

	*m = NULL;
	if ((*fd = filestore_temp(r->a, arena_printf(r->a, "%s/tmp",
	    env.rec.storage_dir), tmp)) == -1)
		return filestore_write_status(errno);
	if ((st = chunks_assemble(u->dir, u->total_chunks, max, *fd, len)) !=
	    ST_OK)
		return st;
	if (*len == 0)
		return ST_OK;
	*m = mmap(NULL, (size_t)*len, PROT_READ, MAP_PRIVATE, *fd, 0);
	if (*m == MAP_FAILED) {
		*m = NULL;
		return ST_INTERNAL;
	}
	return ST_OK;
}

/* Gives up the upload: its chunks, its row, the assembled file. */
static void
drop(struct req *r, const struct oneway_upload *u, int fd, char *tmp,
    void *m, long long len)
{
	if (m != NULL)
		munmap(m, (size_t)len);
	filestore_abort(fd, tmp);
	oneway_upload_drop(r->a, r->db, u);
}

/* POST /c/oneway/uploads/:id/finalize */
enum status
candidate_upload_finalize(struct req *r)
{
	struct oneway_env	 env = oneway_env_of(r);
	struct oneway_upload	 u;
	struct interview	 iv;
	struct json_object	*o;
	const char		*msg = NULL;
	char			*tmp = NULL;
	void			*m;
	long long		 len = 0;
	int			 fd = -1, attempt = 0, code = 500;
	enum status		 st;

	if ((st = upload_of(r, &iv, &u)) != ST_OK)
		return st;
	st = assemble(r, &u, env.rec.max_bytes, &fd, &tmp, &m, &len);
	if (st == ST_CONFLICT) {
		filestore_abort(fd, tmp);
		return resp_json(r, 409, state_json(&u));	/* resume */
	}
	if (st == ST_TOOLARGE || (st == ST_OK && len != u.total_bytes)) {
		drop(r, &u, fd, tmp, m, len);
		return fail(r, st == ST_TOOLARGE ? 413 : 400, st == ST_TOOLARGE ?
		    "too_large" : "invalid", st == ST_TOOLARGE ?
		    oneway_refusal_text(r->a, &env, RR_TOO_LARGE, NULL) :
		    "The chunks do not add up to the size announced: record"
		    " and send the answer again.");
	}
	if (st == ST_OK)
		st = candidate_oneway_store_take(r, &iv, u.n, m, (size_t)len,
		    &attempt, &code, &msg);
	else if (st == ST_UNAVAILABLE) {	/* assembling met a full disk */
		code = 503;
		msg = ONEWAY_UNSTORED_TEXT;
	}
	drop(r, &u, fd, tmp, m, len);
	if (st == ST_INVALID || st == ST_CONFLICT || code == 503)
		return fail(r, code, code == 503 ? "unavailable" : code == 409 ?
		    "conflict" : code == 413 ? "too_large" : "unreadable", msg);
	if (st != ST_OK)
		return st;
	o = json_object_new_object();
	json_object_object_add(o, "n", json_object_new_int(u.n));
	json_object_object_add(o, "attempt", json_object_new_int(attempt));
	json_object_object_add(o, "bytes", json_object_new_int64(len));
	json_object_object_add(o, "url", json_object_new_string(arena_printf(
	    r->a, "/c/oneway/takes/%d", u.n)));
	return resp_json(r, 201, o);
}

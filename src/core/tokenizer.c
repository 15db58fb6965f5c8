/* tokenizer.c: loads the BPE rank data, maps models to encodings, counts chat requests. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tokenizer_impl.h"
#include "lib/log.h"

/* Far above the 1.6 MB of o200k_base; guards against reading a wrong file. */
#define TOK_FILE_MAX	(64u << 20)

static const char *const encoding_names[TOK__MAX] = {
	"o200k_base",		/* TOK_O200K_BASE */
	"cl100k_base",		/* TOK_CL100K_BASE */
};

/*
 * The header of a .bpe file, as scripts/gen-tokenizer-data.mjs writes it
 * (the format is described there): text lines up to an empty one, then a
 * byte of length per rank, then the tokens' bytes in rank order.
 */
struct header {
	const char	*encoding;
	size_t		 encoding_len;
	const char	*pattern;	/* the PCRE2 spelling */
	size_t		 pattern_len;
	unsigned long	 nranks;
	unsigned long	 nbytes;
	size_t		 size;		/* header bytes, up to the tables */
};

const char *
tokenizer_encoding_name(enum tok_encoding enc)
{
	if ((unsigned)enc >= TOK__MAX)
		return "unknown";
	return encoding_names[enc];
}

enum status
tokenizer_encoding_parse(const char *name, enum tok_encoding *out)
{
	size_t	 i;

	for (i = 0; i < TOK__MAX; i++)
		if (strcmp(name, encoding_names[i]) == 0) {
			*out = (enum tok_encoding)i;
			return ST_OK;
		}
	return ST_INVALID;
}

/* Reads path whole into a malloc'd buffer; logs the cause of a failure. */
static enum status
read_file(const char *path, unsigned char **out, size_t *len)
{
	struct stat	 sb;
	unsigned char	*buf = NULL;
	size_t		 got = 0;
	ssize_t		 n;
	enum status	 st = ST_INTERNAL;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_error("tokenizer: open %s: %s", path, strerror(errno));
		return errno == ENOENT ? ST_NOTFOUND : ST_INTERNAL;
	}
	if (fstat(fd, &sb) == -1) {
		log_error("tokenizer: stat %s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size > (off_t)TOK_FILE_MAX) {
		log_error("tokenizer: %s: not a regular file under %u bytes",
		    path, TOK_FILE_MAX);
		st = ST_INVALID;
		goto out;
	}
	if ((buf = malloc((size_t)sb.st_size + 1)) == NULL)
		abort();
	while (got < (size_t)sb.st_size) {
		n = read(fd, buf + got, (size_t)sb.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("tokenizer: read %s: %s", path,
			    n == 0 ? "file shrank" : strerror(errno));
			goto out;
		}
		got += (size_t)n;
	}
	buf[got] = '\0';	/* lets the header parser use strtoul safely */
	*out = buf;
	*len = got;
	buf = NULL;
	st = ST_OK;
out:
	free(buf);
	close(fd);
	return st;
}

/* Parses "ranks N B"; the values must fit 32 bits, as offsets are uint32_t. */
static int
parse_ranks(const char *v, const char *end, struct header *h)
{
	char	*ep;

	if (!(v < end && *v >= '0' && *v <= '9'))
		return -1;
	h->nranks = strtoul(v, &ep, 10);
	if (ep >= end || *ep != ' ' || !(ep[1] >= '0' && ep[1] <= '9'))
		return -1;
	h->nbytes = strtoul(ep + 1, &ep, 10);
	if (ep != end || h->nranks == 0 || h->nranks >= UINT32_MAX ||
	    h->nbytes >= UINT32_MAX)
		return -1;
	return 0;
}

/* Reads header lines up to the empty one; lines it does not need are kept as documentation. */
static int
parse_header(const unsigned char *buf, size_t len, struct header *h)
{
	const char	*p = (const char *)buf, *end = p + len, *nl, *v;
	int		 have_ranks = 0, line;

	memset(h, 0, sizeof(*h));
	for (line = 0;; line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return -1;
		if (nl == p)
			break;
		v = memchr(p, ' ', (size_t)(nl - p));
		v = v == NULL ? nl : v + 1;
		if (line == 0 && !(nl - p == 10 && memcmp(p, "viva-bpe 1", 10) == 0))
			return -1;
		if (v - p == 9 && memcmp(p, "encoding ", 9) == 0) {
			h->encoding = v;
			h->encoding_len = (size_t)(nl - v);
		} else if (v - p == 6 && memcmp(p, "pcre2 ", 6) == 0) {
			h->pattern = v;
			h->pattern_len = (size_t)(nl - v);
		} else if (v - p == 6 && memcmp(p, "ranks ", 6) == 0) {
			if (parse_ranks(v, nl, h) == -1)
				return -1;
			have_ranks = 1;
		}
		p = nl + 1;
	}
	h->size = (size_t)(p + 1 - (const char *)buf);
	if (!have_ranks || h->encoding == NULL || h->pattern == NULL ||
	    h->pattern_len == 0)
		return -1;
	return (uint64_t)(len - h->size) ==
	    (uint64_t)h->nranks + h->nbytes ? 0 : -1;
}

/* Adds rank r; a repeated byte string keeps the later rank, as js-tiktoken's Map does. */
static void
table_insert(struct tokenizer *t, uint32_t r)
{
	const unsigned char	*p = t->bytes + t->off[r];
	size_t			 n = t->off[r + 1] - t->off[r];
	uint64_t		 h = tok_hash(p, n);
	uint32_t		 i, q;

	for (i = (uint32_t)h & t->mask;; i = (i + 1) & t->mask) {
		q = t->slots[i].rank;
		if (q == TOK_NO_RANK)
			break;
		if (t->off[q + 1] - t->off[q] == n &&
		    memcmp(t->bytes + t->off[q], p, n) == 0)
			break;
	}
	t->slots[i].head = tok_head(p, n);
	t->slots[i].rank = r;
	t->slots[i].taglen = tok_taglen(h, n);
}

/* Builds offsets and the hash table from the length table; -1 if the lengths do not add up. */
static int
build_tables(struct tokenizer *t, const struct header *h)
{
	const unsigned char	*lens = t->file + h->size;
	uint64_t		 sum = 0;
	uint32_t		 r, size;

	t->nranks = (uint32_t)h->nranks;
	t->bytes = lens + h->nranks;
	if ((t->off = malloc(((size_t)t->nranks + 1) * sizeof(*t->off))) == NULL)
		abort();
	for (r = 0; r < t->nranks; r++) {
		t->off[r] = (uint32_t)sum;
		sum += lens[r];	/* below 2^40: no wrap before the check */
		if (lens[r] > t->maxlen)
			t->maxlen = lens[r];
	}
	if (sum != h->nbytes)
		return -1;	/* nbytes < 2^32, so every offset above fit */
	t->off[t->nranks] = (uint32_t)sum;
	/* At most half full, so probes stay short. */
	for (size = 1024; size < 2 * t->nranks; size *= 2)
		continue;
	if ((t->slots = malloc((size_t)size * sizeof(*t->slots))) == NULL)
		abort();
	memset(t->slots, 0xff, (size_t)size * sizeof(*t->slots));
	t->mask = size - 1;
	for (r = 0; r < t->nranks; r++)
		if (lens[r] != 0)
			table_insert(t, r);
	return 0;
}

/* Every single byte must be a token, or some text would have no encoding. */
static int
fill_byte_ranks(struct tokenizer *t)
{
	unsigned char	 b;
	int		 c;

	for (c = 0; c < 256; c++) {
		b = (unsigned char)c;
		if ((t->byte_rank[c] = tok_rank(t, &b, 1)) == TOK_NO_RANK)
			return -1;
	}
	return 0;
}

/*
 * Compiles the pre-tokenizer pattern in UTF mode; JIT when PCRE2 has it, the
 * interpreter otherwise.  The pattern is js-tiktoken's pat_str (the file's
 * "pattern" line) with \s spelled out as JavaScript defines it (its "pcre2"
 * line), so no PCRE2_UCP: every Unicode class in it is an explicit \p{..}.
 */
static enum status
compile_pattern(struct tokenizer *t, const struct header *h, const char *path)
{
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 erroff;
	int		 err;

	t->re = pcre2_compile((PCRE2_SPTR)h->pattern, h->pattern_len,
	    PCRE2_UTF, &err, &erroff, NULL);
	if (t->re == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		log_error("tokenizer: %s: pattern at %zu: %s", path,
		    (size_t)erroff, (const char *)msg);
		return ST_INTERNAL;
	}
	t->jit = pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE) == 0;
	return ST_OK;
}

/* Checks the header against the encoding asked for and builds the tables. */
static enum status
load_tables(struct tokenizer *t, size_t len, const char *path)
{
	struct header	 h;
	const char	*name = encoding_names[t->enc];

	if (parse_header(t->file, len, &h) == -1) {
		log_error("tokenizer: %s: malformed header or size", path);
		return ST_INVALID;
	}
	if (h.encoding_len != strlen(name) ||
	    memcmp(h.encoding, name, h.encoding_len) != 0) {
		log_error("tokenizer: %s: not %s", path, name);
		return ST_INVALID;
	}
	if (build_tables(t, &h) == -1 || fill_byte_ranks(t) == -1) {
		log_error("tokenizer: %s: inconsistent rank tables", path);
		return ST_INVALID;
	}
	return compile_pattern(t, &h, path);
}

enum status
tokenizer_load(const char *data_dir, enum tok_encoding enc,
    struct tokenizer **out)
{
	struct tokenizer	*t;
	char			 path[PATH_MAX];
	size_t			 len;
	enum status		 st;
	int			 n;

	*out = NULL;
	if ((unsigned)enc >= TOK__MAX)
		return ST_INVALID;
	n = snprintf(path, sizeof(path), "%s/%s.bpe", data_dir,
	    encoding_names[enc]);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		log_error("tokenizer: data directory path too long");
		return ST_INVALID;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		abort();
	t->enc = enc;
	if ((st = read_file(path, &t->file, &len)) == ST_OK)
		st = load_tables(t, len, path);
	if (st != ST_OK) {
		tokenizer_free(t);
		return st;
	}
	*out = t;
	return ST_OK;
}

void
tokenizer_free(struct tokenizer *t)
{
	if (t == NULL)
		return;
	pcre2_code_free(t->re);
	free(t->slots);
	free(t->off);
	free(t->file);
	free(t);
}

size_t
tokenizer_count(const struct tokenizer *t, const char *text, size_t len)
{
	return tokenizer_encode(t, text, len, NULL, 0);
}

/*
 * The rule of OpenAI's cookbook, "How to count tokens with tiktoken"
 * (num_tokens_from_messages), for gpt-3.5-turbo-0613 and every later chat
 * model: each message costs 3 tokens of framing (<|start|>role...<|end|>)
 * plus the tokens of its role and content; a name costs its tokens plus 1;
 * the reply is primed with <|start|>assistant<|message|>, 3 more.  The API's
 * own count can differ by a few tokens for tools and images, not counted here.
 */
size_t
tokenizer_chat_count(const struct tokenizer *t, tok_count_fn *count,
    const struct tok_message *m, size_t n)
{
	size_t	 i, total = 3;

	for (i = 0; i < n; i++) {
		total += 3;
		if (m[i].role != NULL)
			total += count(t, m[i].role, strlen(m[i].role));
		total += count(t, m[i].content, m[i].content_len);
		if (m[i].name != NULL)
			total += 1 + count(t, m[i].name, strlen(m[i].name));
	}
	return total;
}

/*
 * True when model is prefix alone, or followed by '-' (a dated or sized
 * variant) or ':' (a fine-tuned one, "gpt-4:org::id").
 */
static int
family(const char *model, const char *prefix)
{
	size_t	 n = strlen(prefix);

	return strncmp(model, prefix, n) == 0 &&
	    (model[n] == '\0' || model[n] == '-' || model[n] == ':');
}

/*
 * Families as js-tiktoken's getEncodingNameForModel lists them, by prefix so
 * that new dated snapshots need no change.  "ft:" (fine-tuned) and "org/"
 * (routers, Azure deployments) prefixes are skipped.  Order matters: gpt-4o
 * and gpt-4.1 before gpt-4.
 */
enum tok_encoding
tokenizer_for_model(const char *model)
{
	static const char *const cl100k[] = {
		"gpt-4", "gpt-3.5-turbo", "gpt-35-turbo",
		"text-embedding-3-small", "text-embedding-3-large",
		"text-embedding-ada-002",
	};
	const char	*slash;
	size_t		 i;

	if (model == NULL)
		return TOK_O200K_BASE;
	if ((slash = strrchr(model, '/')) != NULL)
		model = slash + 1;
	if (strncmp(model, "ft:", 3) == 0)
		model += 3;
	if (strncmp(model, "gpt-4o", 6) == 0 || strncmp(model, "gpt-4.", 6) == 0 ||
	    strncmp(model, "chatgpt-4o", 10) == 0)
		return TOK_O200K_BASE;
	for (i = 0; i < NITEMS(cl100k); i++)
		if (family(model, cl100k[i]))
			return TOK_CL100K_BASE;
	return TOK_O200K_BASE;	/* gpt-5, o1, o3, o4 and whatever comes next */
}

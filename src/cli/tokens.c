/* tokens.c: viva tokens, the token count or ids of standard input. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tokenizer.h"
#include "tokens.h"

struct tokens_args {
	enum tok_encoding	 enc;
	int			 ids;
	const char		*data;	/* NULL: from the environment */
};

static int
tokens_usage(void)
{
	fputs("usage: viva tokens [--encoding o200k_base|cl100k_base] [--ids]"
	    " [--data DIR]\n"
	    "  counts the tokens of standard input, or prints their ids\n"
	    "  DIR defaults to share_dir/data of the file --config names,\n"
	    "  else $VIVA_SHARE_DIR/data, else ./data\n", stderr);
	return 2;
}

/* The value of --flag VALUE or --flag=VALUE; advances *i past it. */
static const char *
flag_value(int argc, char **argv, int *i, const char *flag)
{
	size_t	 n = strlen(flag);

	if (strncmp(argv[*i], flag, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

/* 0 to go on, -1 on a bad argument, 1 when help was asked for. */
static int
parse_args(int argc, char **argv, struct tokens_args *a)
{
	const char	*v;
	int		 i;

	memset(a, 0, sizeof(*a));
	a->enc = TOK_O200K_BASE;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
		if (strcmp(argv[i], "--ids") == 0)
			a->ids = 1;
		else if ((v = flag_value(argc, argv, &i, "--encoding")) != NULL) {
			if (tokenizer_encoding_parse(v, &a->enc) != ST_OK) {
				fprintf(stderr, "viva tokens: unknown encoding "
				    "'%s' (o200k_base or cl100k_base)\n", v);
				return -1;
			}
		} else if ((v = flag_value(argc, argv, &i, "--data")) != NULL)
			a->data = v;
		else if (strcmp(argv[i], "--encoding") == 0 ||
		    strcmp(argv[i], "--data") == 0) {
			fprintf(stderr, "viva tokens: %s needs a value\n",
			    argv[i]);
			return -1;
		} else {
			fprintf(stderr, "viva tokens: bad argument '%s'\n",
			    argv[i]);
			return -1;
		}
	}
	return 0;
}

/* All of standard input in a malloc'd buffer; NULL on a read error. */
static char *
read_stdin(size_t *len)
{
	char	*buf = NULL, *nb;
	size_t	 cap = 0, n = 0, got;

	for (;;) {
		if (cap - n < 65536) {
			cap = cap == 0 ? 1 << 20 : cap * 2;
			if ((nb = realloc(buf, cap)) == NULL)
				abort();
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, stdin);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(stdin)) {
		fprintf(stderr, "viva tokens: reading standard input: %s\n",
		    strerror(errno));
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Writes the ids separated by single spaces and a newline. */
static int
print_ids(const uint32_t *ids, size_t n)
{
	char	 num[16];
	size_t	 i;

	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%s%u", i > 0 ? " " : "", ids[i]);
		fputs(num, stdout);
	}
	putchar('\n');
	return fflush(stdout) == 0 ? 0 : -1;
}

/* Encodes text and prints what was asked: the count, or the ids. */
static int
run(const struct tokenizer *t, const char *text, size_t len, int want_ids)
{
	uint32_t	*ids;
	size_t		 cap = len + 1, n;
	int		 rc;

	if (!want_ids) {
		printf("%zu\n", tokenizer_count(t, text, len));
		return fflush(stdout) == 0 ? 0 : -1;
	}
	/* Tokens rarely outnumber bytes; ill-formed UTF-8 can, so retry once. */
	if ((ids = calloc(cap, sizeof(*ids))) == NULL)
		abort();
	if ((n = tokenizer_encode(t, text, len, ids, cap)) > cap) {
		free(ids);
		if ((ids = calloc(n, sizeof(*ids))) == NULL)
			abort();
		tokenizer_encode(t, text, len, ids, n);
	}
	rc = print_ids(ids, n);
	free(ids);
	return rc;
}

int
cli_tokens(int argc, char **argv, const char *share)
{
	struct tokens_args	 a;
	struct tokenizer	*t;
	char			 dir[PATH_MAX];
	char			*text;
	size_t			 len;
	int			 rc;

	if ((rc = parse_args(argc, argv, &a)) == 1) {
		tokens_usage();
		return 0;	/* help was asked for */
	} else if (rc != 0)
		return tokens_usage();
	if (share == NULL)
		share = getenv("VIVA_SHARE_DIR");
	if (a.data == NULL && share != NULL && *share != '\0') {
		snprintf(dir, sizeof(dir), "%s/data", share);
		a.data = dir;
	} else if (a.data == NULL)
		a.data = "data";
	if (tokenizer_load(a.data, a.enc, &t) != ST_OK) {
		fprintf(stderr, "viva tokens: cannot load %s/%s.bpe "
		    "(use --data DIR, or --config FILE with share_dir)\n", a.data,
		    tokenizer_encoding_name(a.enc));
		return 1;
	}
	rc = 1;
	if ((text = read_stdin(&len)) != NULL) {
		if ((rc = run(t, text, len, a.ids)) != 0)
			fprintf(stderr, "viva tokens: writing output: %s\n",
			    strerror(errno));
		rc = rc == 0 ? 0 : 1;
		free(text);
	}
	tokenizer_free(t);
	return rc;
}

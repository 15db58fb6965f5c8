/* tokenizer.h: exact BPE token counts for OpenAI's o200k_base and cl100k_base. */
#ifndef VIVA_TOKENIZER_H
#define VIVA_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

#include "lib/status.h"

enum tok_encoding {
	TOK_O200K_BASE,		/* gpt-4o, gpt-4.1, gpt-5, o-series */
	TOK_CL100K_BASE,	/* gpt-4, gpt-3.5-turbo, text-embedding-3 */
	TOK__MAX
};

/* Read-only after load: one per encoding per process, shared across fork. */
struct tokenizer;

/* One chat message as OpenAI counts it; name is NULL when absent. */
struct tok_message {
	const char	*role;
	const char	*name;
	const char	*content;
	size_t		 content_len;
};

/*
 * Loads <data_dir>/<encoding>.bpe (made by scripts/gen-tokenizer-data.mjs)
 * and compiles its pre-tokenizer pattern.  On ST_OK *out is the caller's, to
 * release with tokenizer_free; ST_NOTFOUND for a missing file, ST_INVALID for
 * a malformed one, ST_INTERNAL when PCRE2 refuses the pattern.  The cause is
 * logged.
 */
enum status	 tokenizer_load(const char *data_dir, enum tok_encoding,
		    struct tokenizer **out);
void		 tokenizer_free(struct tokenizer *);

/*
 * Token ids of len bytes of text, as js-tiktoken's encode(text, [], []) gives
 * them: special tokens such as "<|endoftext|>" are ordinary text, and bytes
 * that are not UTF-8 count as U+FFFD, as a UTF-8 decoder would read them.
 * Writes at most cap ids (ids may be NULL when cap is 0) and returns how many
 * there are, which may exceed cap.  Safe to call from many threads at once.
 */
size_t		 tokenizer_encode(const struct tokenizer *, const char *text,
		    size_t len, uint32_t *ids, size_t cap);
/* The number of tokens tokenizer_encode would give. */
size_t		 tokenizer_count(const struct tokenizer *, const char *text,
		    size_t len);

/*
 * tokenizer_count, remembering the counts of long texts (tokenizer_memo.c):
 * what a conversation's every send counts again costs a hash the second
 * time.  One table per thread.
 */
size_t		 tokenizer_count_memo(const struct tokenizer *,
		    const char *text, size_t len);

/* Counts one text: tokenizer_count or tokenizer_count_memo. */
typedef size_t	 tok_count_fn(const struct tokenizer *, const char *text,
		    size_t len);

/* Tokens of a chat request: the messages, their framing, the reply's priming. */
size_t		 tokenizer_chat_count(const struct tokenizer *, tok_count_fn *,
		    const struct tok_message *, size_t n);

/* The encoding a model family uses; NULL or unknown models get o200k_base. */
enum tok_encoding tokenizer_for_model(const char *model);

/* "o200k_base", "cl100k_base"; and back, ST_INVALID for an unknown name. */
const char	*tokenizer_encoding_name(enum tok_encoding);
enum status	 tokenizer_encoding_parse(const char *name, enum tok_encoding *out);

#endif

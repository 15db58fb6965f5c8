/* crypto.c: the only file that calls libsodium for secrets. */
#include <sodium.h>
#include <string.h>

#include "crypto.h"
#include "log.h"

enum status
crypto_init(void)
{
	if (sodium_init() < 0) {
		log_error("libsodium failed to initialise");
		return ST_INTERNAL;
	}
	return ST_OK;
}

char *
crypto_token(struct arena *a, size_t nbytes)
{
	unsigned char	 raw[64];
	size_t		 len;
	char		*out;

	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	len = sodium_base64_ENCODED_LEN(nbytes,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = arena_alloc(a, len);
	sodium_bin2base64(out, len, raw, nbytes,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return out;
}

char *
crypto_token_hash(struct arena *a, const char *token, size_t len)
{
	unsigned char	 h[32];
	char		*hex;

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, len,
	    NULL, 0);
	hex = arena_alloc(a, sizeof(h) * 2 + 1);
	sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
	return hex;
}

enum status
crypto_password_hash(const char *pw, char out[CRYPTO_PWHASH_LEN])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_error("password hashing ran out of memory");
		return ST_INTERNAL;
	}
	return ST_OK;
}

int
crypto_password_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

char *
crypto_password_generate(struct arena *a)
{
	/* No 0/O, 1/l/I: people copy these by eye from a terminal. */
	static const char	 alpha[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char			*p;
	size_t			 i, o = 0;

	p = arena_alloc(a, 24);
	for (i = 0; i < 20; i++) {
		if (i > 0 && i % 5 == 0)
			p[o++] = '-';
		p[o++] = alpha[randombytes_uniform(sizeof(alpha) - 1)];
	}
	p[o] = '\0';
	return p;
}

int
crypto_str_eq(const char *x, const char *y)
{
	size_t	n = strlen(x);

	if (n != strlen(y))
		return 0;
	return sodium_memcmp(x, y, n) == 0;
}

void
crypto_hex_id(char out[33])
{
	unsigned char	raw[16];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, 33, raw, sizeof(raw));
}

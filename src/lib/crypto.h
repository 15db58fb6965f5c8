/* crypto.h: random tokens, token hashes, password hashes (libsodium). */
#ifndef VIVA_CRYPTO_H
#define VIVA_CRYPTO_H

#include <stddef.h>

#include "arena.h"
#include "status.h"

#define CRYPTO_PWHASH_LEN	128	/* >= crypto_pwhash_STRBYTES */

enum status	 crypto_init(void);
/* nbytes of randomness as unpadded base64url text (32 bytes -> 43 chars). */
char		*crypto_token(struct arena *, size_t nbytes);
/* Hex BLAKE2b-256 of a token: what the database stores instead of the token. */
char		*crypto_token_hash(struct arena *, const char *token, size_t len);
/* Argon2id (interactive limits) into out, NUL-terminated. */
enum status	 crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_LEN]);
/* 1 if password matches the stored hash. */
int		 crypto_password_verify(const char *hash, const char *password);
/* A readable generated password: 4 groups of 5 characters from an unambiguous alphabet. */
char		*crypto_password_generate(struct arena *);
/* Constant-time equality of two NUL-terminated strings (lengths may leak). */
int		 crypto_str_eq(const char *, const char *);
/* 16 random bytes as 32 hex characters (request ids). */
void		 crypto_hex_id(char out[33]);

#endif

/* lib_ticket_test.c: realtime tickets: valid, expired, forged, wrong interview, truncated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/crypto.h"
#include "lib/status.h"
#include "lib/ticket.h"

static const char KEY_HEX[] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
static const char OTHER_HEX[] =
    "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

struct fix {
	struct arena	*a;
	unsigned char	 key[TICKET_KEY_LEN];
};

static int
setup(void **state)
{
	static struct fix	f;

	if (crypto_init() != ST_OK)
		return -1;
	f.a = arena_new();
	assert_int_equal(ticket_key_parse(KEY_HEX, f.key), ST_OK);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix	*f = *state;

	arena_free(f->a);
	return 0;
}

static void
test_ticket_valid_gives_interview_and_expiry(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	char			*t = ticket_mint(f->a, f->key, 42, 1000);

	assert_int_equal(strlen(t), TICKET_TEXT_LEN);
	assert_int_equal(ticket_verify(f->key, t, 999, &c), ST_OK);
	assert_int_equal(c.interview, 42);
	assert_int_equal(c.expires, 1000);
	assert_string_equal(c.why, "");
}

/* Two tickets for one interview in one second still differ: each can be used once. */
static void
test_ticket_minted_twice_alike_differs(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	char			*t = ticket_mint(f->a, f->key, 42, 1000);
	char			*u = ticket_mint(f->a, f->key, 42, 1000);

	assert_string_not_equal(t, u);
	assert_int_equal(ticket_verify(f->key, u, 999, &c), ST_OK);
	assert_int_equal(c.interview, 42);
}

static void
test_ticket_expired_is_refused_at_and_after_expiry(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	char			*t = ticket_mint(f->a, f->key, 42, 1000);

	assert_int_equal(ticket_verify(f->key, t, 1000, &c), ST_CONFLICT);
	assert_string_equal(c.why, "ticket expired");
	assert_int_equal(ticket_verify(f->key, t, 5000, &c), ST_CONFLICT);
}

static void
test_ticket_signed_with_another_key_is_forged(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	unsigned char		 other[TICKET_KEY_LEN];
	char			*t;

	assert_int_equal(ticket_key_parse(OTHER_HEX, other), ST_OK);
	t = ticket_mint(f->a, other, 42, 1000);
	assert_int_equal(ticket_verify(f->key, t, 10, &c), ST_DENIED);
	assert_int_equal(c.interview, 0);
}

/* Each byte of the body changed in turn: the id, the expiry, the version. */
static void
test_ticket_with_any_byte_changed_is_refused(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	char			*t = ticket_mint(f->a, f->key, 42, 1000);
	char			 copy[TICKET_TEXT_LEN + 1];
	size_t			 i;

	for (i = 0; i < TICKET_TEXT_LEN; i++) {
		memcpy(copy, t, sizeof(copy));
		copy[i] = copy[i] == 'A' ? 'B' : 'A';
		assert_int_not_equal(ticket_verify(f->key, copy, 10, &c), ST_OK);
		assert_int_equal(c.interview, 0);
	}
}

/* The claim names the interview; the caller compares it with the one asked for. */
static void
test_ticket_for_another_interview_names_that_interview(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	char			*t = ticket_mint(f->a, f->key, 7, 1000);

	assert_int_equal(ticket_verify(f->key, t, 10, &c), ST_OK);
	assert_int_not_equal(c.interview, 42);
	assert_int_equal(c.interview, 7);
}

static void
test_ticket_truncated_or_padded_is_not_a_ticket(void **state)
{
	struct fix		*f = *state;
	struct ticket_claim	 c;
	char			*t = ticket_mint(f->a, f->key, 42, 1000);
	char			*longer = arena_printf(f->a, "%sA", t);
	static const char *const bad[] = { "", "x", "!!!!", "not a ticket" };
	size_t			 i;

	for (i = 1; i < TICKET_TEXT_LEN; i += 7)
		assert_int_equal(ticket_verify(f->key, arena_strndup(f->a, t, i),
		    10, &c), ST_INVALID);
	assert_int_equal(ticket_verify(f->key, longer, 10, &c), ST_INVALID);
	for (i = 0; i < NITEMS(bad); i++)
		assert_int_equal(ticket_verify(f->key, bad[i], 10, &c),
		    ST_INVALID);
	assert_int_equal(ticket_verify(f->key, NULL, 10, &c), ST_INVALID);
	assert_string_equal(c.why, "not a ticket");
}

static void
test_ticket_key_must_be_64_hex_characters(void **state)
{
	unsigned char	k[TICKET_KEY_LEN];
	static const char *const bad[] = { "", "00", KEY_HEX + 2,
	    "zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00" };
	size_t		i;

	(void)state;
	for (i = 0; i < NITEMS(bad); i++)
		assert_int_equal(ticket_key_parse(bad[i], k), ST_INVALID);
	assert_int_equal(ticket_key_parse(NULL, k), ST_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticket_valid_gives_interview_and_expiry),
		cmocka_unit_test(test_ticket_minted_twice_alike_differs),
		cmocka_unit_test(test_ticket_expired_is_refused_at_and_after_expiry),
		cmocka_unit_test(test_ticket_signed_with_another_key_is_forged),
		cmocka_unit_test(test_ticket_with_any_byte_changed_is_refused),
		cmocka_unit_test(test_ticket_for_another_interview_names_that_interview),
		cmocka_unit_test(test_ticket_truncated_or_padded_is_not_a_ticket),
		cmocka_unit_test(test_ticket_key_must_be_64_hex_characters),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* scorer_impl.h: what scorer.c and scorer_rubric.c share. */
#ifndef VIVA_SCORER_IMPL_H
#define VIVA_SCORER_IMPL_H

/*
 * Letters, digits and every byte of a multi-byte UTF-8 sequence are word
 * bytes; all else separates words.  Invalid UTF-8 is just more word bytes.
 * Inline: the scorer asks it of every byte of an answer.
 */
static inline int
scorer_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

#endif

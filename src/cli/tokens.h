/* tokens.h: `viva tokens`, token counts of standard input. */
#ifndef VIVA_CLI_TOKENS_H
#define VIVA_CLI_TOKENS_H

/*
 * argv[0] is "tokens"; share is the configuration's share_dir when a file
 * was named, else NULL ($VIVA_SHARE_DIR, else .).  Returns the exit status
 * (0, 1 on failure, 2 on usage).
 */
int	cli_tokens(int argc, char **argv, const char *share);

#endif

/*
 * Owners: who a job belongs to.  A browser is known by a random cookie, an
 * API client by a key listed in a keys file; either way the store sees an
 * owner string ("cookie:" and the cookie's SHA-256, or "key:" and the key's
 * name), never the secret itself.  The keys file holds one line per key,
 * "NAME SHA256-HEX [admin]", and never a key: a new key is printed once by
 * owner_key_add() and only its hash is written.  An admin key's owner sees
 * every job.  HTTP syntax (headers, cookies) is cred.c's business.
 */
#ifndef TALLY_OWNER_H
#define TALLY_OWNER_H

#include <stddef.h>

#include "store.h"

#define OWNER_COOKIE_LEN	32	/* hex digits: 128 random bits */
#define OWNER_KEY_LEN		64	/* hex digits: 256 random bits */
#define OWNER_NAME_MAX		32	/* a key's name, bytes */

/* Who is asking. */
struct owner {
	char	 id[STORE_OWNER_MAX];	/* the store's owner string */
	int	 admin;			/* sees every job */
};

struct owner_keys;

/*
 * Write a new cookie value (OWNER_COOKIE_LEN hex digits and a NUL) from
 * getrandom(2).  Returns 0, or -1 with err set.
 */
int		 owner_cookie_new(char cookie[OWNER_COOKIE_LEN + 1], char *err,
		    size_t errsz);

/*
 * Fill who from a cookie value.  Returns 0, or -1 if the value is not
 * OWNER_COOKIE_LEN lowercase hex digits (then it names nobody).
 */
int		 owner_from_cookie(const char *cookie, struct owner *who);

/*
 * Open the keys file at path for lookups; it is read now and again
 * whenever it changes.  A missing file is an empty list.  Returns the
 * handle, or NULL with err set if the file cannot be read or a line is
 * malformed (naming the line).
 */
struct owner_keys *owner_keys_open(const char *path, char *err, size_t errsz);

/* Close the handle.  NULL is fine. */
void		 owner_keys_close(struct owner_keys *k);

/*
 * Fill who from key, a key as presented.  Returns 0 if the keys file lists
 * its hash, 1 if it does not, -1 with err set if the file cannot be read.
 */
int		 owner_from_key(struct owner_keys *k, const char *key,
		    struct owner *who, char *err, size_t errsz);

/*
 * Make a key named name (1 to OWNER_NAME_MAX letters, digits, '.', '_' or
 * '-', not yet in the file), append "name hash[ admin]" to the keys file
 * at path (created 0600 if missing) and copy the key into key.  Returns 0,
 * or -1 with err set.
 */
int		 owner_key_add(const char *path, const char *name, int admin,
		    char key[OWNER_KEY_LEN + 1], char *err, size_t errsz);

/* Return 1 if owner may see a job whose store owner is job_owner. */
int		 owner_may(const struct owner *who, const char *job_owner);

#endif /* TALLY_OWNER_H */

/*
 * owner_key_add writes only the key's name and SHA-256 (mode 0600), never
 * the key; owner_from_key finds that key (admin or not) and no other, and
 * sees a key added after the handle was opened; a second key of one name
 * is refused; a malformed line names its number.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "owner.h"

int
main(void)
{
	struct owner_keys	*k;
	struct owner		 who;
	struct stat		 st;
	char			 path[4096], err[TALLY_ERR_MAX], buf[4096];
	char			 a[OWNER_KEY_LEN + 1], b[OWNER_KEY_LEN + 1];
	FILE			*f;
	size_t			 n;

	snprintf(path, sizeof(path), "%s/keys", th_tmpdir("test-owner-keys"));
	CHECK(owner_key_add(path, "alice", 0, a, err, sizeof(err)) == 0);
	CHECK(strlen(a) == OWNER_KEY_LEN);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK((k = owner_keys_open(path, err, sizeof(err))) != NULL);
	CHECK(owner_from_key(k, a, &who, err, sizeof(err)) == 0);
	CHECK_STR(who.id, "key:alice");
	CHECK(!who.admin);
	CHECK(owner_from_key(k, "0123", &who, err, sizeof(err)) == 1);

	/* Added while open: seen at the next lookup. */
	CHECK(owner_key_add(path, "root", 1, b, err, sizeof(err)) == 0);
	CHECK(owner_from_key(k, b, &who, err, sizeof(err)) == 0);
	CHECK_STR(who.id, "key:root");
	CHECK(who.admin);
	CHECK(owner_key_add(path, "alice", 0, b, err, sizeof(err)) == -1);
	CHECK_HAS(err, "already has a key named alice");
	CHECK(owner_key_add(path, "bad name", 0, b, err, sizeof(err)) == -1);

	/* The file holds hashes, not keys. */
	CHECK((f = fopen(path, "r")) != NULL);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	CHECK(strstr(buf, a) == NULL);
	CHECK_HAS(buf, "root ");
	CHECK_HAS(buf, " admin\n");
	owner_keys_close(k);

	CHECK((f = fopen(path, "a")) != NULL);
	fputs("mallory nothex\n", f);
	fclose(f);
	CHECK(owner_keys_open(path, err, sizeof(err)) == NULL);
	CHECK_HAS(err, "line 3");
	return 0;
}

/*
 * Owners, cookies and keys (see owner.h).  SHA-256 comes from Debian's
 * nettle.  The keys file is small (at most OWNER_KEYS_MAX lines), read
 * whole into memory and re-read when its inode, size or mtime changes, so
 * `tally-fcgi key add` takes effect without a restart.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "owner.h"

#define OWNER_KEYS_MAX	4096
#define OWNER_LINE_MAX	256
#define HASH_HEX	(2 * SHA256_DIGEST_SIZE)

struct key {
	char	 name[OWNER_NAME_MAX + 1];
	char	 hash[HASH_HEX + 1];
	int	 admin;
};

struct owner_keys {
	char		*path;
	struct key	*keys;
	size_t		 n;
	struct stat	 seen;		/* the file as last read */
	int		 present;	/* it existed then */
};

static void
hex(const unsigned char *raw, size_t n, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[raw[i] >> 4];
		out[2 * i + 1] = digits[raw[i] & 15];
	}
	out[2 * n] = '\0';
}

static void
sha256_hex(const char *s, char out[HASH_HEX + 1])
{
	struct sha256_ctx	 ctx;
	unsigned char		 d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, strlen(s), (const uint8_t *)s);
	sha256_digest(&ctx, sizeof(d), d);
	hex(d, sizeof(d), out);
}

static int
random_hex(char *out, size_t nraw, char *err, size_t errsz)
{
	unsigned char	 raw[64];
	size_t		 got = 0;
	ssize_t		 n;

	while (got < nraw) {
		n = getrandom(raw + got, nraw - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errsz, "getrandom: %s", strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	hex(raw, nraw, out);
	return 0;
}

static int
is_hex(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

static int
valid_name(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > OWNER_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

int
owner_cookie_new(char cookie[OWNER_COOKIE_LEN + 1], char *err, size_t errsz)
{
	return random_hex(cookie, OWNER_COOKIE_LEN / 2, err, errsz);
}

int
owner_from_cookie(const char *cookie, struct owner *who)
{
	char	 h[HASH_HEX + 1];

	if (cookie == NULL || !is_hex(cookie, OWNER_COOKIE_LEN))
		return -1;
	sha256_hex(cookie, h);
	snprintf(who->id, sizeof(who->id), "cookie:%s", h);
	who->admin = 0;
	return 0;
}

/*
 * Parse one line of the keys file into k.  Returns 1 for a key, 0 for a
 * blank or comment line, -1 if malformed.
 */
static int
parse_line(char *line, struct key *k)
{
	char	*f[4], *save = NULL, *t;
	int	 n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	for (t = strtok_r(line, " \t", &save); t != NULL && n < 4;
	    t = strtok_r(NULL, " \t", &save))
		f[n++] = t;
	if (n == 0 || f[0][0] == '#')
		return 0;
	if (n < 2 || n > 3 || !valid_name(f[0]) || !is_hex(f[1], HASH_HEX) ||
	    (n == 3 && strcmp(f[2], "admin") != 0))
		return -1;
	snprintf(k->name, sizeof(k->name), "%s", f[0]);
	memcpy(k->hash, f[1], sizeof(k->hash));
	k->admin = n == 3;
	return 1;
}

/* (Re)read the file into k.  0 or -1 with err set; k is unchanged then. */
static int
load(struct owner_keys *k, char *err, size_t errsz)
{
	struct key	*keys = NULL, *shrunk;
	struct stat	 st;
	char		 line[OWNER_LINE_MAX];
	FILE		*f;
	size_t		 n = 0, lineno = 0;
	int		 rc;

	if ((f = fopen(k->path, "re")) == NULL) {
		if (errno != ENOENT) {
			snprintf(err, errsz, "keys file %s: %s", k->path,
			    strerror(errno));
			return -1;
		}
		free(k->keys);
		k->keys = NULL;
		k->n = 0;
		k->present = 0;
		return 0;
	}
	if (fstat(fileno(f), &st) == -1 ||
	    (keys = calloc(OWNER_KEYS_MAX, sizeof(*keys))) == NULL) {
		snprintf(err, errsz, "keys file %s: %s", k->path,
		    strerror(errno));
		goto fail;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (n == OWNER_KEYS_MAX) {
			snprintf(err, errsz, "keys file %s: more than %d keys",
			    k->path, OWNER_KEYS_MAX);
			goto fail;
		}
		if ((rc = parse_line(line, &keys[n])) == -1) {
			snprintf(err, errsz, "keys file %s, line %zu: not "
			    "\"NAME SHA256-HEX [admin]\"", k->path, lineno);
			goto fail;
		}
		n += (size_t)rc;
	}
	fclose(f);
	/* Keep only what the file holds (n may be 0: then NULL is fine). */
	if ((shrunk = realloc(keys, (n > 0 ? n : 1) * sizeof(*keys))) != NULL)
		keys = shrunk;
	free(k->keys);
	k->keys = keys;
	k->n = n;
	k->seen = st;
	k->present = 1;
	return 0;
fail:
	free(keys);
	fclose(f);
	return -1;
}

struct owner_keys *
owner_keys_open(const char *path, char *err, size_t errsz)
{
	struct owner_keys	*k;

	if ((k = calloc(1, sizeof(*k))) == NULL ||
	    (k->path = strdup(path)) == NULL) {
		free(k);
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	if (load(k, err, errsz) == -1) {
		owner_keys_close(k);
		return NULL;
	}
	return k;
}

void
owner_keys_close(struct owner_keys *k)
{
	if (k == NULL)
		return;
	free(k->keys);
	free(k->path);
	free(k);
}

int
owner_from_key(struct owner_keys *k, const char *key, struct owner *who,
    char *err, size_t errsz)
{
	struct stat	 st;
	char		 h[HASH_HEX + 1];
	size_t		 i, j;
	int		 found = -1, present;
	unsigned char	 diff;

	present = stat(k->path, &st) == 0;
	if (present != k->present || (present &&
	    (st.st_ino != k->seen.st_ino || st.st_size != k->seen.st_size ||
	    st.st_mtim.tv_sec != k->seen.st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != k->seen.st_mtim.tv_nsec)))
		if (load(k, err, errsz) == -1)
			return -1;
	sha256_hex(key, h);
	/* Every entry is compared in full, found or not. */
	for (i = 0; i < k->n; i++) {
		for (diff = 0, j = 0; j < HASH_HEX; j++)
			diff |= (unsigned char)(h[j] ^ k->keys[i].hash[j]);
		if (diff == 0 && found < 0)
			found = (int)i;
	}
	if (found < 0)
		return 1;
	snprintf(who->id, sizeof(who->id), "key:%s", k->keys[found].name);
	who->admin = k->keys[found].admin;
	return 0;
}

int
owner_key_add(const char *path, const char *name, int admin,
    char key[OWNER_KEY_LEN + 1], char *err, size_t errsz)
{
	struct owner_keys	*k = NULL;
	char			 h[HASH_HEX + 1], line[OWNER_LINE_MAX];
	size_t			 i;
	int			 fd = -1, rc = -1, n;

	if (!valid_name(name)) {
		snprintf(err, errsz, "a key's name is 1 to %d letters, digits, "
		    "'.', '_' or '-'", OWNER_NAME_MAX);
		return -1;
	}
	if ((k = owner_keys_open(path, err, errsz)) == NULL)
		return -1;
	for (i = 0; i < k->n; i++)
		if (strcmp(k->keys[i].name, name) == 0) {
			snprintf(err, errsz, "keys file %s already has a key "
			    "named %s", path, name);
			goto out;
		}
	if (random_hex(key, OWNER_KEY_LEN / 2, err, errsz) == -1)
		goto out;
	sha256_hex(key, h);
	n = snprintf(line, sizeof(line), "%s %s%s\n", name, h,
	    admin ? " admin" : "");
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1 || write(fd, line, (size_t)n) != n ||
	    fsync(fd) == -1) {
		snprintf(err, errsz, "keys file %s: %s", path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	owner_keys_close(k);
	return rc;
}

int
owner_may(const struct owner *who, const char *job_owner)
{
	return who->admin || (who->id[0] != '\0' &&
	    strcmp(who->id, job_owner) == 0);
}

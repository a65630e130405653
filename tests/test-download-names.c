/*
 * Download stems: extensions dropped, spaces kept (runs folded, ends
 * trimmed), non-ASCII letters kept for filename* (percent-encoded UTF-8)
 * and "_" in the ASCII fallback, path components, quotes, control
 * characters and Windows-reserved characters neutralised, invalid UTF-8
 * dropped, long names cut on a character boundary, and "result" when
 * nothing is left.
 */
#include "config.h"

#include <string.h>

#include "download.h"
#include "harness.h"

static void
stem(const char *name, const char *want_ascii, const char *want_pct)
{
	char	 a[DOWNLOAD_TEXT_MAX], p[DOWNLOAD_TEXT_MAX];

	download_stem(name, a, p);
	CHECK_STR(a, want_ascii);
	CHECK_STR(p, want_pct);
}

int
main(void)
{
	char	 longname[400], a[DOWNLOAD_TEXT_MAX], p[DOWNLOAD_TEXT_MAX];
	size_t	 i;

	stem("march-sales.csv", "march-sales", "march-sales");
	stem("March Sales.CSV", "March Sales", "March%20Sales");
	stem("  two   spaces  .csv  ", "two spaces", "two%20spaces");
	stem("ventes été.csv", "ventes _t_", "ventes%20%C3%A9t%C3%A9");
	stem("東京.tsv", "__", "%E6%9D%B1%E4%BA%AC");
	stem("C:\\Users\\me\\sales.txt", "sales", "sales");
	stem("../../etc/passwd", "passwd", "passwd");
	stem("a\"b;c\r\nd.csv.gz", "a_b_c__d", "a_b_c__d");
	stem("q?x*y:z|<>.csv.zst", "q_x_y_z___", "q_x_y_z___");
	stem("100%.csv", "100_", "100_");
	stem("bad\xff\xfe" "bytes.csv", "badbytes", "badbytes");
	stem(".csv", "result", "result");
	stem("", "result", "result");
	stem("...", "result", "result");
	stem("data.json", "data.json", "data.json");
	/* 99 ASCII bytes then é: the é would pass 100 bytes, so it goes. */
	memset(longname, 'x', 99);
	strcpy(longname + 99, "\xc3\xa9yyy.csv");
	download_stem(longname, a, p);
	CHECK(strlen(a) == 99 && strlen(p) == 99);
	for (i = 0; i < 99; i++)
		CHECK(a[i] == 'x');
	return 0;
}

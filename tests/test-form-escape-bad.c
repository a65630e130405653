/*
 * A '%' must be followed by two hex digits, in a name or a value, also at
 * the very end of the text or before an '&'.
 */
#include "config.h"

#include "form.h"
#include "harness.h"

static const char *const bad[] = {
	"a=%G1", "a=%1G", "a=%4", "a=%", "a=x%", "a=%4&b=1", "a=%&b=1",
	"%zz=1", "a%=1", "a=% 1", "a=%-1", "a=%+1", "a=1&b=%0",
};

int
main(void)
{
	static struct form	 f;
	char			 err[TALLY_ERR_MAX];
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (form_parse(bad[i], &f, err, sizeof(err)) != -1)
			th_fail(__FILE__, __LINE__, "\"%s\" accepted", bad[i]);
		CHECK_HAS(err, "escape");
	}
	CHECK(form_parse("a=%41%4a%4A", &f, err, sizeof(err)) == 0);
	CHECK_STR(form_get(&f, "a"), "AJJ");
	return 0;
}

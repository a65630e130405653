/*
 * doc/openapi.json inside the binary (see openapi.h): the assembler's
 * .incbin copies the file into read-only data at build time, so there is
 * no generated C file and nothing to read at run time.  OPENAPI_JSON is
 * the file's absolute path, from Makefile.am, which also makes this
 * object depend on it.
 */
#include "config.h"

#include "openapi.h"

__asm__(
    "\t.pushsection .rodata\n"
    "\t.balign 16\n"
    "tally_openapi_json:\n"
    "\t.incbin \"" OPENAPI_JSON "\"\n"
    "tally_openapi_json_end:\n"
    "\t.byte 0\n"
    "\t.popsection\n");

extern const char	 tally_openapi_json[], tally_openapi_json_end[];

const char *
openapi_doc(size_t *len)
{
	*len = (size_t)(tally_openapi_json_end - tally_openapi_json);
	return tally_openapi_json;
}

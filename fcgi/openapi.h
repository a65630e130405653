/*
 * The OpenAPI 3.1 document of the API, doc/openapi.json, built into
 * tally-fcgi so that GET /api/openapi.json always answers the document of
 * the running build.  The file in the tree is the source of truth;
 * tests/test-openapi.sh validates it and checks it against the stack.
 */
#ifndef TALLY_OPENAPI_H
#define TALLY_OPENAPI_H

#include <stddef.h>

/* The document's bytes (not NUL-terminated), and their length. */
const char	*openapi_doc(size_t *len);

#endif /* TALLY_OPENAPI_H */

#!/bin/sh
# Over TLS the owner cookie is Secure, from the page (nginx) and from the
# API (tally-fcgi, told by $https): the same stack with a second, TLS port
# and a throwaway self-signed certificate.
name=owner-cookie-tls
command -v openssl >/dev/null || exit 77
. "$top_srcdir/tests/service.sh"
TLS_PORT=$(stack_port)
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -keyout "$VAR/key.pem" -out "$VAR/cert.pem" 2>/dev/null ||
    fail "openssl could not make a certificate"
EXTRA_NGINX_CONF="listen 127.0.0.1:$TLS_PORT ssl;
ssl_certificate $VAR/cert.pem;
ssl_certificate_key $VAR/key.pem;"
export EXTRA_NGINX_CONF
svc_start

for path in / /api/jobs; do
	curl -q -sSk -D "$VAR/h.out" -o /dev/null "https://127.0.0.1:$TLS_PORT$path" ||
	    fail "https $path"
	line=$(grep -i '^Set-Cookie: tally_owner=' "$VAR/h.out" | tr -d '\r')
	case "$line" in
	*'; Secure'*) ;;
	*) fail "$path over TLS: not Secure: $line" ;;
	esac
	# The same over plain HTTP is not Secure.
	curl -q -sS -D "$VAR/h.out" -o /dev/null "$BASE$path"
	grep -i '^Set-Cookie: tally_owner=' "$VAR/h.out" | grep -q Secure &&
	    fail "$path over http is Secure"
done
exit 0

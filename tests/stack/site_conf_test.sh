#!/bin/bash
# site_conf_test.sh: the production nginx site (nginx/viva-site.conf) passes `nginx -t`, as
# docs/OPERATIONS.md has an admin run it: inside Debian's http {} block, with a throwaway
# self-signed certificate in place of the Let's Encrypt one and the log files in a
# temporary directory.  Prints "ok ..." / "not ok ..." lines.
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d /tmp/viva-siteconf.XXXXXX)
trap 'rm -rf "$T"' EXIT

if ! openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=viva.example.com \
    -keyout "$T/key.pem" -out "$T/cert.pem" >"$T/openssl.log" 2>&1; then
	echo "not ok site config: no test certificate ($(tail -n 1 "$T/openssl.log"))"
	exit 1
fi
sed -e "s|/etc/letsencrypt/live/viva.example.com/fullchain.pem|$T/cert.pem|" \
    -e "s|/etc/letsencrypt/live/viva.example.com/privkey.pem|$T/key.pem|" \
    -e "s|/var/log/nginx/|$T/|g" \
    -e "s|include fastcgi_params;|include /etc/nginx/fastcgi_params;|" \
    nginx/viva-site.conf >"$T/site.conf"
cat >"$T/nginx.conf" <<CONF
pid $T/nginx.pid;
error_log $T/error.log;
events {}
http {
	include /etc/nginx/mime.types;
	include $T/site.conf;
}
CONF
if out=$(nginx -t -p "$T" -c "$T/nginx.conf" 2>&1); then
	echo "ok site config: nginx -t accepts nginx/viva-site.conf"
else
	echo "not ok site config: nginx -t refuses nginx/viva-site.conf"
	echo "$out" | sed 's/^/    /'
	exit 1
fi

#!/bin/bash
# site_conf_test.sh: the production nginx site (nginx/viva-site.conf) passes `nginx -t`, as
# docs/OPERATIONS.md has an admin run it: inside Debian's http {} block, with a throwaway
# self-signed certificate in place of the Let's Encrypt one and the log files in a
# temporary directory; and that it does for each location what the development config
# (nginx/dev.conf.in, which the tests run) does.  Prints "ok ..." / "not ok ..." lines.
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d /tmp/viva-siteconf.XXXXXX)
trap '[ -s "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null; rm -rf "$T"' EXIT

if ! openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=viva.example.com \
    -keyout "$T/key.pem" -out "$T/cert.pem" >"$T/openssl.log" 2>&1; then
	echo "not ok site config: no test certificate ($(tail -n 1 "$T/openssl.log"))"
	exit 1
fi
sed -e "s|/etc/letsencrypt/live/viva.example.com/fullchain.pem|$T/cert.pem|" \
    -e "s|/etc/letsencrypt/live/viva.example.com/privkey.pem|$T/key.pem|" \
    -e "s|/var/log/nginx/|$T/|g" \
    -e "s|/usr/local/share/viva/nginx/|$PWD/nginx/|" \
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

# One line per location block of a site file: "NAME LIMIT PASS E413", where LIMIT is its
# client_max_body_size ("-": the server's), PASS 1 when it hands requests to the app, and
# E413 1 when its error_page 413 names a location (= @name), 2 when it names a URI.
locations() {
	awk '{
		sub(/#.*/, "")
		if ($1 == "location" && !inloc) {
			name = ($2 == "=" ? $3 : $2); inloc = 1; start = depth
			limit = "-"; pass = e413 = 0
		}
		if (inloc) {
			if ($1 == "client_max_body_size") { limit = $2; sub(/;$/, "", limit) }
			if ($1 == "fastcgi_pass") pass = 1
			if ($1 == "error_page" && $2 == "413")
				e413 = $3 == "=" && $4 ~ /^@/ ? 1 : 2
		}
		depth += gsub(/\{/, "{") - gsub(/\}/, "}")
		if (inloc && depth == start) {
			print name, limit, pass, e413
			inloc = 0
		}
	}' "$1"
}
# The TLS that old browsers speak: the site, on loopback ports, shakes hands as each
# client does (the TLS 1.2 suites it offers, in its order, after SSL Labs' client list)
# with an RSA and with an ECDSA certificate (certbot's default since 2.0).
IE11_WIN7="ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA384"
IE11_WIN7="$IE11_WIN7:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA256"
IE11_WIN7="$IE11_WIN7:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA:DHE-RSA-AES256-GCM-SHA384"
IE11_WIN7="$IE11_WIN7:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA"
IE11_WIN7="$IE11_WIN7:AES256-GCM-SHA384:AES128-GCM-SHA256:AES256-SHA256:AES128-SHA256:AES256-SHA:AES128-SHA"
ANDROID44="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256"
ANDROID44="$ANDROID44:ECDHE-ECDSA-AES256-SHA:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA"
ANDROID44="$ANDROID44:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA:AES128-GCM-SHA256"
SAFARI9="ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-SHA384"
SAFARI9="$SAFARI9:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256"
SAFARI9="$SAFARI9:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:AES256-GCM-SHA384:AES128-GCM-SHA256"
rc=0
if openssl dhparam -in nginx/ffdhe2048.pem -text -noout 2>/dev/null | grep -q 'GROUP: ffdhe2048'; then
	echo "ok site config: nginx/ffdhe2048.pem is the RFC 7919 group"
else
	echo "not ok site config: nginx/ffdhe2048.pem is not the ffdhe2048 group"
	rc=1
fi
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
    -subj /CN=viva.example.com -keyout "$T/ec-key.pem" -out "$T/ec-cert.pem" \
    >>"$T/openssl.log" 2>&1
HTTPS_PORT=$(node tests/free-port.mjs)
HTTP_PORT=$(node tests/free-port.mjs)
# serve KEY CERT: the site on loopback with that certificate (no IPv6, no port 80 or 443).
serve() {
	[ -s "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null && sleep 0.3
	sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
	    -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" -e '/listen \[::\]/d' \
	    -e "s|$T/cert.pem|$2|" -e "s|$T/key.pem|$1|" "$T/site.conf" >"$T/site-run.conf"
	sed "s|$T/site.conf|$T/site-run.conf|" "$T/nginx.conf" >"$T/nginx-run.conf"
	nginx -p "$T" -c "$T/nginx-run.conf" 2>>"$T/nginx.out"
	for _ in $(seq 50); do [ -s "$T/nginx.pid" ] && return 0; sleep 0.1; done
	echo "not ok site config: nginx did not start ($(tail -n 2 "$T/nginx.out"))"
	return 1
}
# shake NAME OPTIONS...: the cipher a handshake agreed, or "none".
shake() {
	openssl s_client -connect "127.0.0.1:$HTTPS_PORT" -servername viva.example.com "$@" \
	    </dev/null 2>/dev/null | sed -n 's/^ *Cipher *: *//p; s/.*Cipher is //p' | head -n 1 |
	    sed 's/^(NONE)$//; s/^0000$//; s/^$/none/'
}
for cert in rsa ec; do
	if [ $cert = rsa ]; then serve "$T/key.pem" "$T/cert.pem" || { rc=1; break; }
	else serve "$T/ec-key.pem" "$T/ec-cert.pem" || { rc=1; break; }; fi
	for client in "current:-tls1_3" "IE 11 on Windows 7:-tls1_2 -cipher $IE11_WIN7" \
	    "Android 4.4:-tls1_2 -cipher $ANDROID44" "Safari 9:-tls1_2 -cipher $SAFARI9"; do
		# shellcheck disable=SC2086
		got=$(shake ${client#*:})
		if [ "$got" != none ]; then
			echo "ok site config: ${client%%:*} reaches the site with an $cert certificate ($got)"
		else
			echo "not ok site config: ${client%%:*} shares no TLS suite with the site ($cert certificate)"
			rc=1
		fi
	done
done
[ -s "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null

locations nginx/viva-site.conf >"$T/site.locs"
locations nginx/dev.conf.in | grep -v '^/_bench/' >"$T/dev.locs"

# A body over client_max_body_size gets the app's words (a page, or the JSON error),
# not nginx's bare 413, wherever the app would have read it: through a named location,
# as a redirect to a URI meets the 3 MB limit again over HTTP/2 and ends bare.
for f in site dev; do
	bare=$(awk '$3 == 1 && $1 !~ /^@/ && $4 != 1 { printf " %s", $1 }' "$T/$f.locs")
	if [ -z "$bare" ]; then
		echo "ok $f config: every location that hands a body to the app answers 413 in its words"
	else
		echo "not ok $f config: no error_page 413 = @name, so nginx's bare 413 in:$bare"
		rc=1
	fi
done

# What the tests run is what production runs: each location of the development config
# is in the site, with the same body limit.
missing=""
while read -r name limit _; do
	awk -v n="$name" -v l="$limit" '$1 == n && $2 == l { found = 1 } END { exit !found }' \
	    "$T/site.locs" || missing="$missing $name ($limit)"
done <"$T/dev.locs"
if [ -z "$missing" ]; then
	echo "ok site config: has every location of nginx/dev.conf.in, with its body limit"
else
	echo "not ok site config: lacks, or limits otherwise, what nginx/dev.conf.in has:$missing"
	rc=1
fi
exit $rc

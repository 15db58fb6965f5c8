#!/bin/bash
# site_conf_test.sh: the production nginx site (nginx/viva-site.conf) passes `nginx -t`, as
# docs/OPERATIONS.md has an admin run it: inside Debian's http {} block, with a throwaway
# self-signed certificate in place of the Let's Encrypt one and the log files in a
# temporary directory; and that it does for each location what the development config
# (nginx/dev.conf.in, which the tests run) does.  Prints "ok ..." / "not ok ..." lines.
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
locations nginx/viva-site.conf >"$T/site.locs"
locations nginx/dev.conf.in | grep -v '^/_bench/' >"$T/dev.locs"
rc=0

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

#!/usr/bin/env bash
# `make serve`: the app as it runs in production, on one machine. gunicorn with DEBUG off,
# static files collected and served by whitenoise, the database migrated, on
# ${SAFETYQUIZ_BIND:-127.0.0.1:8000}, with DATABASE_URL when it is set (else SQLite).
#
# Workers: WEB_CONCURRENCY, else two per core plus one, each with WEB_THREADS threads (8):
# a request waiting on the database or on a password check holds its thread, not the
# worker, so a burst of sign-ins (half a second of CPU each) leaves threads free for the
# health check and the pages. A worker takes no more connections than it has threads, so
# none waits behind a busy worker while another has a thread free (and without keep-alive,
# which the proxy in front does not need). WEB_THREADS=1 is one request at a time per worker.
#
# Without DJANGO_SECRET_KEY it makes a throwaway key, says so, and (unless told otherwise)
# turns off secure cookies and the HTTPS redirect, so the app can be tried over plain http
# on this machine: sessions then end when it stops. A deployment sets DJANGO_SECRET_KEY
# and serves behind a TLS proxy; see the README's deployment section.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
export DJANGO_DEBUG=0

bind="${SAFETYQUIZ_BIND:-127.0.0.1:8000}"

if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    export DJANGO_SECRET_KEY
    export DJANGO_SECURE_COOKIES="${DJANGO_SECURE_COOKIES:-0}"
    export DJANGO_SSL_REDIRECT="${DJANGO_SSL_REDIRECT:-0}"
    cat >&2 <<WARN
WARNING: DJANGO_SECRET_KEY is not set: using a throwaway key for this run only (sessions
end when the server stops), and plain-http cookies without the HTTPS redirect so you can
sign in at http://$bind/. Never deploy like this: set DJANGO_SECRET_KEY.
WARN
fi

"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py migrate --noinput --verbosity 0

workers="${WEB_CONCURRENCY:-$(( 2 * $(nproc) + 1 ))}"
threads="${WEB_THREADS:-8}"
echo "Serving on http://$bind/ with $workers gunicorn workers of $threads threads (DEBUG off); Ctrl-C stops." >&2
exec "$PY" -m gunicorn safetyquiz.wsgi:application \
    --bind "$bind" \
    --workers "$workers" \
    --threads "$threads" \
    --worker-connections "$threads" \
    --keep-alive 0 \
    --worker-tmp-dir /dev/shm \
    --access-logfile "${SAFETYQUIZ_ACCESS_LOG:--}" \
    --logger-class safetyquiz.access_log.TokenlessLogger \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1,::1}"

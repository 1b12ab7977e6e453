# Sourced by test.sh: installs Debian's exim (exim4-daemon-light) if it is missing and starts a throwaway exim on a
# free loopback port that delivers every message to one local maildir, so the reminder tests talk real SMTP (MailKit
# to exim) and read what arrived. Recipients whose local part starts with "bounce" are refused at RCPT with a 550, as
# a real server refuses an unknown mailbox. Exports FEEBRIDGE_TEST_SMTP_PORT and FEEBRIDGE_TEST_MAILDIR; the server
# and its files are removed on exit (after whatever exit trap was set before, e.g. the throwaway PostgreSQL's).

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/sbin/exim4 ]; then
  echo "== installing exim"
  as_root apt-get update -qq
  # Debian's package would start a system-wide exim on port 25; where policy-rc.d forbids it (containers), it does not.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq exim4-daemon-light >/dev/null
fi

SMTPDIR=$(mktemp -d /tmp/feebridge-smtp.XXXXXX)
mkdir -p "$SMTPDIR/spool" "$SMTPDIR/log" "$SMTPDIR/maildir"
smtp_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
SMTPPORT=$(smtp_free_port)
# Exim never delivers as root: the maildir belongs to the user it runs deliveries as.
SMTPUSER=$(id -un)
if [ "$(id -u)" -eq 0 ]; then SMTPUSER=Debian-exim; chown -R Debian-exim "$SMTPDIR"; fi

cat >"$SMTPDIR/exim.conf" <<EOF
primary_hostname = feebridge-test.localhost
qualify_domain = feebridge-test.localhost
spool_directory = $SMTPDIR/spool
log_file_path = $SMTPDIR/log/%slog
pid_file_path = $SMTPDIR/exim.pid
daemon_smtp_ports = $SMTPPORT
local_interfaces = 127.0.0.1
exim_user = $SMTPUSER
never_users =
tls_advertise_hosts =
keep_environment =
host_lookup =
rfc1413_hosts =
acl_smtp_rcpt = check_rcpt
message_size_limit = 10M

begin acl
check_rcpt:
  deny    local_parts = ^bounce
          message = 550 5.1.1 No such mailbox here
  accept

begin routers
everything:
  driver = accept
  transport = to_maildir

begin transports
to_maildir:
  driver = appendfile
  directory = $SMTPDIR/maildir
  maildir_format
  user = $SMTPUSER
  envelope_to_add
  return_path_add
EOF

stop_throwaway_smtp() {
  [ -f "$SMTPDIR/exim.pid" ] && kill "$(cat "$SMTPDIR/exim.pid")" 2>/dev/null || true
  rm -rf "$SMTPDIR"
}
SMTP_PREVIOUS_TRAP=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
trap "${SMTP_PREVIOUS_TRAP:+$SMTP_PREVIOUS_TRAP; }stop_throwaway_smtp" EXIT

echo "== starting exim on 127.0.0.1:$SMTPPORT"
# -bd: listen; -q5s: retry the queue often (a test's mail never waits for exim's default half hour).
as_root /usr/sbin/exim4 -C "$SMTPDIR/exim.conf" -bd -q5s
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$SMTPPORT) 2>/dev/null && break; sleep 0.1; done

export FEEBRIDGE_TEST_SMTP_PORT=$SMTPPORT
export FEEBRIDGE_TEST_MAILDIR=$SMTPDIR/maildir

#!/usr/bin/env bash
# Installs what the tests and the demo need besides the .NET SDK: Dovecot (real IMAP/POP3 servers
# started on loopback by the test fixtures), Radicale and Xandikos (real CalDAV/CardDAV servers), aiosmtpd (a real SMTP server for the notification tests),
# readpst and pffexport (independent PST readers the PST tests compare with) and openssl (certificates
# for the TLS tests). With --bench, also mbsync and GNU time for the IMAP benchmark.
set -euo pipefail

missing=()
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd dovecot-pop3d)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/bin/readpst ] || missing+=(pst-utils)
[ -x /usr/bin/pffexport ] || missing+=(pff-tools)
/usr/bin/python3 -c "import radicale" >/dev/null 2>&1 || missing+=(radicale)
[ -x /usr/bin/xandikos ] || missing+=(xandikos)
if [ "${1:-}" = "--bench" ]; then
  [ -x /usr/bin/mbsync ] || missing+=(isync)
  [ -x /usr/bin/time ] || missing+=(time)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing ${missing[*]}..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

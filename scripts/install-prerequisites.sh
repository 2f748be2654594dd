#!/usr/bin/env bash
# Installs what the tests and the demo need besides the .NET SDK: Dovecot (real IMAP/POP3 servers
# started on loopback by the test fixtures), dnsmasq (a real DNS server for the Autodiscover and OVH detection tests), Radicale and Xandikos (real CalDAV/CardDAV servers), aiosmtpd (a real SMTP server for the notification tests),
# readpst and pffexport (independent PST readers the PST tests compare with) and openssl (certificates
# for the TLS tests). With --bench, also mbsync and GNU time for the IMAP benchmark.
# Cyrus IMAP conflicts with Dovecot as a package, so its .deb files (and libraries and sasl2-bin tools
# a machine with Dovecot lacks) are only downloaded, into $OMM_CYRUS_PACKAGES or $TMPDIR/omm-cyrus-packages,
# where tests/Omm.TestServers/CyrusPackages.cs unpacks them; the SASL plugins they load are installed.
set -euo pipefail

missing=()
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd dovecot-pop3d)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/bin/readpst ] || missing+=(pst-utils)
[ -x /usr/bin/pffexport ] || missing+=(pff-tools)
/usr/bin/python3 -c "import radicale" >/dev/null 2>&1 || missing+=(radicale)
[ -x /usr/bin/xandikos ] || missing+=(xandikos)
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
sasl_plugins=/usr/lib/$(uname -m)-linux-gnu/sasl2
[ -e "$sasl_plugins/libplain.so.2" ] || missing+=(libsasl2-modules)
[ -e "$sasl_plugins/libsasldb.so.2" ] || missing+=(libsasl2-modules-db)
if [ "${1:-}" = "--bench" ]; then
  [ -x /usr/bin/mbsync ] || missing+=(isync)
  [ -x /usr/bin/time ] || missing+=(time)
fi
cyrus_packages="${OMM_CYRUS_PACKAGES:-${TMPDIR:-/tmp}/omm-cyrus-packages}"
cyrus_debs=()
for package in cyrus-common cyrus-imapd libical3 libxapian30 sasl2-bin; do
  compgen -G "$cyrus_packages/${package}_*.deb" >/dev/null || cyrus_debs+=("$package")
done
[ ${#missing[@]} -eq 0 ] && [ ${#cyrus_debs[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root to install: ${missing[*]} ${cyrus_debs[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#cyrus_debs[@]} -gt 0 ]; then
  echo "Downloading ${cyrus_debs[*]} into $cyrus_packages..."
  mkdir -p "$cyrus_packages"
  # As root, apt warns that its _apt user cannot write there; the download works all the same.
  (cd "$cyrus_packages" && apt-get download -qq "${cyrus_debs[@]}" 2>&1 | grep -v "couldn't be accessed by user '_apt'" >&2 || true)
  for package in "${cyrus_debs[@]}"; do
    compgen -G "$cyrus_packages/${package}_*.deb" >/dev/null || { echo "Could not download $package" >&2; exit 1; }
  done
fi

#!/usr/bin/env bash
# Installs the system packages lienthong needs to build and test, when they are missing.
# Debian/Ubuntu (apt); run as root or with sudo available. Safe to run again.
set -euo pipefail

packages=(libyaml-dev libxml2-dev libarchive-dev zlib1g-dev openssl pkg-config sqlite3 postgresql python3-venv)
# XLSX export (libxlsxwriter), its reader check (LibreOffice Calc, headless) and the site's browser tests.
packages+=(libxlsxwriter-dev libreoffice-calc-nogui chromium fonts-dejavu-core)
# DICOM study check: DCMTK headers and libraries for the shim, and its tools (dump2dcm) for the tests.
packages+=(libdcmtk-dev dcmtk)
# The terminology server's load-balancer test: two instances behind nginx.
packages+=(nginx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# Python validators used by the consumer tests, in a project-local virtual environment.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv 2>/dev/null || python3 -m venv --without-pip .venv
fi
if ! .venv/bin/python -c "import jsonschema, yaml, fhir.resources.R4B, sssom, openpyxl, pydicom" 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check jsonschema pyyaml "fhir.resources>=7,<9" "sssom>=0.4.15,<0.5" "openpyxl>=3.1,<3.2" "pydicom>=2.4,<4"
fi

# The terminology server's check (scripts/consumers/serve_check.py): a real FHIR client.
if ! .venv/bin/python -c "import fhirpy" 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check "fhirpy>=2.3,<3"
fi

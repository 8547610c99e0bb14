#!/usr/bin/env bash
# The one system package the tests need: LibreOffice, which recomputes the
# audit report's formulas (tests/test_report_libreoffice.py) and the fixture
# workbooks' (tests/test_convert.py). Installs it when `soffice` is missing.
set -euo pipefail
command -v soffice >/dev/null 2>&1 && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null

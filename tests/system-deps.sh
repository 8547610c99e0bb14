#!/usr/bin/env bash
# The system packages the tests need, from Debian:
# - LibreOffice, which recomputes the audit report's formulas (tests/test_report_libreoffice.py) and the fixture
#   workbooks' (tests/test_convert.py);
# - Chromium, which opens the HTML report headless (tests/test_ci_outputs.py);
# - Java 17 for the Spark engine (tests/test_ledger_spark.py).
# Installs whichever is missing.
set -euo pipefail
packages=()
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-calc-nogui)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)
[ ${#packages[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

#!/usr/bin/env bash
# The system packages the tests need: LibreOffice, which recomputes the audit report's formulas
# (tests/test_report_libreoffice.py) and the fixture workbooks' (tests/test_convert.py), and Java 17 for
# the Spark engine (tests/test_ledger_spark.py). Installs each that is missing.
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

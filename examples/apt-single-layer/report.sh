#!/bin/sh
# legacy-reporting: renders the nightly sales report as PDF.
set -eu
out=${OUT_DIR:-/tmp}/report-$(date +%F).txt
printf 'Nightly sales report\n' > "$out"
python3 -c "print('rows:', 42)" >> "$out"
echo "wrote $out"

#!/bin/sh
# Download the Debian packages that ship the data sets and extract them into DIR.
# Usage: fetch.sh DIR   (safe to rerun: packages already extracted are skipped)
set -eu

PACKAGES="r-cran-modeldata r-cran-aer r-cran-mlbench r-cran-cardata weka"

dir=${1:?usage: fetch.sh DIR}
mkdir -p "$dir/debs" "$dir/root"
dir=$(cd "$dir" && pwd)

for pkg in $PACKAGES; do
    if [ -e "$dir/debs/$pkg.done" ]; then
        continue
    fi
    # apt-get download writes into the current folder, under the package's versioned name.
    (cd "$dir/debs" && apt-get download "$pkg")
    dpkg-deb -x "$(ls "$dir/debs/${pkg}_"*.deb | tail -n 1)" "$dir/root"
    touch "$dir/debs/$pkg.done"
done

echo "Extracted $PACKAGES into $dir/root"

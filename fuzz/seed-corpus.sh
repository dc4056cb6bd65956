#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with the committed seeds and, if the third-party docs
# are beside the project, with their files: real inputs give the fuzzer a head start. Never commit
# the corpus: it holds copies of third-party text.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
docs="$here/../../shared/quay-docs"
mkdir -p "$here/corpus/adoc" "$here/corpus/markdown" "$here/corpus/curl"
cp "$here"/seeds/adoc/* "$here/corpus/adoc/"
cp "$here"/seeds/markdown/* "$here/corpus/markdown/" 2>/dev/null || true
cp "$here"/seeds/curl/* "$here/corpus/curl/" 2>/dev/null || true
if [ -d "$docs" ]; then
    # Small files only (libFuzzer's -max_len), named by content so reruns do not duplicate.
    find "$docs/adoc" -name '*.adoc' -size -64k -type f | while read -r file; do
        cp "$file" "$here/corpus/adoc/$(sha1sum "$file" | cut -c1-16).adoc"
    done
    for file in "$docs"/markdown/*.md; do
        # One entry per file: split the big rendering at its top-level entry headings.
        awk -v out="$here/corpus/markdown/$(basename "$file" .md)" \
            '/^#+ [a-z][A-Za-z]+$/ { n++ } { print > (out "-" n ".md") }' "$file"
    done
    # The plain-text rendering: the fuzz target reads an input starting with 0x01 as plain text.
    for file in "$docs"/../seed/*.txt; do
        [ -f "$file" ] && { printf '\001'; cat "$file"; } > "$here/corpus/markdown/$(basename "$file")"
    done
    # Listings of the API guide: each one a candidate example command.
    find "$docs/guide" -name '*.adoc' -type f -exec grep -l 'curl' {} + | while read -r file; do
        awk -v out="$here/corpus/curl/$(sha1sum "$file" | cut -c1-12)" \
            '/^----$/ { inside = !inside; if (!inside) n++; next } inside && /curl/ { grab = 1 } inside { print > (out "-" n ".txt") }' "$file"
    done
else
    echo "no $docs: seeds only" >&2
fi

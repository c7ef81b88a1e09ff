#!/bin/sh
# npm run bundle: dist/ for the main step (with the HCL parser's program, unzipped) and dist/post/
# for the post step. The two ncc builds are independent and each takes most of a core for half a
# minute or more, so they run side by side. Both go into build/ first; dist/ is replaced only when
# everything is written, so a build that fails or is stopped leaves the committed dist/ in place.
set -u
rm -rf build/dist build/post
ncc build src/index.ts -o build/dist --license licenses.txt --target es2022 -q &
main=$!
ncc build src/post.ts -o build/post --license licenses.txt --target es2022 -q &
post=$!
failed=0
wait "$main" || { echo "bundle: ncc build src/index.ts failed" >&2; failed=1; }
wait "$post" || { echo "bundle: ncc build src/post.ts failed" >&2; failed=1; }
[ "$failed" -eq 0 ] || exit 1
node -e "const fs = require('node:fs'); fs.writeFileSync('build/dist/main.wasm', require('node:zlib').gunzipSync(fs.readFileSync('node_modules/@cdktn/hcl2json/main.wasm.gz')))" || exit 1
mv build/post build/dist/post && rm -rf dist && mv build/dist dist

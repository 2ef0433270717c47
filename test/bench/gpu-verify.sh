#!/usr/bin/env bash
# `hypocheck verify --backend gpu` on a real GPU machine without Node or node_modules (issue 5).
#
#   here:   bash test/bench/gpu-verify.sh --prepare    # builds out/gpu-verify (≈ 55 MiB, git-ignored):
#           the CLI bundled by esbuild, webgpu (linux-x64), z3-solver, this machine's Node, libvulkan.so.1
#   there:  bash test/bench/gpu-verify.sh              # with out/gpu-verify carried; report in $OUT/report
# Every step is time-limited; the run ends within 5 minutes.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PACK=$ROOT/out/gpu-verify

if [ "${1:-}" = "--prepare" ]; then
  set -e
  cd "$ROOT"
  rm -rf "$PACK"
  mkdir -p "$PACK/app/src" "$PACK/app/node_modules/webgpu/dist" "$PACK/lib"
  npx esbuild src/cli.ts --bundle --platform=node --format=esm --target=node20 --outfile="$PACK/app/src/cli.mjs" \
    --external:webgpu --external:z3-solver --log-level=warning \
    --banner:js="import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);"
  cp package.json "$PACK/app/"
  cp -r node_modules/z3-solver node_modules/async-mutex node_modules/tslib "$PACK/app/node_modules/"
  cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$PACK/app/node_modules/webgpu/"
  cp -r node_modules/webgpu/dist/linux-x64 "$PACK/app/node_modules/webgpu/dist/"
  tar czf "$PACK/app.tgz" -C "$PACK" app && rm -rf "$PACK/app"
  gzip -c "$(command -v node)" > "$PACK/node.gz"
  # the Vulkan loader, and glvnd (NVIDIA's libGLX_nvidia.so.0, the Vulkan ICD, needs libGLdispatch.so.0)
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download libvulkan1 libglvnd0 libglx0 libegl1 >/dev/null 2>&1 && for f in *.deb; do dpkg-deb -x "$f" x; done)
  cp -L "$tmp"/x/usr/lib/x86_64-linux-gnu/*.so.[0-9] "$PACK/lib/"
  du -sh "$PACK"
  echo "prepared: carry 'out/gpu-verify' and run 'bash test/bench/gpu-verify.sh'"
  exit 0
fi

OUT=${OUT:-$ROOT/out}
W=/tmp/gpu-verify
mkdir -p "$W" "$OUT"
log() { echo "$@" | tee -a "$OUT/gpu-verify.txt"; }
log "== hypocheck gpu-verify $(date -u +%FT%TZ)"
nvidia-smi -L 2>&1 | tee -a "$OUT/gpu-verify.txt"
NODE=${NODE:-}
if [ -z "$NODE" ] && command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then NODE=node; fi
if [ -z "$NODE" ]; then gunzip -c "$PACK/node.gz" > "$W/node" && chmod +x "$W/node" && NODE=$W/node; fi
log "node: $NODE $($NODE --version)"
tar xzf "$PACK/app.tgz" -C "$W"
# carried loader and glvnd after the system's own; the NVIDIA driver's libraries where the container mounts them
for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do [ -d "$d" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"; done
ldconfig -p 2>/dev/null | grep -q libvulkan.so.1 || export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$PACK/lib"
ldconfig -p 2>/dev/null | grep -q libGLdispatch.so.0 || export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$PACK/lib"
log "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
for d in /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d; do
  [ -f "$d/nvidia_icd.json" ] && { export VK_ICD_FILENAMES="$d/nvidia_icd.json"; break; }
done
log "VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-unset}"
cd "$W/app"
export HYPOCHECK_GPU_BACKEND=vulkan EGL_PLATFORM=surfaceless
start=$(date +%s)
timeout 240 "$NODE" src/cli.mjs verify --backend gpu --report "$OUT/report" 2>&1 | grep -v '^    at ' | tee -a "$OUT/gpu-verify.txt"
rc=${PIPESTATUS[0]}
log "verify exit $rc in $(( $(date +%s) - start )) s"
exit "$rc"

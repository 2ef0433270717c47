;; Philox4x32-10 of [salmon_2011] over many counters: the definition of numeric/rng.ts (its header),
;; assembled into numeric/philox-wasm.ts (regenerate with `npm run wasm`; a test re-assembles this
;; file and compares). hi(M·c) and lo(M·c) from one exact 64-bit product; 10 rounds unrolled.
(module
  ;; 256 KiB: 16384 blocks of words, or 8192 blocks of uniforms, per call.
  (memory (export "memory") 4)

  ;; Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1), the 4 words stored at ptr.
  (func $block (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $k0 i32) (param $k1 i32) (param $ptr i32)
    (local $p0 i64) (local $p1 i64)
    ;; round 0
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 1
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 2
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 3
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 4
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 5
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 6
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 7
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 8
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
    (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
    ;; round 9
    (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $c0)) (i64.const 0xd2511f53)))
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xcd9e8d57)))
    (local.set $c0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
    (local.set $c1 (i32.wrap_i64 (local.get $p1)))
    (local.set $c2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
    (local.set $c3 (i32.wrap_i64 (local.get $p0)))
    (i32.store (local.get $ptr) (local.get $c0))
    (i32.store offset=4 (local.get $ptr) (local.get $c1))
    (i32.store offset=8 (local.get $ptr) (local.get $c2))
    (i32.store offset=12 (local.get $ptr) (local.get $c3)))

  ;; Samples i = (ihi, ilo) … i + n − 1, blocks j = 0 … J − 1 of each: counter (i_lo, stream, j, i_hi),
  ;; words at 16·(J·s + j), s = i − (ihi, ilo) (NormalStream's layout; ilo wraps into ihi).
  (func (export "words") (param $k0 i32) (param $k1 i32) (param $stream i32) (param $ilo i32) (param $ihi i32) (param $n i32) (param $J i32)
    (local $ptr i32) (local $end i32) (local $j i32)
    (local.set $end (i32.shl (i32.mul (local.get $n) (local.get $J)) (i32.const 4)))
    (block $done
      (loop $samples
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $j (i32.const 0))
        (loop $blocks
          (call $block (local.get $ilo) (local.get $stream) (local.get $j) (local.get $ihi) (local.get $k0) (local.get $k1) (local.get $ptr))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $blocks (i32.lt_u (local.get $j) (local.get $J))))
        (local.set $ilo (i32.add (local.get $ilo) (i32.const 1)))
        (if (i32.eqz (local.get $ilo)) (then (local.set $ihi (i32.add (local.get $ihi) (i32.const 1)))))
        (br $samples))))

  ;; Blocks b = (bhi, blo) … b + n − 1 of counter (b_lo, stream, 0, b_hi) (PhiloxRng's layout) as
  ;; uniforms (w + ½)·2⁻³², 4 doubles per block at 32·(b − first).
  (func (export "uniforms") (param $k0 i32) (param $k1 i32) (param $stream i32) (param $blo i32) (param $bhi i32) (param $n i32)
    (local $ptr i32) (local $end i32) (local $w i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 5)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (call $block (local.get $blo) (local.get $stream) (i32.const 0) (local.get $bhi) (local.get $k0) (local.get $k1) (local.get $ptr))
        ;; words at ptr … ptr + 15 → doubles at ptr … ptr + 31, last first so no word is overwritten before it is read
        (f64.store offset=24 (local.get $ptr) (f64.mul (f64.add (f64.convert_i32_u (i32.load offset=12 (local.get $ptr))) (f64.const 0.5)) (f64.const 0x1p-32)))
        (f64.store offset=16 (local.get $ptr) (f64.mul (f64.add (f64.convert_i32_u (i32.load offset=8 (local.get $ptr))) (f64.const 0.5)) (f64.const 0x1p-32)))
        (f64.store offset=8 (local.get $ptr) (f64.mul (f64.add (f64.convert_i32_u (i32.load offset=4 (local.get $ptr))) (f64.const 0.5)) (f64.const 0x1p-32)))
        (f64.store (local.get $ptr) (f64.mul (f64.add (f64.convert_i32_u (i32.load (local.get $ptr))) (f64.const 0.5)) (f64.const 0x1p-32)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 32)))
        (local.set $blo (i32.add (local.get $blo) (i32.const 1)))
        (if (i32.eqz (local.get $blo)) (then (local.set $bhi (i32.add (local.get $bhi) (i32.const 1)))))
        (br $blocks)))))

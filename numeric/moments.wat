;; Second moments of a block of Monte Carlo draws (numeric/moments-wasm.ts): for k ≤ l, the
;; compensated sum S[k,l] += c[i,k]·c[i,l] over rows i = 0 … n−1 in row order, each addition's
;; error by Knuth's TwoSum into C[k,l]. Two pairs (l, l+1) per f64x2 lane pair, two of those at
;; once: four independent chains. f64x2 add, sub and mul round each lane as scalar f64 does, so
;; the sums are, bit for bit, those of MomentAccumulator.pushRows in JavaScript (tested).
;;
;; second(c, n, m, s, e): c = rows of m doubles (n of them), s/e = sums and errors of the upper
;; triangle, row-major (k ≤ l), m(m+1)/2 doubles each; all byte offsets into memory.
(module
  (memory (export "memory") 1)

  (func $second (export "second") (param $c i32) (param $n i32) (param $m i32) (param $s i32) (param $e i32)
    (local $k i32) (local $l i32) (local $idx i32) (local $i i32) (local $row i32) (local $stride i32)
    (local $a v128) (local $x0 v128) (local $x1 v128) (local $t0 v128) (local $t1 v128) (local $v0 v128) (local $v1 v128)
    (local $s0 v128) (local $s1 v128) (local $e0 v128) (local $e1 v128)
    (local $as f64) (local $xs f64) (local $ts f64) (local $vs f64) (local $ss f64) (local $es f64)
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $k (i32.const 0))
    (local.set $idx (i32.const 0))
    (block $kdone
      (loop $kloop
        (br_if $kdone (i32.ge_u (local.get $k) (local.get $m)))
        (local.set $l (local.get $k))
        ;; four pairs (l … l+3) at once
        (block $quaddone
          (loop $quad
            (br_if $quaddone (i32.gt_u (i32.add (local.get $l) (i32.const 3)) (i32.sub (local.get $m) (i32.const 1))))
            (local.set $s0 (v128.load (i32.add (local.get $s) (i32.shl (local.get $idx) (i32.const 3)))))
            (local.set $s1 (v128.load (i32.add (local.get $s) (i32.shl (i32.add (local.get $idx) (i32.const 2)) (i32.const 3)))))
            (local.set $e0 (v128.load (i32.add (local.get $e) (i32.shl (local.get $idx) (i32.const 3)))))
            (local.set $e1 (v128.load (i32.add (local.get $e) (i32.shl (i32.add (local.get $idx) (i32.const 2)) (i32.const 3)))))
            (local.set $i (i32.const 0))
            (local.set $row (local.get $c))
            (block $rdone
              (loop $rows
                (br_if $rdone (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $a (f64x2.splat (f64.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 3))))))
                (local.set $x0 (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $row) (i32.shl (local.get $l) (i32.const 3))))))
                (local.set $x1 (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $row) (i32.shl (i32.add (local.get $l) (i32.const 2)) (i32.const 3))))))
                (local.set $t0 (f64x2.add (local.get $s0) (local.get $x0)))
                (local.set $t1 (f64x2.add (local.get $s1) (local.get $x1)))
                (local.set $v0 (f64x2.sub (local.get $t0) (local.get $s0)))
                (local.set $v1 (f64x2.sub (local.get $t1) (local.get $s1)))
                ;; e += (s − (t − v)) + (x − v)
                (local.set $e0 (f64x2.add (local.get $e0)
                  (f64x2.add (f64x2.sub (local.get $s0) (f64x2.sub (local.get $t0) (local.get $v0))) (f64x2.sub (local.get $x0) (local.get $v0)))))
                (local.set $e1 (f64x2.add (local.get $e1)
                  (f64x2.add (f64x2.sub (local.get $s1) (f64x2.sub (local.get $t1) (local.get $v1))) (f64x2.sub (local.get $x1) (local.get $v1)))))
                (local.set $s0 (local.get $t0))
                (local.set $s1 (local.get $t1))
                (local.set $row (i32.add (local.get $row) (local.get $stride)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $rows)))
            (v128.store (i32.add (local.get $s) (i32.shl (local.get $idx) (i32.const 3))) (local.get $s0))
            (v128.store (i32.add (local.get $s) (i32.shl (i32.add (local.get $idx) (i32.const 2)) (i32.const 3))) (local.get $s1))
            (v128.store (i32.add (local.get $e) (i32.shl (local.get $idx) (i32.const 3))) (local.get $e0))
            (v128.store (i32.add (local.get $e) (i32.shl (i32.add (local.get $idx) (i32.const 2)) (i32.const 3))) (local.get $e1))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
            (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
            (br $quad)))
        ;; the remaining pairs one at a time
        (block $single
          (loop $one
            (br_if $single (i32.ge_u (local.get $l) (local.get $m)))
            (local.set $ss (f64.load (i32.add (local.get $s) (i32.shl (local.get $idx) (i32.const 3)))))
            (local.set $es (f64.load (i32.add (local.get $e) (i32.shl (local.get $idx) (i32.const 3)))))
            (local.set $i (i32.const 0))
            (local.set $row (local.get $c))
            (block $rdone1
              (loop $rows1
                (br_if $rdone1 (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $as (f64.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 3)))))
                (local.set $xs (f64.mul (local.get $as) (f64.load (i32.add (local.get $row) (i32.shl (local.get $l) (i32.const 3))))))
                (local.set $ts (f64.add (local.get $ss) (local.get $xs)))
                (local.set $vs (f64.sub (local.get $ts) (local.get $ss)))
                (local.set $es (f64.add (local.get $es)
                  (f64.add (f64.sub (local.get $ss) (f64.sub (local.get $ts) (local.get $vs))) (f64.sub (local.get $xs) (local.get $vs)))))
                (local.set $ss (local.get $ts))
                (local.set $row (i32.add (local.get $row) (local.get $stride)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $rows1)))
            (f64.store (i32.add (local.get $s) (i32.shl (local.get $idx) (i32.const 3))) (local.get $ss))
            (f64.store (i32.add (local.get $e) (i32.shl (local.get $idx) (i32.const 3))) (local.get $es))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (local.set $idx (i32.add (local.get $idx) (i32.const 1)))
            (br $one)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kloop)))))

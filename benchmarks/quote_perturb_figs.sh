#!/usr/bin/env bash
# End-to-end quote figures on the development sets, original and perturbed, side by side.
#   bash benchmarks/quote_perturb_figs.sh OUT [SEED]   (run from the worktree to score)
# Prints one row per set: detection F1 / attribution / speaker precision / end-to-end F1 for
# the original and each perturbation (benchmarks/quote_perturb.py). Never on quotes-test.
OUT=${1:-/tmp/perturb}; SEED=${2:-0}; B=benchmarks/quote-styles
SHARED=$(python3 -c 'import sys; sys.path.insert(0, "benchmarks"); from shared_data import SHARED; print(SHARED)')
S=$SHARED/data; SCORE=$SHARED/tools/score_quotes.py
mkdir -p "$OUT"
fig() {  # gold dir, name -> "det/att/prec/e2e"
  python3 -m reader export quotes "$1" 2>/dev/null > "$OUT/pred-$2.jsonl"
  python3 "$SCORE" "$1" "$OUT/pred-$2.jsonl" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.3f/%.3f/%.3f/%.3f" % (r["detection"]["f1"], r["attribution_accuracy"], r["speaker_precision"], r["end_to_end"]["f1"]))'
}
printf '%-16s %-24s %-24s %-24s %-24s %-24s %-24s\n' set original names marks single flatten verbs
for src in $S/quotes $S/quotes-wikinews $B/set-a $B/set-b $B/set-c $B/set-d $B/set-e $B/set-f $B/set-g $B/set-h; do
  name=$(basename "$src"); row=$(fig "$src" "$name")
  for p in names marks single flatten verbs; do
    python3 benchmarks/quote_perturb.py "$src" "$OUT/$name-$p" --$p --seed "$SEED" > /dev/null
    row="$row $(fig "$OUT/$name-$p" "$name-$p")"
  done
  printf '%-16s %-24s %-24s %-24s %-24s %-24s %-24s\n' "$name" $row
done

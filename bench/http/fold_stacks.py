#!/usr/bin/python3
"""Folds the output of repeated `gdb -batch -ex "thread apply all bt"` (run.sh
--profile gdb) into the most frequent thread stacks: a poor man's profiler that
shows where threads wait (off-CPU) as well as where they run.

  fold_stacks.py GDB_OUTPUT [--depth N] [--top N]
  fold_stacks.py --tidy < PERF_REPORT    (run.sh --profile perf)
      Makes `perf report --stdio` readable: template arguments folded to <>,
      padding and empty columns dropped.
"""
import argparse
import collections
import re

FRAME = re.compile(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(.*)$")


def function_name(text):
    """The function of a frame line, without arguments, addresses or file."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif ch == "(" and depth <= 0:
            # "name (args) at file:line" or "name(types) ()" (no debug info)
            return text[:i].rstrip()
    return text.strip()


def shorten(name):
    # Template arguments make names unreadable; keep the outer name.
    out, depth = [], 0
    for ch in name:
        if ch == "<":
            if depth == 0:
                out.append("<>")
            depth += 1
        elif ch == ">":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def tidy(stream):
    import sys
    for line in stream:
        line = re.sub(r"[\s-]+$", "", line.rstrip("\n"))
        if line.strip() == "-":
            line = ""
        sys.stdout.write(shorten(line) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--tidy", action="store_true", help="tidy perf report output on stdin")
    ap.add_argument("--depth", type=int, default=7, help="innermost frames kept per stack")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    if args.tidy:
        import sys
        return tidy(sys.stdin)

    stacks = collections.Counter()
    per_frame = collections.Counter()  # inclusive: stacks in which a function appears
    samples = 0
    frames = None

    def flush():
        nonlocal frames, samples
        if frames:
            samples += 1
            stacks[" <- ".join(frames[:args.depth])] += 1
            for f in set(frames):
                per_frame[f] += 1
        frames = None

    with open(args.file, errors="replace") as fh:
        for line in fh:
            if line.startswith("Thread "):
                flush()
                frames = []
                continue
            m = FRAME.match(line)
            if m and frames is not None:
                frames.append(shorten(function_name(m.group(1))))
            elif not line.strip():
                flush()
    flush()

    print("%d thread samples\n" % samples)
    print("Most frequent stacks (innermost frame first):")
    for stack, n in stacks.most_common(args.top):
        print("%6.1f%%  %s" % (100.0 * n / samples, stack))
    print("\nFunctions on the stack (inclusive share of thread samples):")
    for f, n in per_frame.most_common(args.top * 2):
        print("%6.1f%%  %s" % (100.0 * n / samples, f))


if __name__ == "__main__":
    main()

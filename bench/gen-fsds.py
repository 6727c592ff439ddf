#!/usr/bin/env python3
"""FSDS-shaped quarter zips for the scale benchmark (bench/scale.sh), in the SEC's layout.

Usage: bench/gen-fsds.py SEED_ZIP OUT_DIR FACTS [QUARTERS]

SEED_ZIP is a real quarter as published (e.g. the 2010q2.zip in ../shared/data/sec-fsds/, with the SEC's
readme.htm); its sub.txt and num.txt are the template. Every synthetic submission copies one real submission
(form, fiscal year end, fy, fp, period) and all of its num.txt rows (tags, qtrs, units, segments, coreg,
values), so the mix of tags, spans, units, segments, forms and fiscal-year ends is the real quarter's, in
the same proportions. Each synthetic filer has its own CIK and accession numbers; company-specific tags get
the new accession as their version, as the SEC writes them.

FACTS num.txt rows are spread over QUARTERS zips (default: one per 2.5 M facts, at least one), named
2010q2.zip, 2011q2.zip, ...: zip k holds the same filers as zip 0 with every date moved k years later, so a
filer's history grows one year per zip, as consecutive years' second quarters would.

About one row in 100,000 is damaged on purpose (a value that is not a number, a ddate that is not a date)
so both sides exercise their quarantine. Deterministic: the same arguments give the same bytes.
"""
import io
import math
import os
import random
import sys
import zipfile


def read_tsv(zf, name):
    with zf.open(name) as f:
        lines = io.TextIOWrapper(f, encoding="utf-8").read().split("\n")
    header = lines[0].rstrip("\r").split("\t")
    rows = [l.rstrip("\r").split("\t") for l in lines[1:] if l.strip()]
    return header, rows


def shift_date(text, years):
    """yyyymmdd plus whole years (Feb 29 becomes Feb 28)."""
    if len(text) != 8 or not text.isdigit():
        return text
    y, md = int(text[:4]) + years, text[4:]
    if md == "0229" and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        md = "0228"
    return f"{y:04d}{md}"


def main():
    seed_zip, out_dir, facts = sys.argv[1], sys.argv[2], int(float(sys.argv[3]))
    quarters = int(sys.argv[4]) if len(sys.argv) > 4 else max(1, math.ceil(facts / 2_500_000))
    os.makedirs(out_dir, exist_ok=True)
    with zipfile.ZipFile(seed_zip) as zf:
        sub_header, subs = read_tsv(zf, "sub.txt")
        num_header, nums = read_tsv(zf, "num.txt")
        readme = zf.read("readme.htm") if "readme.htm" in zf.namelist() else None
    s = {c: i for i, c in enumerate(sub_header)}
    n = {c: i for i, c in enumerate(num_header)}
    by_adsh = {}
    for row in nums:
        by_adsh.setdefault(row[n["adsh"]], []).append(row)
    templates = [sub for sub in subs if sub[s["adsh"]] in by_adsh]

    per_quarter = facts // quarters
    # the filers of one quarter: template submissions in turn until the quarter's facts are reached
    filers, total = [], 0
    while total < per_quarter:
        t = templates[len(filers) % len(templates)]
        take = min(len(by_adsh[t[s["adsh"]]]), per_quarter - total)
        filers.append((t, take))
        total += take

    rnd = random.Random(13)
    for k in range(quarters):
        name = os.path.join(out_dir, f"{2010 + k}q2.zip")
        with zipfile.ZipFile(name + ".part", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            sub_lines, num_buffer = ["\t".join(sub_header)], None
            with out.open("num.txt", "w", force_zip64=True) as num_file:
                num_buffer = io.TextIOWrapper(num_file, encoding="utf-8", newline="\n")
                num_buffer.write("\t".join(num_header) + "\n")
                for j, (t, take) in enumerate(filers):
                    cik = 2_000_000 + j
                    adsh = f"{cik:010d}-{(10 + k) % 100:02d}-{j % 1_000_000:06d}"
                    sub = list(t)
                    old_adsh = sub[s["adsh"]]
                    sub[s["adsh"]], sub[s["cik"]] = adsh, str(cik)
                    sub[s["name"]] = f"SYNTHETIC FILER {cik}"
                    for c in ("period", "filed"):
                        sub[s[c]] = shift_date(sub[s[c]], k)
                    if sub[s["fy"]].isdigit():
                        sub[s["fy"]] = str(int(sub[s["fy"]]) + k)
                    sub_lines.append("\t".join(sub))
                    chunk = []
                    for row in by_adsh[old_adsh][:take]:
                        r = list(row)
                        r[n["adsh"]] = adsh
                        if r[n["version"]] == old_adsh:
                            r[n["version"]] = adsh
                        r[n["ddate"]] = shift_date(r[n["ddate"]], k)
                        if rnd.random() < 1e-5:
                            if rnd.random() < 0.5:
                                r[n["value"]] = "n/a"
                            else:
                                r[n["ddate"]] = "2010-06-30"
                        chunk.append("\t".join(r))
                    num_buffer.write("\n".join(chunk) + "\n")
                num_buffer.flush()
                num_buffer.detach()
            out.writestr("sub.txt", "\n".join(sub_lines) + "\n")
            if readme is not None:
                out.writestr("readme.htm", readme)
        os.replace(name + ".part", name)
        print(f"wrote {name}: {len(filers)} submissions, {total} facts", file=sys.stderr)


if __name__ == "__main__":
    main()

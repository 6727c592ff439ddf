#!/usr/bin/env python3
"""Rebuild sample-data/ from the curated shared data folder.

Developer tool only: the pipeline never reads the shared folder, it reads the
files this script writes under sample-data/.

Usage (from the repository root):
    python3 sample-data/build/build_sample_data.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ../shared/data relative to the repository root.
Output is deterministic: sorted rows, LF line endings, UTF-8 without BOM,
RFC 4180 quoting only where needed, one header row per file.
Python 3 standard library only.
"""
import csv
import datetime as dt
import io
import os
import re
import sys
from collections import Counter, OrderedDict, defaultdict

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(REPO_ROOT, "sample-data")

FACT_COLUMNS = ["ticker", "fiscal_year", "fiscal_period", "period_end", "currency",
                "segment", "metric", "value", "source"]
PERIOD_ORDER = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "FY": 5}

# Consolidated metrics: source name -> output name.
CONSOLIDATED = {
    "revenue": "revenue",
    "cost_of_revenue": "cost_of_revenue",
    "gross_profit": "gross_profit",
    "operating_income": "operating_income",
    "net_income": "net_income",
    "capex": "capex",
    "depreciation_amortization": "depreciation_amortization",
    "depreciation": "depreciation",
    "finance_lease_principal_payments": "finance_lease_principal",
    "operating_cash_flow": "operating_cash_flow",
    "rd_expense": "rd_expense",
    "rpo": "rpo",
}
DROPPED_METRICS = {
    "capex_ai_cloud_infrastructure": "one_off_metric_capex_ai_cloud_infrastructure",
    # management's own capex definition (Alibaba), not the cash-flow purchase-of-P&E line: loading it as capex
    # would splice two definitions into one series
    "capex_reported_total": "management_quoted_capex_not_the_cash_flow_line",
    # the facts format has discrete quarters and fiscal years only; the quarters they imply are in the file
    "capex_ytd": "year_to_date_not_a_facts_period",
    "operating_cash_flow_ytd": "year_to_date_not_a_facts_period",
}
# Notes appended to the source text of a metric whose values the shared README says are rounded, so the
# rounding travels with every row (and into gold's sources column).
ROUNDED_NOTES = {
    "rpo": "rounded: filings tag RPO from narrative text (e.g. $2.5 billion); README_turn2.md",
}

# ---------------------------------------------------------------------------
# Company registry (hand-curated; every entry states where it came from).
# ---------------------------------------------------------------------------
LAYER = {}
for _layer, _tickers in [
    ("chips", "NVDA AMD AVGO INTC QCOM MRVL"),
    ("foundry", "TSM"),
    ("memory", "MU"),
    ("hyperscaler", "MSFT GOOGL AMZN META ORCL BABA TCEHY"),
    ("neocloud", "CRWV"),
    ("devices", "AAPL TSLA"),
    ("servers_networking", "DELL SMCI HPE ANET"),
    ("applications", "PLTR CRM NOW ADBE SNOW"),
]:
    for _t in _tickers.split():
        LAYER[_t] = _layer

# ticker -> (fiscal_year_end_month, calendar, where the convention is documented)
FC = "filings-quarterly/fiscal_calendars.csv"
FX = "filings-quarterly/README_ext.md (Method: Fiscal labels)"
FISCAL = {
    "NVDA": (1, "52_53_week", FC + ": last Sunday of January (52/53 wk)"),
    "MSFT": (6, "month_end", FC + ": June 30"),
    "ORCL": (5, "month_end", FC + ": May 31"),
    "BABA": (3, "month_end", FC + ": March 31; " + FX + ": FY ends in March"),
    "AAPL": (9, "52_53_week", FC + ": last Saturday of September (52/53 wk)"),
    "AVGO": (10, "52_53_week", FC + ": Sunday closest to Oct 31 (52/53 wk), e.g. Q4 FY2025 ends 2025-11-02"),
    "MU": (8, "52_53_week", FC + ": Thursday closest to Aug 31 (52/53 wk)"),
    "AMD": (12, "52_53_week", FC + ": last Saturday of December (52/53 wk)"),
    "GOOGL": (12, "month_end", FC + ": December 31"),
    "META": (12, "month_end", FC + ": December 31"),
    "AMZN": (12, "month_end", FC + ": December 31"),
    "TSLA": (12, "month_end", FC + ": December 31"),
    "CRWV": (12, "month_end", FC + ": December 31"),
    "TSM": (12, "month_end", FC + ": December 31"),
    "TCEHY": (12, "month_end", FC + ": December 31; " + FX + ": calendar year"),
    "CRM": (1, "month_end", FX + ": FY ends Jan 31, named after the January"),
    "SNOW": (1, "month_end", FX + ": FY ends Jan 31, named after the January"),
    "DELL": (1, "52_53_week", FX + ": FY ends about Feb 1, named after the year in which it ends"),
    "MRVL": (1, "52_53_week", FX + ": FY ends about Feb 1, named after the year in which it ends"),
    "ADBE": (11, "52_53_week", FX + ": FY ends on the Friday nearest Nov 30"),
    "SMCI": (6, "month_end", FX + ": FY ends in June"),
    "HPE": (10, "month_end", FX + ": FY ends in October"),
    "QCOM": (9, "52_53_week", FX + ": FY ends in late September, Q1 is the December quarter"),
    "INTC": (12, "52_53_week", FX + ": 52/53-week calendar year"),
    "PLTR": (12, "month_end", FX + ": calendar year"),
    "NOW": (12, "month_end", FX + ": calendar year"),
    "ANET": (12, "month_end", FX + ": calendar year"),
}

# CIK evidence. FSDS = the SEC Financial Statement Data Set in the shared folder.
FSDS = "SEC FSDS 2010q2.zip sub.txt (cik,name)"
FS = "public GitHub files found with the search tool (find_string on the zero-padded CIK)"
CIKS = {
    # ticker: (current cik or None, evidence)
    "AAPL": (320193, FSDS + " 'APPLE INC'; " + FS + ": several ticker->CIK tables agree"),
    "ADBE": (796343, FSDS + " 'ADOBE SYSTEMS INC'; " + FS + ": ticker->CIK tables agree"),
    "AMD": (2488, FS + ": several ticker->CIK tables map AMD/Advanced Micro Devices to 0000002488"),
    "AMZN": (1018724, FSDS + " 'AMAZON COM INC'; " + FS + ": ticker->CIK tables agree"),
    "ANET": (1596532, FS + ": ticker->CIK tables ('Arista Networks, Inc.') and sec.gov/Archives/edgar/data/1596532/... ANET filings"),
    "AVGO": (1730168, FS + ": ticker->CIK tables ('Broadcom Inc.') and accession 0001730168-26-000080; predecessors in company_ciks.csv"),
    "BABA": (1577552, FS + ": SEC company_tickers-style fixture {cik_str:1577552,ticker:BABA,title:'Alibaba Group Holding Ltd'} and other tables"),
    "CRM": (1108524, FSDS + " 'SALESFORCE COM INC'; " + FS + ": ticker->CIK tables agree"),
    "CRWV": (1769628, FS + ": 'CoreWeave, Inc., CIK 0001769628' 10-K note and sec.gov/Archives/edgar/data/1769628/... CoreWeave releases"),
    "DELL": (1571996, FS + ": ticker->CIK tables ('Dell Technologies Inc.') and sec.gov/Archives/edgar/data/1571996/... Dell Technologies releases; old Dell Inc. in company_ciks.csv"),
    "GOOGL": (1652044, FS + ": ticker->CIK tables ('Alphabet Inc.'); successor issuer per 8-K12B dated 2015-10-02 (sec.gov/Archives/edgar/data/1652044/000119312515336577); predecessor Google Inc. 1288776 in " + FSDS),
    "HPE": (1645590, FS + ": ticker->CIK tables ('HPE', FY end 31 Oct) and HPE accession numbers 0001645590-26-..."),
    "INTC": (50863, FSDS + " 'INTEL CORP'; " + FS + ": ticker->CIK tables agree"),
    "META": (1326801, FS + ": ticker->CIK tables ('Meta Platforms, Inc.') and accession 0001326801-24-000012"),
    "MRVL": (1835632, FS + ": ticker->CIK tables ('Marvell Technology') and sec.gov/Archives/edgar/data/0001835632/... 8-Ks; predecessor 1058057 in " + FSDS),
    "MSFT": (789019, FSDS + " 'MICROSOFT CORP'; " + FS + ": ticker->CIK tables agree"),
    "MU": (723125, FS + ": sub.txt-format excerpt '723125 MICRON TECHNOLOGY INC' and sec.gov submissions/CIK0000723125.json links"),
    "NOW": (1373715, FS + ": ticker->CIK tables ('ServiceNow Inc.') and sec.gov/Archives/edgar/data/0001373715/now-20260630.htm"),
    "NVDA": (1045810, FSDS + " 'NVIDIA CORP'; filings-quarterly/raw/sec_nvda_companyfacts_slowvariables.json cik 1045810"),
    "ORCL": (1341439, FS + ": ticker->CIK tables ('Oracle Corporation') and sec.gov/Archives/edgar/data/0001341439/.../orcl-ex99_1.htm"),
    "PLTR": (1321655, FS + ": ticker->CIK tables ('Palantir Technologies Inc.') and sec.gov/Archives/edgar/data/1321655/... press releases"),
    "QCOM": (804328, FSDS + " 'QUALCOMM INC/DE'; " + FS + ": ticker->CIK tables agree"),
    "SMCI": (1375365, FS + ": ticker->CIK tables ('Super Micro Computer, Inc.') and sec.gov/Archives/edgar/data/1375365/.../smci-20260630.htm"),
    "SNOW": (1640147, FS + ": ticker->CIK tables ('Snowflake Inc.') and sec.gov/Archives/edgar/data/1640147/.../snow-20250131.htm"),
    "TCEHY": (None, "no SEC CIK: Tencent is an HKEX filer (fiscal_calendars.csv: 'CNY (HKEX filer)')"),
    "TSLA": (1318605, FS + ": several ticker->CIK tables map TSLA to 0001318605"),
    "TSM": (1046179, FS + ": ticker->CIK tables ('Taiwan Semiconductor Manufacturing') and sec.gov/Archives/edgar/data/1046179/... 6-K"),
}

# Every CIK each ticker has filed under. valid_from inclusive, valid_to exclusive
# (the day the successor took over); empty = open / not established from a source.
CIK_HISTORY = [
    # ticker, cik, filer_name, valid_from, valid_to, source
    ("GOOGL", 1288776, "GOOGLE INC.", "", "2015-10-02",
     FSDS + " 'GOOGLE INC.' 10-Q; sec.gov 8-K 0001193125-15-336550 (Google Inc., CIK 0001288776, event date 2015-10-02): holding-company reorganization closed after the close of business on 2015-10-02"),
    ("GOOGL", 1652044, "Alphabet Inc.", "2015-10-02", "",
     "sec.gov 8-K12B (sec.gov/Archives/edgar/data/1652044/000119312515336577, date of report 2015-10-02): Alphabet became successor issuer to Google Inc. under Rule 12g-3(a)"),
    ("AVGO", 1441634, "Avago Technologies Ltd", "", "2016-02-01",
     FS + ": CIK chain 0001441634 (to 2016-01-31) -> 0001649338 (2016-02-01..2018-04-03) -> 0001730168 (from 2018-04-04); 'Avago Technologies LTD CIK 0001441634'"),
    ("AVGO", 1649338, "Broadcom Ltd (now Broadcom Pte. Ltd.)", "2016-02-01", "2018-04-04",
     FS + ": same CIK chain; 'Broadcom Ltd (now Broadcom Pte.) -> Broadcom Inc 1730168'"),
    ("AVGO", 1730168, "Broadcom Inc.", "2018-04-04", "",
     FS + ": same CIK chain; 'Broadcom Inc. | 0001730168'"),
    ("MRVL", 1058057, "MARVELL TECHNOLOGY GROUP LTD", "", "2021-04-20",
     FSDS + " 'MARVELL TECHNOLOGY GROUP LTD' 10-Q; " + FS + ": predecessor map MRVL 0001058057 -> 0001835632 on 2021-04-20"),
    ("MRVL", 1835632, "Marvell Technology", "2021-04-20", "",
     FS + ": predecessor map MRVL 0001058057 -> 0001835632 on 2021-04-20; ticker->CIK tables agree"),
    ("ORCL", 777676, "Oracle Corporation (old registrant)", "", "2006-01-31",
     FS + ": predecessor maps ORCL 0000777676 -> 0001341439 on 2006-01-31 ('Oracle Corporation (old)')"),
    ("ORCL", 1341439, "Oracle Corporation", "2006-01-31", "",
     CIKS["ORCL"][1] + "; successor date from the same predecessor map"),
    ("DELL", 826083, "DELL INC", "", "2013-10-29",
     FSDS + " 'DELL INC' 10-Q (fye 0131); " + FS + ": 'Old Dell - taken private Oct 2013', delisted 2013-10-29. Not the same registrant as Dell Technologies"),
    ("DELL", 1571996, "Dell Technologies Inc.", "", "", CIKS["DELL"][1]),
]


def cik_history_rows():
    rows = [list(r) for r in CIK_HISTORY]
    covered = {r[0] for r in rows}
    # filer_name = the name shown in the cited evidence (FSDS names are the 2010 conformed names)
    names = {"AAPL": "APPLE INC", "ADBE": "ADOBE SYSTEMS INC", "AMD": "Advanced Micro Devices",
             "AMZN": "AMAZON COM INC", "ANET": "Arista Networks, Inc.", "BABA": "Alibaba Group Holding Ltd",
             "CRM": "SALESFORCE COM INC", "CRWV": "CoreWeave, Inc.", "HPE": "Hewlett Packard Enterprise",
             "INTC": "INTEL CORP", "META": "Meta Platforms, Inc.", "MSFT": "MICROSOFT CORP",
             "MU": "MICRON TECHNOLOGY INC", "NOW": "ServiceNow Inc.", "NVDA": "NVIDIA CORP",
             "PLTR": "Palantir Technologies Inc.", "QCOM": "QUALCOMM INC/DE", "SMCI": "Super Micro Computer, Inc.",
             "SNOW": "Snowflake Inc.", "TSLA": "Tesla, Inc.", "TSM": "Taiwan Semiconductor Manufacturing Co"}
    for t, (cik, ev) in CIKS.items():
        if cik is None or t in covered:
            continue
        rows.append([t, cik, names[t], "", "", ev])
    return rows


# ---------------------------------------------------------------------------
# Changed definitions whose earlier history the facts leave as first reported: the first calendar quarter on
# the new basis and why (recast_from in segments.csv and companies.csv; gold breaks its series there).
# ---------------------------------------------------------------------------
MSFT_SEGMENTS_RECAST = ("2024Q3", "segments recast from 2024Q3 (fiscal 2025): businesses moved between the three "
                        "segments, history before it unrecast here (Microsoft 8-K of 2024-08-01, "
                        "\"segment reporting changes\")")
NVDA_SEGMENTS_RECAST = ("2026Q1", "segments recast from 2026Q1 (fiscal 2027 Q1): NVIDIA moved to a new reporting "
                        "framework (Data Center split into Hyperscale and ACIE, Edge Computing separate), so the "
                        "FY2027 series may not splice with FY2026 (facts/turn2.csv, NVDA FY2027 Q1 data_center row "
                        "and its source)")
SEGMENT_RECASTS = {
    ("MSFT", "intelligent_cloud"): MSFT_SEGMENTS_RECAST,
    ("MSFT", "more_personal_computing"): MSFT_SEGMENTS_RECAST,
    ("MSFT", "productivity_business_processes"): MSFT_SEGMENTS_RECAST,
    ("NVDA", "compute_networking"): NVDA_SEGMENTS_RECAST,
    ("NVDA", "data_center"): NVDA_SEGMENTS_RECAST,
}
COMPANY_RECASTS = {
    "DELL": ("2021Q4", "recast_from 2021Q4 (fiscal 2022 Q4, the first quarter after the VMware spin-off of "
                       "November 2021): the quarters before it are as first reported, with VMware, while the fiscal "
                       "years are restated to continuing operations (filings-quarterly/README_ext.md, "
                       "\"Dell and VMware\")"),
}

# ---------------------------------------------------------------------------
# Segment registry: (ticker, segment) -> (segment_name, layer, note)
# ---------------------------------------------------------------------------
SEGMENTS = {
    ("NVDA", "data_center"): ("Data Center (market platform)", "chips",
                              "market platform, not a reporting segment; mostly inside compute_networking"),
    ("NVDA", "compute_networking"): ("Compute & Networking (reporting segment)", "chips",
                                     "reporting segment; contains data_center and parts of automotive"),
    ("NVDA", "graphics"): ("Graphics (reporting segment)", "devices",
                           "reporting segment; contains gaming and professional_visualization"),
    ("NVDA", "gaming"): ("Gaming (market platform)", "devices", "market platform, not a reporting segment"),
    ("NVDA", "professional_visualization"): ("Professional Visualization (market platform)", "devices",
                                             "market platform, not a reporting segment"),
    ("NVDA", "automotive"): ("Automotive (market platform)", "devices", "market platform, not a reporting segment"),
    ("MSFT", "intelligent_cloud"): ("Intelligent Cloud", "hyperscaler", "includes Azure and server products"),
    ("MSFT", "productivity_business_processes"): ("Productivity and Business Processes", "applications", ""),
    ("MSFT", "more_personal_computing"): ("More Personal Computing", "devices", ""),
    ("GOOGL", "google_cloud"): ("Google Cloud", "hyperscaler", ""),
    ("GOOGL", "google_services"): ("Google Services", "applications", ""),
    ("AMZN", "aws"): ("Amazon Web Services (AWS)", "hyperscaler", ""),
    ("META", "family_of_apps"): ("Family of Apps", "applications", ""),
    ("META", "reality_labs"): ("Reality Labs", "devices", ""),
    ("ORCL", "cloud_services_license_support"): ("Cloud services and license support", "applications",
                                                 "overlaps oci_iaas and cloud_total_iaas_saas (OCI IaaS and SaaS are part of it)"),
    ("ORCL", "cloud_total_iaas_saas"): ("Total cloud revenue (IaaS + SaaS)", "hyperscaler",
                                        "overlaps: includes oci_iaas and SaaS; part of cloud_services_license_support"),
    ("ORCL", "oci_iaas"): ("Oracle Cloud Infrastructure (IaaS)", "hyperscaler",
                           "part of cloud_total_iaas_saas and of cloud_services_license_support"),
    ("AVGO", "semiconductor_solutions"): ("Semiconductor Solutions", "chips", ""),
    ("AVGO", "infrastructure_software"): ("Infrastructure Software", "applications", ""),
    ("TSM", "hpc_platform"): ("HPC platform (High Performance Computing)", "foundry",
                              "platform share of revenue, not a reporting segment; approximate (HPC % share x revenue)"),
    ("TSLA", "automotive"): ("Automotive", "devices", ""),
    ("TSLA", "energy_generation_storage"): ("Energy Generation and Storage", "devices",
                                            "energy products; no better-fitting layer in the allowed list"),
    ("BABA", "cloud_intelligence"): ("Cloud Intelligence Group", "hyperscaler",
                                     "three definitions: cloud computing (to Sep-2021), Cloud segment (Dec-2021 to Mar-2023), Cloud Intelligence Group (from Apr-2023)"),
    ("PLTR", "commercial"): ("Commercial", "applications", "customer-type split of revenue"),
    ("PLTR", "government"): ("Government", "applications", "customer-type split of revenue"),
    ("INTC", "ccg"): ("Client Computing Group (CCG)", "chips", "PC processors; inside intel_products from 2024"),
    ("INTC", "dcai"): ("Data Center and AI (DCAI)", "chips", "server processors and accelerators; 2022 structure; inside intel_products from 2024"),
    ("INTC", "nex"): ("Network and Edge (NEX)", "chips", "2022 structure; inside intel_products from 2024"),
    ("INTC", "axg"): ("Accelerated Computing Systems and Graphics (AXG)", "chips", "2022 structure only"),
    ("INTC", "dcg"): ("Data Center Group (DCG)", "chips", "pre-2022 structure"),
    ("INTC", "iotg"): ("Internet of Things Group (IOTG)", "chips", "pre-2022 structure"),
    ("INTC", "nsg"): ("Non-Volatile Memory Solutions Group (NSG)", "memory", "NAND/SSD business; pre-2022 structure"),
    ("INTC", "psg"): ("Programmable Solutions Group (PSG)", "chips", "FPGAs; pre-2022 structure"),
    ("INTC", "mobileye"): ("Mobileye", "chips", "automotive driver-assistance chips; inside all_other from 2024"),
    ("INTC", "ifs"): ("Intel Foundry Services (IFS)", "foundry", "2022 structure"),
    ("INTC", "intel_products"): ("Intel Products", "chips", "2024 structure; = ccg + dcai + nex in 2024, ccg + dcai from 2025"),
    ("INTC", "intel_foundry"): ("Intel Foundry", "foundry", "2024 structure; mostly intersegment revenue from Intel Products"),
    ("INTC", "altera"): ("Altera", "chips", "FPGAs; 2024 structure; inside all_other"),
    ("INTC", "all_other"): ("All other", "chips", "Altera, Mobileye and other; overlaps altera, mobileye and other"),
    ("INTC", "other"): ("Other (part of All other)", "chips", "part of all_other"),
}
SEG_DEF_SOURCE = {
    "NVDA": "NVIDIA 10-K/10-Q: two reporting segments (Compute & Networking, Graphics); market platforms from earnings releases / IR revenue trend",
    "INTC": "Intel 8-K EX-99.1 segment tables; definitions change in 2022 and 2024 (README_ext.md Caveats: Intel)",
    "BABA": "Alibaba results releases; cloud definitions per README_ext.md Caveats: Alibaba",
    "TSM": "TSMC quarterly management report platform split (README.md: platform_revenue_hpc derived in source from % share)",
}


def family(src):
    """Source family of a facts row: the repo/file before the first space, or the web host."""
    s = src.split(" | ")[0]
    m = re.match(r"https?://([^/ ]+)", s)
    if m:
        return "web: " + m.group(1)
    tok = s.split(" ")[0].split("[")[0]
    if "/" not in tok:  # not a repo path: keep the start of the text
        return s[:60].strip()
    return re.sub(r"@[0-9a-f]{7,40}", "", tok)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(relpath, header, rows):
    path = os.path.join(OUT, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else str(v) for v in r])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return len(rows)


def fmt_value(v):
    v = v.strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", v):
        raise ValueError("unexpected value format: %r" % v)
    m = re.fullmatch(r"(-?\d+)\.0+", v)
    if m:
        v = m.group(1)
        if v == "-0":
            v = "0"
    return v


def drop_reason(row):
    src = row["source"]
    if row["metric"] in DROPPED_METRICS:
        return DROPPED_METRICS[row["metric"]]
    if not src.startswith("derived:"):
        return None
    body = src[len("derived:"):].strip()
    if body.startswith("FY"):
        return "derived_q4_fy_minus_q1_q3"
    if body.startswith("sum of"):
        return "derived_fy_sum_of_quarters"
    if body.startswith("revenue") and "minus cost of revenue" in body:
        return "derived_gross_profit_revenue_minus_cost"
    if body.startswith("1H"):
        return "derived_tencent_half_year_minus_quarter"
    if body.startswith("9M"):
        return "derived_quarter_9m_minus_quarters"
    if re.match(r"\d+M YTD", body):
        # a quarter differenced from two year-to-date facts: kept, because the facts format has no
        # year-to-date period from which the pipeline could derive it; its source says derived:
        return None
    return "derived_other"


def map_metric(m):
    if m in CONSOLIDATED:
        return "", CONSOLIDATED[m]
    if m.startswith("segment_revenue_"):
        return m[len("segment_revenue_"):], "revenue"
    if m.startswith("segment_operating_income_"):
        return m[len("segment_operating_income_"):], "operating_income"
    if m == "platform_revenue_hpc":
        return "hpc_platform", "revenue"
    raise ValueError("unknown metric %r" % m)


def fact_sort_key(r):
    return (r[0], int(r[1]), PERIOD_ORDER[r[2]], r[5], r[6], r[3], r[7], r[8])


def build_facts(src_path, name, drops):
    out = []
    for row in read_csv(src_path):
        reason = drop_reason(row)
        if reason:
            drops[(name, reason)] += 1
            continue
        if row["fiscal_quarter"] not in PERIOD_ORDER:
            raise ValueError("bad fiscal_quarter %r" % row["fiscal_quarter"])
        dt.date.fromisoformat(row["period_end"])
        seg, metric = map_metric(row["metric"])
        source = row["source"]
        if metric in ROUNDED_NOTES and seg == "" and "rounded" not in source:
            source += " | " + ROUNDED_NOTES[metric]
        out.append([row["ticker"], str(int(row["fiscal_year"])), row["fiscal_quarter"], row["period_end"],
                    row["currency"], seg, metric, fmt_value(row["value"]), source])
    out.sort(key=fact_sort_key)
    return out


def cal_quarter(period_end):
    mid = dt.date.fromisoformat(period_end) - dt.timedelta(days=45)
    return "%dQ%d" % (mid.year, (mid.month - 1) // 3 + 1)


def is_month_end(d):
    d = dt.date.fromisoformat(d)
    return (d + dt.timedelta(days=1)).day == 1


def main(argv):
    shared = os.path.abspath(argv[1]) if len(argv) > 1 else os.path.abspath(
        os.path.join(REPO_ROOT, "..", "shared", "data"))
    fq = os.path.join(shared, "filings-quarterly")
    ref = os.path.join(shared, "reference")
    counts = OrderedDict()
    drops = Counter()

    # 1. facts
    core = build_facts(os.path.join(fq, "ai_infra_quarterly_long.csv"), "core", drops)
    ext = build_facts(os.path.join(fq, "ai_infra_quarterly_long_ext.csv"), "ext", drops)
    counts["facts/core.csv"] = write_csv("facts/core.csv", FACT_COLUMNS, core)
    counts["facts/ext.csv"] = write_csv("facts/ext.csv", FACT_COLUMNS, ext)
    turn2 = build_facts(os.path.join(fq, "ai_infra_quarterly_long_turn2.csv"), "turn2", drops)
    counts["facts/turn2.csv"] = write_csv("facts/turn2.csv", FACT_COLUMNS, turn2)
    facts = core + ext + turn2

    # 2. companies
    names, currencies, pends, first_q = {}, defaultdict(set), defaultdict(set), {}
    for f in ("ai_infra_quarterly_long.csv", "ai_infra_quarterly_long_ext.csv", "ai_infra_quarterly_long_turn2.csv"):
        for row in read_csv(os.path.join(fq, f)):
            names.setdefault(row["ticker"], row["company"])
    for r in facts:
        t = r[0]
        currencies[t].add(r[4])
        pends[t].add(r[3])
        if r[2] != "FY" and r[5] == "" and r[6] == "revenue":
            k = (int(r[1]), PERIOD_ORDER[r[2]])
            if t not in first_q or k < first_q[t][0]:
                first_q[t] = (k, r[3])
    tickers = sorted(currencies)
    comp_rows = []
    for t in tickers:
        if len(currencies[t]) != 1:
            raise ValueError("%s has several currencies" % t)
        month, calendar, fsrc = FISCAL[t]
        all_month_end = all(is_month_end(d) for d in pends[t])
        if (calendar == "month_end") != all_month_end:
            raise ValueError("%s calendar %s disagrees with period_end dates" % (t, calendar))
        cik, cev = CIKS[t]
        recast_from, why = COMPANY_RECASTS.get(t, ("", ""))
        comp_rows.append([t, names[t], "" if cik is None else cik, LAYER[t], month, calendar,
                          currencies[t].pop(), "false" if cik is None else "true",
                          cal_quarter(first_q[t][1]) if t in first_q else "", recast_from,
                          "fiscal calendar: %s; period_end dates in facts checked (%s); CIK: %s; name: company column of the facts source%s"
                          % (fsrc, "all month ends" if all_month_end else "not all month ends", cev,
                             "; " + why if why else "")])
    counts["companies.csv"] = write_csv("companies.csv",
                                        ["ticker", "name", "sec_cik", "layer", "fiscal_year_end_month", "calendar",
                                         "reporting_currency", "files_with_sec", "coverage_start", "recast_from", "source"],
                                        comp_rows)

    # 3. company_ciks
    ck = sorted(cik_history_rows(), key=lambda r: (r[0], r[3] or "0000", r[1]))
    counts["company_ciks.csv"] = write_csv("company_ciks.csv",
                                           ["ticker", "cik", "filer_name", "valid_from", "valid_to", "source"], ck)

    # 4. segments
    # Segments whose operating income stands in for the company in gold.value_concentration's
    # segment_layer grouping: the AI-relevant reporting segments with operating income (and both of Meta's,
    # which add up to the company). Intel's are left out: its structures overlap (see note).
    segment_profit_pool = {("GOOGL", "google_cloud"), ("MSFT", "intelligent_cloud"),
                           ("NVDA", "compute_networking"), ("META", "family_of_apps"), ("META", "reality_labs")}
    seg_src = defaultdict(lambda: defaultdict(Counter))
    for name, rows in (("facts/core.csv", core), ("facts/ext.csv", ext), ("facts/turn2.csv", turn2)):
        for r in rows:
            if r[5]:
                seg_src[(r[0], r[5])][name][family(r[8])] += 1
    seg_rows = []
    for key in sorted(seg_src):
        if key not in SEGMENTS:
            raise ValueError("segment %r not in registry" % (key,))
        sname, layer, note = SEGMENTS[key]
        parts = []
        for fname, fams in sorted(seg_src[key].items()):
            parts.append("%s rows from %s" % (fname, "; ".join("%s (%d)" % (k, v) for k, v in sorted(fams.items()))))
        if key[0] in SEG_DEF_SOURCE:
            parts.append("definition: " + SEG_DEF_SOURCE[key[0]])
        else:
            parts.append("definition: company segment disclosure as named in the source file")
        recast_from, why = SEGMENT_RECASTS.get(key, ("", ""))
        seg_rows.append([key[0], key[1], sname, layer,
                         "true" if key == ("NVDA", "data_center") else "false",
                         "true" if key in segment_profit_pool else "false", "; ".join(filter(None, (note, why))),
                         recast_from, "; ".join(parts)])
    counts["segments.csv"] = write_csv("segments.csv",
                                       ["ticker", "segment", "segment_name", "layer", "ai_datacenter_supply",
                                        "in_segment_profit_pool", "note", "recast_from", "source"], seg_rows)

    # 5/6. reference copies
    fx = read_csv(os.path.join(ref, "fx_rates.csv"))
    fx_cols = ["currency", "quarter", "avg_per_usd", "end_per_usd", "source"]
    counts["fx_rates.csv"] = write_csv("fx_rates.csv", fx_cols,
                                       sorted(([r[c] for c in fx_cols] for r in fx), key=lambda r: (r[0], r[1])))
    for fname, keyf in (("deals.csv", lambda r: r[0]), ("capex_guidance.csv", lambda r: (r[1], r[2], r[3], r[0]))):
        with open(os.path.join(ref, fname), encoding="utf-8", newline="") as f:
            rd = list(csv.reader(f))
        counts["reference/" + fname] = write_csv("reference/" + fname, rd[0], sorted(rd[1:], key=keyf))

    # 6. SEC companyfacts: the real NVIDIA extract, as the SEC shapes it, for `valuechain ingest sec-companyfacts`
    src = os.path.join(fq, "raw", "sec_nvda_companyfacts_slowvariables.json")
    with open(src, encoding="utf-8") as f:
        companyfacts = f.read()
    os.makedirs(os.path.join(REPO_ROOT, "sample-data", "sec", "companyfacts"), exist_ok=True)
    with open(os.path.join(REPO_ROOT, "sample-data", "sec", "companyfacts", "CIK0001045810.json"), "w",
              encoding="utf-8") as f:
        f.write(companyfacts)
    counts["sec/companyfacts/CIK0001045810.json"] = companyfacts.count('"accn"')

    # Report
    print("shared data folder:", shared)
    print("rows written:")
    for k, v in counts.items():
        print("  %-28s %d" % (k, v))
    print("rows dropped:")
    for (name, reason), n in sorted(drops.items()):
        print("  %-5s %-45s %d" % (name, reason, n))
    print("  total", sum(drops.values()))
    print("quarterly revenue coverage (first/last fiscal quarter, coverage_start):")
    last_q = {}
    for r in facts:
        if r[2] != "FY" and r[5] == "" and r[6] == "revenue":
            k = (int(r[1]), PERIOD_ORDER[r[2]])
            if r[0] not in last_q or k > last_q[r[0]]:
                last_q[r[0]] = k
    for t in tickers:
        if t in first_q:
            (fy, fp), _ = first_q[t]
            print("  %-6s FY%d Q%d .. FY%d Q%d  (%s)" % (t, fy, fp, last_q[t][0], last_q[t][1],
                                                          cal_quarter(first_q[t][1])))
        else:
            print("  %-6s no quarterly revenue" % t)


if __name__ == "__main__":
    main(sys.argv)

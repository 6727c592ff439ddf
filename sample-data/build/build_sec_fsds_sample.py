#!/usr/bin/env python3
"""Extracts a small real FSDS sample: the registered companies' income-statement and cash-flow facts of one
SEC Financial Statement Data Sets quarter, as an extracted folder the FSDS reader loads.

    python3 sample-data/build/build_sec_fsds_sample.py [path/to/2010q2.zip]

Default input: ../shared/data/sec-fsds/2010q2.zip beside the repository. Output: sample-data/sec/fsds/2010q2/
with sub.txt and num.txt in the SEC's exact layout (header row, tab-separated, lines copied byte for byte and in
file order) and a README naming the source. Standard library only.
"""
import csv
import io
import os
import sys
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_ZIP = os.path.join(os.path.dirname(REPO), 'shared', 'data', 'sec-fsds', '2010q2.zip')
OUT = os.path.join(REPO, 'sample-data', 'sec', 'fsds', '2010q2')

# The tag families of the metrics we use (revenue, cost of revenue, gross profit, operating income, net income,
# capex, D&A), as listed in the project's notes on SEC filings.
TAGS = {
    'RevenueFromContractWithCustomerExcludingAssessedTax', 'RevenueFromContractWithCustomerIncludingAssessedTax',
    'Revenues', 'SalesRevenueNet', 'SalesRevenueGoodsNet', 'Revenue',
    'CostOfRevenue', 'CostOfGoodsAndServicesSold', 'CostOfGoodsSold', 'CostOfServices',
    'GrossProfit',
    'OperatingIncomeLoss',
    'NetIncomeLoss', 'ProfitLoss',
    'PaymentsToAcquirePropertyPlantAndEquipment', 'PaymentsToAcquireProductiveAssets',
    'PaymentsToAcquireOtherPropertyPlantAndEquipment',
    'DepreciationDepletionAndAmortization', 'DepreciationAndAmortization', 'Depreciation',
}


def registered_ciks():
    with open(os.path.join(REPO, 'sample-data', 'company_ciks.csv'), newline='', encoding='utf-8') as f:
        return {row['cik'] for row in csv.DictReader(f)}


def lines(archive, name):
    with archive.open(name) as raw:
        text = io.TextIOWrapper(raw, encoding='utf-8', newline='\n')
        for line in text:
            yield line.rstrip('\n')


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ZIP
    ciks = registered_ciks()
    with zipfile.ZipFile(source) as archive:
        sub = lines(archive, 'sub.txt')
        sub_header = next(sub)
        cols = sub_header.split('\t')
        adsh_at, cik_at = cols.index('adsh'), cols.index('cik')
        subs = [l for l in sub if l.split('\t')[cik_at] in ciks]
        accessions = {l.split('\t')[adsh_at] for l in subs}

        num = lines(archive, 'num.txt')
        num_header = next(num)
        cols = num_header.split('\t')
        adsh_at, tag_at = cols.index('adsh'), cols.index('tag')
        nums = []
        for l in num:
            fields = l.split('\t')
            if fields[adsh_at] in accessions and fields[tag_at] in TAGS:
                nums.append(l)

    # keep only submissions that have a fact here, so every sub.txt row is used
    used = {l.split('\t')[0] for l in nums}
    subs = [l for l in subs if l.split('\t')[0] in used]
    os.makedirs(OUT, exist_ok=True)
    for name, header, rows in (('sub.txt', sub_header, subs), ('num.txt', num_header, nums)):
        with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as f:
            f.write(header + '\n')
            for row in rows:
                f.write(row + '\n')
    print(f'{len(subs)} submissions, {len(nums)} facts -> {OUT}')


if __name__ == '__main__':
    main()

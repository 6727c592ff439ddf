-- silver.financing_deals: money (or value) flowing between firms in the AI build-out, from reference/deals.csv.
-- Grain: one row per deal_id (unique).
-- Direction: from_party pays / invests / gives value, to_party receives it (the AMD warrant: AMD -> OpenAI).
-- Dates: announced_date is never null; a month-only date in the input (2023-09) loads as the first of the month
--   with announced_date_precision = 'month', a full date has precision 'day'; any other text is quarantined.
-- Several funders: from_party is kept as written; from_parties splits it on ';' (the Stargate row lists four
--   funders). co_funded = more than one funder; from_ticker is then null (look the funders up in from_parties).
-- Tickers: from_ticker / to_ticker = the party's ticker in reference/parties.csv, which is only set for companies
--   of silver.companies; null for private parties and for listed firms outside the registry (Nebius, IREN).
-- Units: amount_usd_bn in USD billions, the headline figure as reported (often up to / approx. / multi-year, see
--   amount_note); null = undisclosed. Overlapping deals are not netted.
CREATE TABLE IF NOT EXISTS silver.financing_deals (
  deal_id                   STRING        NOT NULL,
  announced_date            DATE          NOT NULL COMMENT 'first of the month when announced_date_precision is month',
  announced_date_precision  STRING        NOT NULL COMMENT 'day or month',
  from_party                STRING        NOT NULL COMMENT 'as written in deals.csv; several funders are separated by ;',
  from_parties              ARRAY<STRING> NOT NULL COMMENT 'from_party split on ; (one element unless co_funded)',
  co_funded                 BOOLEAN       NOT NULL COMMENT 'true when from_party lists more than one funder',
  to_party                  STRING        NOT NULL,
  from_ticker               STRING                 COMMENT 'registry ticker of a single from_party; null otherwise',
  to_ticker                 STRING                 COMMENT 'registry ticker of to_party; null when not in silver.companies',
  deal_type                 STRING        NOT NULL COMMENT 'equity_investment, cloud_contract, chip_purchase, compute_purchase_commitment, backstop or warrant',
  amount_usd_bn             DECIMAL(20,4)          COMMENT 'USD billions, headline as reported; null when undisclosed',
  amount_note               STRING                 COMMENT 'qualifiers of the amount and date (up to, reported, ...)',
  gigawatts                 DECIMAL(20,4)          COMMENT 'data-center power capacity named in the deal, if any',
  source                    STRING        NOT NULL
) USING delta

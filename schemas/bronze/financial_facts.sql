-- bronze.financial_facts: curated fact rows as loaded, after row-level validation.
-- Grain: one row per input row that passed validation (input_file × line_number); the same fact may
--   appear several times (repeated in one file, or in several files): silver resolves that.
-- Units: value in millions of `currency` (the company's reporting currency), as written in the input.
-- Lineage: input_file and line_number point at the row in the input; run_id at bronze.load_runs.
-- Refresh: replaced whole by every `valuechain run` (full reload of the curated inputs).
CREATE TABLE IF NOT EXISTS bronze.financial_facts (
  ticker         STRING        NOT NULL COMMENT 'company ticker, a key of silver.companies',
  fiscal_year    INT           NOT NULL COMMENT 'fiscal year, named after the calendar year in which it ends',
  fiscal_period  STRING        NOT NULL COMMENT 'Q1, Q2, Q3, Q4 or FY',
  period_end     DATE          NOT NULL COMMENT 'last day of the fiscal period as given by the source',
  currency       STRING        NOT NULL COMMENT 'ISO currency of value (the reporting currency)',
  segment        STRING        NOT NULL COMMENT 'empty for the consolidated company, else a key of silver.segments',
  metric         STRING        NOT NULL COMMENT 'revenue, cost_of_revenue, gross_profit, operating_income, net_income, capex, finance_lease_principal, depreciation_amortization, depreciation',
  value          DECIMAL(20,4) NOT NULL COMMENT 'millions of currency',
  source         STRING        NOT NULL COMMENT 'where the figure comes from (filing, page or file@commit)',
  input_file     STRING        NOT NULL,
  line_number    BIGINT        NOT NULL COMMENT 'line of the row in input_file (header = line 1)',
  input_order    INT           NOT NULL COMMENT 'position of input_file among the fact files of the run: a later file wins for the same fact',
  run_id         STRING        NOT NULL
) USING delta

package org.aivaluechain.testing;

import static org.aivaluechain.testing.Frames.frame;
import static org.aivaluechain.testing.Frames.row;

import java.math.BigDecimal;
import java.sql.Date;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Small reference frames shared by transform tests, in the shape the curated readers produce. */
public final class Fixtures {

    public static final String FACTS = "ticker STRING, fiscal_year INT, fiscal_period STRING, period_end DATE, "
            + "currency STRING, segment STRING, metric STRING, value DECIMAL(20,4), source STRING, "
            + "input_file STRING, line_number BIGINT, input_order INT";

    private static final String COMPANIES = "ticker STRING, name STRING, sec_cik STRING, layer STRING, "
            + "fiscal_year_end_month STRING, calendar STRING, reporting_currency STRING, files_with_sec BOOLEAN, "
            + "coverage_start STRING, recast_from STRING, source STRING, input_file STRING, line_number BIGINT, "
            + "input_order INT";

    private Fixtures() {
    }

    /** NVIDIA (January, 52/53 weeks), Microsoft (June), Alibaba (March, CNY), AMD (December, 52/53 weeks). */
    public static Dataset<Row> companies() {
        return frame(COMPANIES,
                row("NVDA", "NVIDIA", "1045810", "chips", "1", "52_53_week", "USD", true, "2018Q1", "", "s", "c.csv", 2L, 0),
                row("MSFT", "Microsoft", "789019", "hyperscaler", "6", "month_end", "USD", true, "2018Q3", "", "s", "c.csv", 3L, 0),
                row("BABA", "Alibaba", "1577552", "hyperscaler", "3", "month_end", "CNY", true, "2019Q2", "", "s", "c.csv", 4L, 0),
                row("AMD", "AMD", "2488", "chips", "12", "52_53_week", "USD", true, "2019Q1", "", "s", "c.csv", 5L, 0));
    }

    public static Dataset<Row> segments() {
        return frame("ticker STRING, segment STRING, segment_name STRING, layer STRING, ai_datacenter_supply BOOLEAN, "
                        + "in_segment_profit_pool BOOLEAN, note STRING, source STRING, input_file STRING, "
                        + "line_number BIGINT, input_order INT",
                row("NVDA", "data_center", "Data Center", "chips", true, false, "", "s", "s.csv", 2L, 0),
                row("MSFT", "intelligent_cloud", "Intelligent Cloud", "hyperscaler", false, true, "", "s", "s.csv", 3L, 0));
    }

    public static Dataset<Row> fx() {
        return frame("currency STRING, quarter STRING, avg_per_usd DECIMAL(20,4), end_per_usd DECIMAL(20,4), "
                        + "source STRING, input_file STRING, line_number BIGINT, input_order INT",
                row("CNY", "2024Q4", new BigDecimal("7.2000"), new BigDecimal("7.3000"), "H.10", "fx.csv", 2L, 0),
                row("CNY", "2025Q1", new BigDecimal("7.2500"), new BigDecimal("7.2600"), "H.10", "fx.csv", 3L, 0));
    }

    /** One fact row; segment "" is the consolidated company. */
    public static Object[] fact(String ticker, int fy, String fp, String end, String currency, String segment,
                                String metric, String value, String file, long line, int order) {
        return row(ticker, fy, fp, Date.valueOf(end), currency, segment, metric, new BigDecimal(value), "src " + line,
                file, line, order);
    }
}

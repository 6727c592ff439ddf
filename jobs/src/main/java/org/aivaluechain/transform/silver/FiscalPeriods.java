package org.aivaluechain.transform.silver;

import org.aivaluechain.transform.FiscalCalendar;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * One row per ticker × fiscal quarter with the period's dates, its calendar quarter and the FX rate that
 * converts its flows: ticker, fiscal_year, fiscal_quarter, period_start, period_end, period_start_estimated,
 * calendar_quarter, currency, fx_avg_per_usd.
 *
 * <p>Month-end calendars start a quarter on the first of the month two months before its end. 52/53-week
 * calendars start the day after the previous quarter's end when that is known (a 12-14 week gap), else
 * 13 weeks before the end, flagged as estimated.
 */
public final class FiscalPeriods {

    private FiscalPeriods() {
    }

    public static Dataset<Row> of(Dataset<Row> resolvedFacts, Dataset<Row> companies, Dataset<Row> fxRates) {
        Dataset<Row> quarters = resolvedFacts.where(col("fiscal_period").notEqual("FY"))
                .select(col("ticker"), col("fiscal_year"),
                        substring(col("fiscal_period"), 2, 1).cast("int").as("fiscal_quarter"),
                        col("period_end"), col("currency"))
                .distinct()
                .join(companies.select(col("ticker"), col("calendar")), "ticker");

        Column previousEnd = lag(col("period_end"), 1).over(Window.partitionBy("ticker").orderBy("period_end"));
        Column gapDays = datediff(col("period_end"), previousEnd);
        Column startAfterPrevious = when(gapDays.between(77, 105), date_add(previousEnd, 1));
        Column monthEnd = col("calendar").equalTo("month_end");
        Column estimate = FiscalCalendar.estimatedQuarterStart(col("period_end"), col("calendar"));

        Dataset<Row> dated = quarters
                .withColumn("_start_after_previous", startAfterPrevious)
                .withColumn("period_start", when(monthEnd, estimate).otherwise(coalesce(col("_start_after_previous"), estimate)))
                .withColumn("period_start_estimated", monthEnd.equalTo(false).and(col("_start_after_previous").isNull()))
                .withColumn("calendar_quarter", FiscalCalendar.calendarQuarterOfMidpoint(col("period_start"), col("period_end")));

        Dataset<Row> averages = fxRates.select(col("currency").as("_fx_currency"), col("quarter").as("_fx_quarter"),
                col("avg_per_usd").as("_avg_per_usd"));
        return dated
                .join(averages, col("currency").equalTo(col("_fx_currency"))
                        .and(col("calendar_quarter").equalTo(col("_fx_quarter"))), "left")
                .select(col("ticker"), col("fiscal_year"), col("fiscal_quarter"), col("period_start"), col("period_end"),
                        col("period_start_estimated"), col("calendar_quarter"), col("currency"),
                        when(col("currency").equalTo("USD"), lit(1).cast("decimal(12,6)"))
                                .otherwise(col("_avg_per_usd").cast("decimal(12,6)")).as("fx_avg_per_usd"));
    }
}

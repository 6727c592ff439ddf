package org.aivaluechain.model;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The decimal type of every amount in silver and gold: millions of a currency, 4 decimals. */
public final class Amounts {

    /** DECIMAL(20,4): up to 10^16 millions, far above any company's figures; as declared in schemas/. */
    public static final DataType AMOUNT = DataTypes.createDecimalType(20, 4);

    private Amounts() {
    }
}

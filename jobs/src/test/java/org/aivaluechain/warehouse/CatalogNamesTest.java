package org.aivaluechain.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.aivaluechain.io.InputFileException;
import org.junit.jupiter.api.Test;

class CatalogNamesTest {

    private static CatalogNames with(Map<String, String> confs) {
        return CatalogNames.from((key, fallback) -> confs.getOrDefault(key, fallback));
    }

    @Test
    void withoutConfsTheLogicalNamesAreUsedInTheCurrentCatalog() {
        CatalogNames names = CatalogNames.defaults();
        assertEquals("gold.capex_intensity", names.table("gold.capex_intensity"));
        assertEquals("bronze", names.schema("bronze"));
    }

    @Test
    void catalogAndSchemaConfsMapEveryLayerAndQuoteOnlyWhatNeedsIt() {
        CatalogNames names = with(Map.of(
                "spark.valuechain.catalog", "main",
                "spark.valuechain.schema.silver", "valuechain_silver",
                "spark.valuechain.schema.gold", "ai-value-gold"));
        assertEquals("main.bronze.financial_facts", names.table("bronze.financial_facts"));
        assertEquals("main.valuechain_silver.quarterly_financials", names.table("silver.quarterly_financials"));
        assertEquals("main.`ai-value-gold`.capex_intensity", names.table("gold.capex_intensity"));
        assertEquals("main.`ai-value-gold`", names.schema("gold"));
    }

    @Test
    void aNameThatWouldAddressSomethingElseIsRefused() {
        InputFileException e = assertThrows(InputFileException.class,
                () -> with(Map.of("spark.valuechain.schema.gold", "other.gold")));
        assertEquals("spark.valuechain.schema.gold 'other.gold' is not a catalog or schema name "
                + "(one identifier, no '.' or '`')", e.getMessage());
        assertThrows(InputFileException.class, () -> with(Map.of("spark.valuechain.catalog", "a`b")));
        assertThrows(IllegalArgumentException.class, () -> CatalogNames.defaults().table("platinum.x"));
    }
}

package org.aivaluechain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.aivaluechain.warehouse.CatalogNames;
import org.junit.jupiter.api.Test;

/** The report runs against the configured catalog and schema names, and knows which tables it reads. */
class ReportNamesTest {

    @Test
    void logicalTableNamesBecomeTheConfiguredOnes() {
        Map<String, String> conf = Map.of(CatalogNames.CATALOG_CONF, "main",
                CatalogNames.SCHEMA_CONF_PREFIX + "gold", "valuechain_gold");
        CatalogNames names = CatalogNames.from((key, fallback) -> conf.getOrDefault(key, fallback));
        assertEquals("SELECT g.hhi FROM main.valuechain_gold.value_concentration g "
                        + "JOIN main.silver.companies c ON c.ticker = g.member",
                ReportWriter.inCatalog("SELECT g.hhi FROM gold.value_concentration g "
                        + "JOIN silver.companies c ON c.ticker = g.member", names));
    }

    @Test
    void theTablesReadAreTheOnesItsQueriesName() {
        assertEquals(List.of("gold.capex_intensity", "gold.claim_checks", "gold.supplier_capture",
                "gold.value_concentration"), ReportWriter.TABLES_READ);
    }
}

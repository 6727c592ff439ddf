package org.aivaluechain.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.aivaluechain.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataSizeTest {

    private static final String PARTITIONS = "spark.sql.shuffle.partitions";
    private static final String CODEGEN = "spark.sql.codegen.wholeStage";

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataSize.PROPERTY);
    }

    @Test
    void largeDataRunsSmallPhasesWithTheSmallSettingsAndRestoresTheSessionsOwn() {
        SparkSession spark = SharedSpark.spark();
        System.setProperty(DataSize.PROPERTY, "large");
        List<String> seen = new ArrayList<>();
        DataSize.withSmallData(spark, () -> {
            seen.add(spark.conf().get(PARTITIONS) + " " + spark.conf().get(CODEGEN));
            DataSize.withLargeData(spark, () -> seen.add(spark.conf().get(PARTITIONS)));
            return seen.add(spark.conf().get(PARTITIONS));
        });
        seen.add(spark.conf().get(PARTITIONS) + " " + spark.conf().get(CODEGEN));
        // the test session starts with 2 partitions and no whole-stage code generation (SharedSpark)
        assertEquals(List.of("1 false", "2", "1", "2 false"), seen);
    }

    @Test
    void withoutTheLaunchersSizeNothingChanges() {
        SparkSession spark = SharedSpark.spark();
        assertEquals("2", DataSize.withSmallData(spark, () -> spark.conf().get(PARTITIONS)));
        assertEquals(false, DataSize.byPhase());
    }

    @Test
    void aSettingTheUserGaveIsKept() {
        SparkSession spark = SharedSpark.spark();
        System.setProperty(DataSize.PROPERTY, "large");
        System.setProperty(PARTITIONS, "2");
        try {
            assertEquals("2", DataSize.withSmallData(spark, () -> spark.conf().get(PARTITIONS)));
        } finally {
            System.clearProperty(PARTITIONS);
        }
    }

    @Test
    void aSizeThatIsNeitherSmallNorLargeIsABadCommandLine() {
        System.setProperty(DataSize.PROPERTY, "bogus");
        org.aivaluechain.testing.CliRun.Captured run = org.aivaluechain.testing.CliRun.cli("run", "--help");
        assertEquals(2, run.exit(), run.err());
        assertEquals("valuechain: -Dvaluechain.data is 'bogus'; expected small or large", run.err().strip());
    }
}

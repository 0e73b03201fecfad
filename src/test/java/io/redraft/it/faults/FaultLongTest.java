package io.redraft.it.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The long profile: 5 nodes, 20 clients, minutes per nemesis. Skipped unless asked for:
 * {@code mvn verify -Dtest=FaultLongTest -Dredraft.faults.long=true [-Dredraft.faults.seconds=120]}.
 */
class FaultLongTest extends FaultSuite {
    @BeforeAll
    void onlyWhenAskedFor() {
        assumeTrue(Boolean.getBoolean("redraft.faults.long"), "long fault profile: -Dredraft.faults.long=true");
    }

    @Override
    FaultProfile profile() {
        return FaultProfile.long_();
    }
}

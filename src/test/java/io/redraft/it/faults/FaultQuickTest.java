package io.redraft.it.faults;

/** The quick profile, run by {@code mvn verify}: every nemesis for about 15 s on 3 nodes (5 for the bridge). */
class FaultQuickTest extends FaultSuite {
    @Override
    FaultProfile profile() {
        return FaultProfile.quick();
    }
}

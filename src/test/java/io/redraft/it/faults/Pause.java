package io.redraft.it.faults;

/** Sleeps that keep the interrupt flag for the caller's loop to notice. */
final class Pause {
    private Pause() {}

    static void ms(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

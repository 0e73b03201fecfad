package io.redraft.it.faults;

import io.redraft.jepsen.History;
import java.util.List;
import java.util.SplittableRandom;
import redis.clients.jedis.Jedis;

/**
 * A family of operations with its own keys, its own history and its own checker. Several run at
 * once in one fault run, each driven by its own clients.
 */
interface Workload {
    String name();

    /** Writes the initial state through a healthy cluster before any client starts. */
    default void setUp(Jedis jedis) {}

    /** Issues one operation through {@code client}, recording it in {@link #history()}. */
    void step(FaultClient client, SplittableRandom random);

    History history();

    /** The keys every replica must agree on once the cluster is healed. */
    List<String> keys();

    /** One key's value as this workload reads it (GET, LRANGE), in a comparable form. */
    Object read(Jedis jedis, String key);

    /**
     * Judges the history, after recording final reads through {@code jedis} (a healed cluster,
     * linearizable reads), so that every acknowledged write must show up in the end.
     */
    Verdict check(Jedis jedis, FaultProfile profile);

    /** A workload's judgement: whether it holds and a one-line reason, plus detail on failure. */
    record Verdict(boolean ok, String summary, String detail) {}
}

package io.redraft.raft;

/**
 * Initializes the Ratis classes whose static initializers bootstrap lambdas, once, on the thread
 * that builds the server, before Ratis's own threads can race to initialize them.
 *
 * <p>Why: fault runs (docs/TESTING.md, bug 3) caught a follower whose gRPC thread never left
 * {@code SegmentedRaftLogCache$SegmentFileInfo}'s static initializer during its first log
 * truncation; the thread kept Ratis's log "running a method", so every later append was refused
 * and the follower never caught up. Initializing these classes up front removes that window. It
 * is a mitigation: what the stuck initializer waited for was not captured.
 */
final class RatisClassInit {
    private static final String[] CLASSES = {
        "org.apache.ratis.server.raftlog.segmented.SegmentedRaftLogCache$SegmentFileInfo",
        "org.apache.ratis.server.raftlog.segmented.LogSegment",
        "org.apache.ratis.server.raftlog.segmented.LogSegmentPath",
        "org.apache.ratis.server.impl.FollowerState$UpdateType",
    };

    private RatisClassInit() {
    }

    static void run() {
        ClassLoader loader = RatisClassInit.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Ratis class " + name + " is missing: a different Ratis version?", e);
            }
        }
    }
}

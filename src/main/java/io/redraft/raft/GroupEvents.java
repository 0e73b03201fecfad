package io.redraft.raft;

import java.util.List;
import org.apache.ratis.protocol.RaftPeer;

/** Callbacks from the state machine to the node that hosts it; never called with the store locked. */
interface GroupEvents {
    void configurationChanged(List<RaftPeer> peers);

    void leaderChanged(String leaderId);

    GroupEvents NONE = new GroupEvents() {
        @Override
        public void configurationChanged(List<RaftPeer> peers) {}

        @Override
        public void leaderChanged(String leaderId) {}
    };
}

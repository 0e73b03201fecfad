package io.redraft.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A controllable network for the Raft traffic of real node processes on one machine. Node i
 * names node j's Raft endpoint {@code rd-nj}; node i's own hosts file (the JDK's
 * {@code jdk.net.hosts.file}) resolves that name to 127.10.i.j, where a {@link LinkProxy} for
 * the link i→j listens on j's Raft port and forwards to j. Every ordered pair of nodes thus has
 * its own link, and cutting links gives partitions, isolated leaders and bridges, with the nodes
 * unchanged and no root privileges needed (all of 127.0.0.0/8 is loopback on Linux).
 */
public final class Network implements AutoCloseable {
    private final List<NodeProcess> nodes;
    /** (from, to) → the proxy carrying connections that {@code from} opens to {@code to}. */
    private final Map<List<Integer>, LinkProxy> links = new HashMap<>();

    private Network(List<NodeProcess> nodes) {
        this.nodes = nodes;
    }

    /** Wires {@code nodes} (not started yet) into a network with every link up. */
    static Network connect(List<NodeProcess> nodes, Path dir) throws IOException {
        Network net = new Network(nodes);
        try {
            for (int i = 0; i < nodes.size(); i++) {
                StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
                for (int j = 0; j < nodes.size(); j++) {
                    String ip = i == j ? "127.0.0.1" : linkIp(i, j);
                    hosts.append(ip).append(' ').append(hostName(j)).append('\n');
                    if (i != j) {
                        InetSocketAddress target = new InetSocketAddress("127.0.0.1", nodes.get(j).raftPort);
                        net.links.put(List.of(i, j), new LinkProxy(ip, nodes.get(j).raftPort, target));
                    }
                }
                Path hostsFile = dir.resolve("hosts-" + nodes.get(i).id);
                Files.writeString(hostsFile, hosts);
                nodes.get(i).useNetwork(hostName(i), hostsFile);
            }
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private static String hostName(int node) {
        return "rd-n" + (node + 1);
    }

    private static String linkIp(int from, int to) {
        return "127.10." + (from + 1) + "." + (to + 1);
    }

    /** Cuts every link between {@code node} and the others, both ways. */
    public void isolate(NodeProcess node) {
        int i = nodes.indexOf(node);
        for (int j = 0; j < nodes.size(); j++) {
            if (j != i) {
                cut(i, j, true);
                cut(j, i, true);
            }
        }
    }

    /**
     * Splits the nodes into the given sides: links inside a side stay up, links across sides are
     * cut both ways. Nodes named on no side are cut off from everyone.
     */
    public void partition(List<List<NodeProcess>> sides) {
        Map<Integer, Integer> sideOf = new HashMap<>();
        for (int s = 0; s < sides.size(); s++) {
            for (NodeProcess n : sides.get(s)) {
                sideOf.put(nodes.indexOf(n), s);
            }
        }
        for (List<Integer> link : links.keySet()) {
            Integer a = sideOf.get(link.get(0));
            Integer b = sideOf.get(link.get(1));
            cut(link.get(0), link.get(1), a == null || !a.equals(b));
        }
    }

    /**
     * A bridge: the nodes split into two sides that cannot talk to each other, while
     * {@code bridge} still talks to both.
     */
    public void bridge(List<NodeProcess> left, NodeProcess bridge, List<NodeProcess> right) {
        Set<Integer> l = left.stream().map(nodes::indexOf).collect(Collectors.toSet());
        Set<Integer> r = right.stream().map(nodes::indexOf).collect(Collectors.toSet());
        heal();
        for (List<Integer> link : links.keySet()) {
            int a = link.get(0);
            int b = link.get(1);
            if ((l.contains(a) && r.contains(b)) || (r.contains(a) && l.contains(b))) {
                cut(a, b, true);
            }
        }
    }

    /** Restores every link. */
    public void heal() {
        for (LinkProxy link : links.values()) {
            link.setCut(false);
        }
    }

    private void cut(int from, int to, boolean cut) {
        links.get(List.of(from, to)).setCut(cut);
    }

    @Override
    public void close() {
        for (LinkProxy link : new ArrayList<>(links.values())) {
            try {
                link.close();
            } catch (IOException e) {
                // best effort at teardown
            }
        }
        links.clear();
    }

    @Override
    public String toString() {
        return "Network" + Arrays.toString(nodes.stream().map(n -> n.id).toArray());
    }
}

package io.redraft.command;

import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT KILL, as Redis 7 parses it: the old form {@code CLIENT KILL ip:port} (may kill the
 * caller; +OK or "No such client") and the filter form (ID, TYPE, ADDR, LADDR, USER, SKIPME,
 * MAXAGE; all filters must match; replies the number killed). Every Redraft client is a normal
 * client; USER filters by its ACL user.
 */
final class ClientKill {
    private ClientKill() {
    }

    static java.util.concurrent.CompletionStage<Reply> run(Session self, byte[][] argv) {
        Long id = null;
        String type = null;
        String addr = null;
        String laddr = null;
        String user = null;
        long maxAge = 0;
        boolean skipMe = true;
        if (argv.length == 3) {
            addr = Args.str(argv[2]);
            skipMe = false; // with the old form a client may kill itself
        } else {
            for (int i = 2; i < argv.length; i += 2) {
                if (i + 1 >= argv.length) {
                    return done(SYNTAX_ERROR);
                }
                byte[] value = argv[i + 1];
                if (is(argv[i], "id")) {
                    Long v = Args.toLong(value);
                    if (v == null || v < 1) {
                        return done(Reply.error("ERR client-id should be greater than 0"));
                    }
                    id = v;
                } else if (is(argv[i], "type")) {
                    type = Args.str(value).toLowerCase(java.util.Locale.ROOT);
                    if (!List.of("normal", "slave", "replica", "master", "pubsub").contains(type)) {
                        return done(Reply.error("ERR Unknown client type '" + Args.str(value) + "'"));
                    }
                } else if (is(argv[i], "addr")) {
                    addr = Args.str(value);
                } else if (is(argv[i], "laddr")) {
                    laddr = Args.str(value);
                } else if (is(argv[i], "user")) {
                    user = Args.str(value);
                    Acl acl = self.node() == null ? null : self.node().acl();
                    if (acl == null ? !user.equals("default") : acl.user(user) == null) {
                        return done(Reply.error("ERR No such user '" + user + "'"));
                    }
                } else if (is(argv[i], "skipme")) {
                    if (is(value, "yes")) {
                        skipMe = true;
                    } else if (is(value, "no")) {
                        skipMe = false;
                    } else {
                        return done(SYNTAX_ERROR);
                    }
                } else if (is(argv[i], "maxage")) {
                    Long v = Args.toLong(value);
                    if (v == null) {
                        return done(Reply.error("ERR maxage is not an integer or out of range"));
                    }
                    maxAge = v;
                } else {
                    return done(SYNTAX_ERROR);
                }
            }
        }
        long now = System.currentTimeMillis();
        int killed = 0;
        boolean killSelf = false;
        List<java.util.concurrent.CompletableFuture<Void>> closing = new ArrayList<>();
        for (Session c : clients(self)) {
            if ((id != null && c.id() != id)
                    || (type != null && !type.equals(ConnectionCommands.clientType(c)))
                    || (addr != null && !addr.equals(c.remoteAddress()))
                    || (laddr != null && !laddr.equals(c.localAddress()))
                    || (user != null && !user.equals(c.user()))
                    || (maxAge > 0 && (now - c.createdAtMillis()) / 1000 < maxAge)
                    || (c == self && skipMe)) {
                continue;
            }
            if (c == self) {
                killSelf = true;
            } else {
                java.util.concurrent.CompletionStage<Void> closed = c.kill();
                if (closed != null) {
                    closing.add(closed.toCompletableFuture());
                }
            }
            killed++;
        }
        if (killSelf) {
            self.closeAfterReply();
        }
        Reply reply = argv.length != 3 ? Reply.integer(killed)
                : killed == 0 ? Reply.error("ERR No such client") : Reply.OK;
        // reply once the victims are closed, so the caller never sees them still answering
        return java.util.concurrent.CompletableFuture.allOf(closing.toArray(new java.util.concurrent.CompletableFuture[0]))
                .thenApply(v -> reply);
    }

    /** This node's connections; just the caller where the node keeps no registry (tests). */
    static List<Session> clients(Session self) {
        List<Session> all = new ArrayList<>();
        NodeServices node = self.node();
        if (node != null) {
            all.addAll(node.clients());
        }
        if (!all.contains(self)) {
            all.add(self);
        }
        return all;
    }
}

package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A logged write whose client reply is finished on the node the client is connected to, after
 * the replicated result comes back: PUBLISH answers how many of that node's clients received
 * the message, which only that node knows.
 */
public interface LocalReply {
    CompletionStage<Reply> localReply(Session session, Reply applied);

    /** Finishes the replies of an EXEC block's {@link LocalReply} commands. */
    static CompletionStage<Reply> inBlock(Session session, CommandTable table, List<byte[][]> commands,
                                          Reply applied) {
        if (!(applied instanceof Reply.Array array) || array.items().size() != commands.size()) {
            return CompletableFuture.completedFuture(applied);
        }
        List<CompletableFuture<Reply>> items = new ArrayList<>(commands.size());
        boolean any = false;
        for (int i = 0; i < commands.size(); i++) {
            CommandSpec spec = table.lookup(commands.get(i)[0]);
            Reply item = array.items().get(i);
            if (spec != null && spec.handler() instanceof LocalReply local) {
                items.add(local.localReply(session, item).toCompletableFuture());
                any = true;
            } else {
                items.add(CompletableFuture.completedFuture(item));
            }
        }
        if (!any) {
            return CompletableFuture.completedFuture(applied);
        }
        return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Reply> out = new ArrayList<>(items.size());
            items.forEach(f -> out.add(f.join()));
            return Reply.array(out);
        });
    }
}

package io.redraft.it;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a directory, to give a node a disk that fills up. Needs root (CI and
 * the development machine run tests as root); where mounting is refused the calling test is
 * skipped, never failed. Unmounted on {@link #close} and, as a last resort, when the JVM exits.
 */
final class Tmpfs implements AutoCloseable {
    final Path dir;
    private final Path ballast;
    private final Thread unmountOnExit;
    private boolean mounted = true;

    private Tmpfs(Path dir) {
        this.dir = dir;
        this.ballast = dir.resolve("ballast");
        this.unmountOnExit = new Thread(this::unmountQuietly, "tmpfs-unmount " + dir);
        Runtime.getRuntime().addShutdownHook(unmountOnExit);
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: {@code 32m}) on {@code dir}, or skips the test. */
    static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        Assumptions.assumeTrue(r.code == 0, "cannot mount a tmpfs on " + dir + " (needs root and a kernel that "
                + "allows it): " + r.output.strip());
        return new Tmpfs(dir);
    }

    /** Fills the file system with a ballast file until the next write gets ENOSPC; returns its size. */
    long fill() throws IOException {
        return fill(0);
    }

    /** Fills the file system, then gives back {@code leaveFree} bytes (e.g. for the log's small writes). */
    long fill(long leaveFree) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (FileOutputStream out = new FileOutputStream(ballast.toFile(), true)) {
            for (int size = chunk.length; size >= 512; size /= 2) {
                try {
                    while (true) {
                        out.write(chunk, 0, size);
                        written += size;
                    }
                } catch (IOException full) {
                    // no room for this size: try smaller pieces
                }
            }
            out.getChannel().truncate(Math.max(0, written - leaveFree));
        }
        return Math.max(0, written - leaveFree);
    }

    /** Removes the ballast: the space is back. */
    void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (!mounted) {
            return;
        }
        Result r = run("umount", dir.toString());
        if (r.code != 0) {
            // still busy (a node process that would not die): detach it so nothing stays behind
            r = run("umount", "-l", dir.toString());
        }
        mounted = r.code != 0;
        try {
            Runtime.getRuntime().removeShutdownHook(unmountOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran
        }
        if (mounted) {
            throw new IOException("could not unmount " + dir + ": " + r.output.strip());
        }
    }

    private synchronized void unmountQuietly() {
        if (mounted) {
            try {
                run("umount", "-l", dir.toString());
                mounted = false;
            } catch (IOException | InterruptedException e) {
                // the JVM is exiting; nothing more to do
            }
        }
    }

    private record Result(int code, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noSuchCommand) {
            return new Result(127, noSuchCommand.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, command[0] + " timed out");
        }
        return new Result(p.exitValue(), output);
    }
}

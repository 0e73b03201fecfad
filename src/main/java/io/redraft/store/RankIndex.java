package io.redraft.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Members in unsigned byte order with rank selection: a list of sorted blocks of about
 * {@link #BLOCK} members. Insert, remove and select cost O(log n + BLOCK + n / BLOCK), a few
 * microseconds for a million members. Backs {@link SetValue#popRandom}, which must choose by
 * rank in a layout-independent order.
 */
final class RankIndex {
    static final int BLOCK = 512;

    private final List<byte[][]> blocks = new ArrayList<>();
    private final List<int[]> sizes = new ArrayList<>(); // one-element arrays, parallel to blocks
    private int size;

    /** Builds from members already in unsigned byte order. */
    RankIndex(byte[][] sortedMembers) {
        rebuild(sortedMembers);
    }

    int size() {
        return size;
    }

    private void rebuild(byte[][] sortedMembers) {
        blocks.clear();
        sizes.clear();
        size = sortedMembers.length;
        for (int from = 0; from < sortedMembers.length; from += BLOCK) {
            int n = Math.min(BLOCK, sortedMembers.length - from);
            byte[][] block = new byte[2 * BLOCK][];
            System.arraycopy(sortedMembers, from, block, 0, n);
            blocks.add(block);
            sizes.add(new int[] {n});
        }
    }

    private byte[][] toArray() {
        byte[][] all = new byte[size][];
        int at = 0;
        for (int b = 0; b < blocks.size(); b++) {
            int n = sizes.get(b)[0];
            System.arraycopy(blocks.get(b), 0, all, at, n);
            at += n;
        }
        return all;
    }

    /** The block that holds, or would hold, {@code m}: the first whose last member is >= m. */
    private int blockFor(byte[] m) {
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[][] block = blocks.get(mid);
            if (Arrays.compareUnsigned(block[sizes.get(mid)[0] - 1], m) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void insert(byte[] m) {
        if (blocks.isEmpty()) {
            rebuild(new byte[][] {m});
            return;
        }
        int b = blockFor(m);
        byte[][] block = blocks.get(b);
        int[] n = sizes.get(b);
        int at = -1 - Arrays.binarySearch(block, 0, n[0], m, Arrays::compareUnsigned);
        if (at < 0) {
            throw new IllegalStateException("member already indexed");
        }
        System.arraycopy(block, at, block, at + 1, n[0] - at);
        block[at] = m;
        n[0]++;
        size++;
        if (n[0] == block.length) { // split in halves
            byte[][] upper = new byte[2 * BLOCK][];
            int half = n[0] / 2;
            System.arraycopy(block, half, upper, 0, n[0] - half);
            Arrays.fill(block, half, n[0], null);
            blocks.add(b + 1, upper);
            sizes.add(b + 1, new int[] {n[0] - half});
            n[0] = half;
        }
    }

    void remove(byte[] m) {
        int b = blockFor(m);
        byte[][] block = blocks.get(b);
        int[] n = sizes.get(b);
        int at = Arrays.binarySearch(block, 0, n[0], m, Arrays::compareUnsigned);
        if (at < 0) {
            throw new IllegalStateException("member not indexed");
        }
        removeAt(b, at);
    }

    private void removeAt(int b, int at) {
        byte[][] block = blocks.get(b);
        int[] n = sizes.get(b);
        System.arraycopy(block, at + 1, block, at, n[0] - at - 1);
        block[--n[0]] = null;
        size--;
        if (n[0] == 0) {
            blocks.remove(b);
            sizes.remove(b);
        }
        if (blocks.size() > 8 && blocks.size() > 4 * (size / BLOCK + 1)) {
            rebuild(toArray()); // many sparse blocks after removals: repack
        }
    }

    /** The member of rank {@code k} (0-based). */
    byte[] get(int k) {
        for (int b = 0; ; b++) {
            int n = sizes.get(b)[0];
            if (k < n) {
                return blocks.get(b)[k];
            }
            k -= n;
        }
    }
}

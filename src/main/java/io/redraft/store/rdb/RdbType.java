package io.redraft.store.rdb;

/** RDB object type bytes (rdb.h), and the RDB version this codec writes. */
final class RdbType {
    /** Redis 7.0's RDB_VERSION: the newest version a Redis 7.0 RESTORE accepts. */
    static final int WRITE_VERSION = 10;
    /** Redis 7.2 writes version 11 (it adds SET_LISTPACK); reading it is as cheap as reading 10. */
    static final int MAX_READ_VERSION = 11;

    static final int STRING = 0;
    static final int LIST = 1;
    static final int SET = 2;
    static final int ZSET = 3;
    static final int HASH = 4;
    static final int ZSET_2 = 5;
    static final int HASH_ZIPMAP = 9;
    static final int LIST_ZIPLIST = 10;
    static final int SET_INTSET = 11;
    static final int ZSET_ZIPLIST = 12;
    static final int HASH_ZIPLIST = 13;
    static final int LIST_QUICKLIST = 14;
    static final int STREAM_LISTPACKS = 15;
    static final int HASH_LISTPACK = 16;
    static final int ZSET_LISTPACK = 17;
    static final int LIST_QUICKLIST_2 = 18;
    static final int STREAM_LISTPACKS_2 = 19;
    static final int SET_LISTPACK = 20;

    /** Length encodings (the top two bits of the first byte). */
    static final int LEN_6BIT = 0;
    static final int LEN_14BIT = 1;
    static final int LEN_32BIT = 0x80;
    static final int LEN_64BIT = 0x81;
    static final int ENCVAL = 3;
    static final int ENC_INT8 = 0;
    static final int ENC_INT16 = 1;
    static final int ENC_INT32 = 2;
    static final int ENC_LZF = 3;

    /** Quicklist node containers (RDB_TYPE_LIST_QUICKLIST_2). */
    static final int QUICKLIST_PLAIN = 1;
    static final int QUICKLIST_PACKED = 2;

    private RdbType() {
    }
}

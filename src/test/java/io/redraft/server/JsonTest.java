package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesAndEscapesText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 42L);
        m.put("ok", true);
        m.put("none", null);
        m.put("list", Arrays.asList(1, "a", null));
        m.put("text", "q\"b\\\n\t<script>&\u0001");
        String json = Json.write(m);
        assertEquals("{\"n\":42,\"ok\":true,\"none\":null,\"list\":[1,\"a\",null],"
                + "\"text\":\"q\\\"b\\\\\\n\\t\\u003cscript\\u003e\\u0026\\u0001\"}", json);
        JSONObject parsed = new JSONObject(json); // and a real parser reads it back
        assertEquals("q\"b\\\n\t<script>&\u0001", parsed.getString("text"));
        assertEquals(List.of(1, "a"), parsed.getJSONArray("list").toList().subList(0, 2));
    }
}

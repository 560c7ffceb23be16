package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict JSON reader and the string writer behind safetensors headers. */
class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, -0.25E-1], \"b\": {\"c\": true, \"d\": false, \"e\": null},"
                + " \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"} ");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("a", "b", "s");
        assertThat(m.get("a")).isEqualTo(List.of(1L, -2L, 3.5, 1000.0, -0.025));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertThat(b.get("c")).isEqualTo(Boolean.TRUE);
        assertThat(b.get("d")).isEqualTo(Boolean.FALSE);
        assertThat(b.get("e")).isSameAs(Json.NULL);
        assertThat(m.get("s")).isEqualTo("q\"\\/\b\f\n\r\té\uD83D\uDE00");
        assertThat(Json.parse("[]")).isEqualTo(List.of());
        assertThat(Json.parse("{}")).isEqualTo(Map.of());
        assertThat(Json.parse("99999999999999999999")).isEqualTo(1e20);
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        for (String bad : new String[] {
            "", "{", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "1e", "+1",
            "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"tab\there\"", "tru", "nul", "{} {}", "[1]]",
            "{\"a\":1,\"a\":2}", "'a'", "NaN", "Infinity",
        }) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid JSON at character");
        }
    }

    @Test
    void deepNestingIsRejectedWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than");
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(List.class);
    }

    @Test
    void writtenStringsReadBack() {
        String s = "a\"b\\c\nd\u0001é😀/";
        StringBuilder out = new StringBuilder();
        Json.writeString(out, s);
        assertThat(out.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é😀/\"");
        assertThat(Json.parse(out.toString())).isEqualTo(s);
    }
}

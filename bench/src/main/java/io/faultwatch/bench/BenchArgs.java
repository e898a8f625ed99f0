package io.faultwatch.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} arguments of a benchmark program, read once against the names it knows. */
final class BenchArgs {

    private final Map<String, String> values;

    private BenchArgs(Map<String, String> values) {
        this.values = values;
    }

    static BenchArgs parse(String[] args, List<String> names) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !names.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; known: --" + String.join(", --", names));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new BenchArgs(values);
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int intArg(String name, int fallback, int min, int max) {
        long value = longArg(name, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    long longArg(String name, long fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + raw + "'", e);
        }
    }
}

package org.stromasim;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bytes of the primitive arrays an object graph of the project holds, each array counted once across
 * calls: what memory estimates are checked against. Follows the project's own objects, arrays,
 * collections and maps; the JDK's own objects (threads, locks) hold no grid-sized arrays of ours.
 */
public final class HeldArrayBytes {

    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Bytes reachable from {@code root} through arrays not counted by an earlier call. */
    public long of(Object root) {
        try {
            return reachable(root);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private long reachable(Object root) throws IllegalAccessException {
        if (root == null || !seen.add(root)) {
            return 0;
        }
        Class<?> type = root.getClass();
        if (type.isArray()) {
            if (root instanceof Object[] elements) {
                return sum(Arrays.asList(elements));
            }
            long n = Array.getLength(root);
            return switch (type.getComponentType().getName()) {
                case "byte", "boolean" -> n;
                case "short", "char" -> 2 * n;
                case "int", "float" -> 4 * n;
                default -> 8 * n;
            };
        }
        if (root instanceof Collection<?> elements) {
            return sum(elements);
        }
        if (root instanceof Map<?, ?> map) {
            return sum(map.values());
        }
        long bytes = 0;
        for (Class<?> k = type; k != null && k.getName().startsWith("org.stromasim."); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    bytes += reachable(f.get(root));
                }
            }
        }
        return bytes;
    }

    private long sum(Collection<?> elements) throws IllegalAccessException {
        long bytes = 0;
        for (Object e : elements) {
            if (e != null) {
                bytes += reachable(e);
            }
        }
        return bytes;
    }
}

package io.taskbeam.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Strictness for fabric8 models: they keep fields they do not know in {@code additionalProperties}
 * instead of failing, so a misspelt or misplaced field ({@code volumMounts}, {@code ports} under
 * the pod instead of the container) would parse silently. This walks every model property of a
 * parsed object and reports each unknown field with its path.
 */
final class StrictModel {
  private StrictModel() {}

  /** Paths of unknown fields, e.g. {@code spec.template.spec.containers[0].volumMounts}. */
  static List<String> unknownFields(Object model) {
    List<String> unknown = new ArrayList<>();
    walk(model, "", unknown);
    return unknown;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value == null) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", unknown));
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0) {
        continue;
      }
      try {
        if (getter.getName().equals("getAdditionalProperties")) {
          Object extra = getter.invoke(value);
          if (extra instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> unknown.add(join(path, k.toString())));
          }
        } else if (getter.isAnnotationPresent(JsonProperty.class)) {
          String name = getter.getAnnotation(JsonProperty.class).value();
          walk(getter.invoke(value), join(path, name), unknown);
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + join(path, getter.getName()), e);
      }
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

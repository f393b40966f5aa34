package io.taskbeam.internal.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Raises the level of the few Flink loggers that repeat, with their whole stack traces, a failure
 * taskbeam reports itself in one line (the full trace goes to the run directory): the REST client's
 * failed requests, and in an embedded mini cluster the failed task's own ERROR and WARN lines (59
 * lines each for one failed task). It works through the logging backend bound to slf4j at run time,
 * since the program's logging configuration is its own (slf4j-simple under {@code mvn exec:java}
 * here; log4j 2, Logback, java.util.logging or reload4j in a user's project), and only where that
 * configuration says nothing about the logger: a level set for it explicitly wins.
 */
final class FlinkLogLevels {
  /**
   * Loggers of every Flink session: Beam's runner warns on every job that the {@code fasterCopy}
   * option is off (taskbeam leaves Beam's copying as it is), the token manager that there are no
   * tokens.
   */
  static final Map<String, String> COMMON =
      Map.of(
          "org.apache.beam.runners.flink.FlinkRunner", "ERROR",
          "org.apache.flink.runtime.security.token.DefaultDelegationTokenManager", "ERROR");

  /** Loggers of a session cluster's client, and the level each gets. */
  static final Map<String, String> CLIENT =
      Map.of(
          "org.apache.flink.runtime.rest.RestClient", "OFF",
          "org.apache.flink.client.program.rest.RestClusterClient", "OFF");

  /**
   * Loggers of an embedded mini cluster that report a failed task, or say nothing to act on (no log
   * file for the web UI; every operator name of Beam's over Flink's 80-character metric limit).
   */
  static final Map<String, String> EMBEDDED =
      Map.of(
          "org.apache.flink.runtime.operators.BatchTask", "OFF",
          "org.apache.flink.runtime.taskmanager.Task", "ERROR",
          "org.apache.flink.runtime.webmonitor.WebMonitorUtils", "ERROR",
          "org.apache.flink.metrics.MetricGroup", "ERROR");

  /** Loggers configured through java.util.logging, held so that their level is not collected. */
  private static final List<java.util.logging.Logger> HELD = new ArrayList<>();

  private FlinkLogLevels() {}

  /**
   * Sets each logger of {@code levels} (name to {@code ERROR} or {@code OFF}) on the bound backend;
   * returns the names it set, for tests. A backend it does not know, or one that refuses, is left
   * alone: the worst case is the log lines of before.
   */
  static List<String> apply(Map<String, String> levels) {
    String backend = LoggerFactory.getILoggerFactory().getClass().getName();
    List<String> set = new ArrayList<>();
    levels.forEach(
        (name, level) -> {
          try {
            if (apply(backend, name, level)) {
              set.add(name);
            }
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // another version of the backend: its lines stay
          }
        });
    return set;
  }

  private static boolean apply(String backend, String name, String level)
      throws ReflectiveOperationException {
    if (backend.startsWith("org.slf4j.simple.")) {
      // read once, when the logger is made: before Flink's classes make theirs
      String key = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(key) != null) {
        return false;
      }
      System.setProperty(key, level.toLowerCase(java.util.Locale.ROOT));
      return true;
    }
    if (backend.startsWith("org.apache.logging.slf4j.")) {
      return log4j2(name, level);
    }
    if (backend.startsWith("ch.qos.logback.")) {
      return logback(name, level);
    }
    if (backend.startsWith("org.slf4j.jul.")) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
      if (logger.getLevel() != null) {
        return false;
      }
      logger.setLevel(
          level.equals("OFF") ? java.util.logging.Level.OFF : java.util.logging.Level.SEVERE);
      synchronized (HELD) {
        HELD.add(logger);
      }
      return true;
    }
    if (backend.startsWith("org.slf4j.reload4j.")) {
      ClassLoader loader = LoggerFactory.getILoggerFactory().getClass().getClassLoader();
      Class<?> loggerClass = Class.forName("org.apache.log4j.Logger", true, loader);
      Class<?> levelClass = Class.forName("org.apache.log4j.Level", true, loader);
      Object logger = loggerClass.getMethod("getLogger", String.class).invoke(null, name);
      if (loggerClass.getMethod("getLevel").invoke(logger) != null) {
        return false;
      }
      Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
      loggerClass.getMethod("setLevel", levelClass).invoke(logger, value);
      return true;
    }
    return false; // NOP or unknown: nothing is printed, or nothing we can change
  }

  /**
   * log4j 2 core: a logger config of its own unless the configuration names the logger. The context
   * is the one Flink's classes log to (log4j keeps one per class loader).
   */
  private static boolean log4j2(String name, String level) throws ReflectiveOperationException {
    ClassLoader loader = LoggerFactory.getILoggerFactory().getClass().getClassLoader();
    Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager", true, loader);
    Object context =
        logManager
            .getMethod("getContext", ClassLoader.class, boolean.class)
            .invoke(null, FlinkLogLevels.class.getClassLoader(), false);
    Object config = context.getClass().getMethod("getConfiguration").invoke(context);
    Object loggerConfig =
        config.getClass().getMethod("getLoggerConfig", String.class).invoke(config, name);
    if (name.equals(loggerConfig.getClass().getMethod("getName").invoke(loggerConfig))) {
      return false; // the configuration names this logger
    }
    Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level", true, loader);
    Object value = levelClass.getMethod("getLevel", String.class).invoke(null, level);
    Class<?> configurator =
        Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader);
    Class<?> loggerClass = Class.forName("org.apache.logging.log4j.Logger", true, loader);
    Object logger = context.getClass().getMethod("getLogger", String.class).invoke(context, name);
    configurator.getMethod("setLevel", loggerClass, levelClass).invoke(null, logger, value);
    return true;
  }

  /** Logback: the logger's own level, unless the configuration gave it one. */
  private static boolean logback(String name, String level) throws ReflectiveOperationException {
    Object logger = LoggerFactory.getLogger(name);
    Class<?> levelClass =
        Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
    if (logger.getClass().getMethod("getLevel").invoke(logger) != null) {
      return false;
    }
    Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, value);
    return true;
  }
}

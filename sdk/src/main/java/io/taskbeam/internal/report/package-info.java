/**
 * The run directory's files, each a pure function of a {@link
 * io.taskbeam.internal.observe.RunRecord}: the task graph and the plans in DOT (SVG through
 * Graphviz when installed), the trace as Chrome Trace Event JSON (Perfetto) and as Paraver {@code
 * .prv}/{@code .pcf}/{@code .row}, and {@code report.html}: the live dashboard's page frozen with
 * the run's final state (one renderer for both), plus the sections only a finished run has. The
 * traces share one worker layout (hosts, TaskManagers, threads); every view has one colour per task
 * function.
 */
package io.taskbeam.internal.report;

/**
 * The run directory's files, each a pure function of a {@link
 * io.taskbeam.internal.observe.RunRecord}: the task graph and the plans in DOT (SVG through
 * Graphviz when installed), the trace as Chrome Trace Event JSON (Perfetto) and as Paraver {@code
 * .prv}/{@code .pcf}/{@code .row}, and the self-contained HTML report. All views share one worker
 * layout (hosts, TaskManagers, threads) and one colour per task function.
 */
package io.taskbeam.internal.report;
